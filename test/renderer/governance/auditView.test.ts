import { describe, expect, it } from 'vitest';
import {
  auditArgsOf,
  NO_FILTERS,
  readableJson,
  targetSummary,
  utcFromInput,
} from '../../../renderer/src/features/governance/auditFilters.ts';
import { lineDiff } from '../../../renderer/src/features/governance/textDiff.ts';

describe('audit filters', () => {
  it('reads the time inputs as UTC and takes the whole "to" minute', () => {
    expect(utcFromInput('2026-11-26T06:45', 'from')).toBe('2026-11-26T06:45:00.000Z');
    expect(utcFromInput('2026-11-26T06:45', 'to')).toBe('2026-11-26T06:45:59.999Z');
    expect(utcFromInput('yesterday', 'from')).toBeNull();
    // The app's ISO dates, whatever the browser's locale: a space, or a bare date for the whole day.
    expect(utcFromInput('2026-11-26 06:45', 'from')).toBe('2026-11-26T06:45:00.000Z');
    expect(utcFromInput('2026-11-26', 'from')).toBe('2026-11-26T00:00:00.000Z');
    expect(utcFromInput('2026-11-26', 'to')).toBe('2026-11-26T23:59:59.999Z');
    expect(utcFromInput('11/26/2026, 06:45 AM', 'from')).toBeNull();
  });

  it('sends only the filters that are set, with the page', () => {
    expect(auditArgsOf(NO_FILTERS, { limit: 50, offset: 0 })).toEqual({
      ok: true,
      args: { limit: 50, offset: 0 },
    });
    expect(
      auditArgsOf(
        {
          ...NO_FILTERS,
          action: 'actions.cancel',
          outcome: 'refused',
          text: '  pg_sleep ',
          from: '2026-01-01T00:00',
        },
        { limit: 50, offset: 100 },
      ),
    ).toEqual({
      ok: true,
      args: {
        limit: 50,
        offset: 100,
        action: 'actions.cancel',
        outcome: 'refused',
        text: 'pg_sleep',
        from: '2026-01-01T00:00:00.000Z',
      },
    });
  });

  it('refuses a range that ends before it starts', () => {
    const check = auditArgsOf(
      { ...NO_FILTERS, from: '2026-01-02T00:00', to: '2026-01-01T00:00' },
      { limit: 1, offset: 0 },
    );
    expect(check).toEqual({ ok: false, message: '"From" is after "To".' });
  });

  it('summarises a statement target in words and keeps anything else as recorded', () => {
    expect(targetSummary('{"pid":7,"query":42,"userName":"analyst_anna"}')).toBe(
      'query 42, pid 7, user analyst_anna',
    );
    expect(targetSummary('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(targetSummary(null)).toBe('–');
    expect(readableJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(readableJson('not json')).toBe('not json');
  });
});

describe('line diff', () => {
  it('marks the lines only before and only after', () => {
    const before = readableJson('[{"name":"etl","query_concurrency":3},{"name":"Default queue"}]');
    const after = readableJson('[{"name":"etl","query_concurrency":4},{"name":"Default queue"}]');
    const diff = lineDiff(before, after);
    expect(diff.filter((l) => l.kind === '-').map((l) => l.text.trim())).toEqual(['"query_concurrency": 3']);
    expect(diff.filter((l) => l.kind === '+').map((l) => l.text.trim())).toEqual(['"query_concurrency": 4']);
    expect(diff.filter((l) => l.kind === ' ').length).toBe(before.split('\n').length - 1);
  });

  it('handles empty sides', () => {
    expect(lineDiff('', 'a')).toEqual([{ kind: '+', text: 'a' }]);
    expect(lineDiff('a', '')).toEqual([{ kind: '-', text: 'a' }]);
  });
});
