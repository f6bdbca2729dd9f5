// The generator without a database: determinism, windows that add up, scale, the hostile corpus and
// the statement-text rules it shares with rs_internal.record_query.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateWorkload,
  generateWorkloadWindow,
  type WorkloadBatch,
  type WorkloadOptions,
} from '../../../electron/demo/workload/generateWorkload.ts';
import { HOSTILE_STRINGS } from '../../../electron/demo/workload/hostileStrings.ts';
import { RELATIONS, type ColumnSpec, type RelationName } from '../../../electron/demo/workload/relations.ts';
import { SCENARIOS, scenarioCalendar } from '../../../electron/demo/workload/scenarios.ts';
import { queryTypeOf, splitStatementText } from '../../../electron/demo/workload/statementText.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const base: WorkloadOptions = { seed: 7, scale: 'small', nights: 3, now: NOW };

function digest(batches: Iterable<WorkloadBatch>): string {
  const hash = createHash('sha256');
  for (const batch of batches) hash.update(JSON.stringify(batch));
  return hash.digest('hex');
}

const ID_KINDS = new Set(['qid', 'qid8', 'xid', 'xid4']);

/** Rows of day batches with local ids removed, as sorted JSON lines per relation. */
function withoutIds(batches: Iterable<WorkloadBatch>): Map<RelationName, string[]> {
  const out = new Map<RelationName, string[]>();
  for (const batch of batches) {
    if (batch.kind !== 'day') continue;
    for (const relation of Object.keys(RELATIONS) as RelationName[]) {
      const columns = RELATIONS[relation] as readonly ColumnSpec[];
      const list = out.get(relation) ?? [];
      for (const row of batch.rows[relation] as readonly Record<string, unknown>[]) {
        const kept = columns
          .filter(([, kind]) => !ID_KINDS.has(kind))
          .map(([name]) => {
            const v = row[name];
            return typeof v === 'string' ? v.replace(/\u0000Q\d+\u0000/g, '<query>') : v;
          });
        list.push(JSON.stringify(kept));
      }
      out.set(relation, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

describe('generateWorkload', () => {
  it('generates the same rows for the same seed and minute, and different rows for another seed', () => {
    const first = digest(generateWorkload(base));
    expect(digest(generateWorkload(base))).toBe(first);
    expect(digest(generateWorkload({ ...base, now: new Date(NOW.getTime() + 42_000) }))).toBe(first);
    expect(digest(generateWorkload({ ...base, seed: 8 }))).not.toBe(first);
  });

  it('covers `nights` nights ending at now, and nothing after now', () => {
    const days = [...generateWorkload(base)].filter((b) => b.kind === 'day').map((b) => b.day);
    expect(days).toEqual(['2025-03-08', '2025-03-09', '2025-03-10']);
    for (const batch of generateWorkload(base)) {
      for (const row of batch.rows.stl_query) {
        expect(row.endtime).toBeLessThan(NOW.getTime() * 1000);
        expect(row.starttime).toBeGreaterThanOrEqual(Date.parse('2025-03-08T00:00:00Z') * 1000);
      }
    }
  });

  it('gives consecutive windows the same rows as one window over their union (appendWorkload)', () => {
    const a = new Date('2025-03-08T00:00:00Z');
    const b = new Date('2025-03-09T07:13:00Z');
    const c = new Date('2025-03-10T18:00:00Z'); // past `now`: the days go on
    const whole = withoutIds(generateWorkloadWindow(base, a, c));
    const parts = withoutIds([...generateWorkloadWindow(base, a, b), ...generateWorkloadWindow(base, b, c)]);
    for (const [relation, list] of whole) {
      expect(parts.get(relation)?.length, relation).toBe(list.length);
      expect(parts.get(relation), relation).toEqual(list);
    }
    expect(whole.get('stl_query')?.length).toBeGreaterThan(1000);
  });

  it('writes the same nights newest first (a first start shows the last night early), scenarios on their dates', () => {
    const oldest = [...generateWorkload(base)];
    const newest = [...generateWorkload(base, 'newest-first')];
    const days = (batches: WorkloadBatch[]) => batches.filter((b) => b.kind === 'day').map((b) => b.day);
    expect(days(newest)).toEqual(['2025-03-10', '2025-03-09', '2025-03-08']);
    // Each night's rows are exactly the same, whatever the order (ids included: they are local).
    expect(digest(newest.filter((b) => b.kind === 'day').reverse())).toBe(
      digest(oldest.filter((b) => b.kind === 'day')),
    );
    expect(newest.at(-1)).toEqual(oldest.at(-1));
  });

  it('keeps scenarios on their dates whatever the number of nights', () => {
    const short = scenarioCalendar(NOW, 10);
    const long = scenarioCalendar(NOW, 75);
    expect(short.regression).toEqual({ date: '2025-03-08', daysBeforeNow: 2, nightIndex: 7 });
    expect(long.regression.date).toBe(short.regression.date);
    expect(long.regression.nightIndex).toBe(72);
    expect(long.monthStarts).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-02-01',
      '2025-02-02',
      '2025-03-01',
      '2025-03-02',
    ]);
    expect(scenarioCalendar(NOW, 3).qmrAbort.nightIndex).toBeNull();
  });

  it('produces about 6.7k queries per ordinary night at large scale and a tenth of that at small', () => {
    const count = (scale: 'small' | 'large'): number[] =>
      [...generateWorkload({ seed: 1, scale, nights: 2, now: new Date('2025-02-20T23:59:00Z') })]
        .filter((b) => b.kind === 'day')
        .map((b) => b.rows.stl_query.length);
    const large = count('large');
    const small = count('small');
    for (const n of large) {
      expect(n).toBeGreaterThan(5500);
      expect(n).toBeLessThan(8500);
    }
    for (const n of small) {
      expect(n).toBeGreaterThan(300);
      expect(n).toBeLessThan(1500);
    }
  });
});

describe('hostile strings', () => {
  it('has a corpus of at least 200 distinct strings without NUL, covering every kind', () => {
    expect(HOSTILE_STRINGS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(HOSTILE_STRINGS.map((h) => h.value)).size).toBe(HOSTILE_STRINGS.length);
    expect(new Set(HOSTILE_STRINGS.map((h) => h.id)).size).toBe(HOSTILE_STRINGS.length);
    for (const h of HOSTILE_STRINGS) expect(h.value.includes('\u0000'), h.id).toBe(false);
    expect(new Set(HOSTILE_STRINGS.map((h) => h.category))).toEqual(
      new Set([
        'script',
        'event-handler',
        'javascript-url',
        'svg',
        'control-char',
        'long-line',
        'bidi',
        'emoji',
        'sql-injection',
        'markup-misc',
      ]),
    );
    expect(HOSTILE_STRINGS.some((h) => h.value.length >= 4000 && !h.value.includes('\n'))).toBe(true);
  });

  it('uses every string at least once in any three consecutive days', () => {
    const strings: string[] = [];
    for (const batch of generateWorkload(base)) {
      for (const list of Object.values(batch.rows) as Record<string, unknown>[][]) {
        for (const row of list)
          for (const v of Object.values(row)) if (typeof v === 'string') strings.push(v);
      }
    }
    const haystack = strings.join('\u0001\u0002');
    const missing = HOSTILE_STRINGS.filter(
      (h) => !haystack.includes(h.value) && !haystack.includes(h.value.replace(/'/g, "''")),
    ).map((h) => h.id);
    expect(missing).toEqual([]);
    expect(
      SCENARIOS.hostile.queries * SCENARIOS.hostile.perQuery +
        SCENARIOS.hostile.labels +
        SCENARIOS.hostile.loadErrors,
    ).toBeGreaterThan(HOSTILE_STRINGS.length / 3);
  });

  it("puts control characters or bidi overrides in every day's rejected rows (their views label them)", () => {
    const invisible = HOSTILE_STRINGS.filter((h) => h.category === 'control-char' || h.category === 'bidi');
    const perDay = new Map<string, number>();
    for (const batch of generateWorkload({ ...base, nights: 6 })) {
      if (batch.kind !== 'day') continue;
      const rows = (batch.rows.stl_load_errors ?? []) as { raw_field_value: string }[];
      const planted = rows.filter((r) => invisible.some((h) => r.raw_field_value.includes(h.value)));
      perDay.set(batch.day, (perDay.get(batch.day) ?? 0) + planted.length);
    }
    expect(perDay.size).toBeGreaterThanOrEqual(6);
    for (const [day, n] of perDay) expect({ day, planted: n > 0 }).toEqual({ day, planted: true });
  });
});

describe('statement text', () => {
  it('escapes backslashes and newlines and never splits an escape across pieces', () => {
    expect(splitStatementText('a\nb\\c', 200)).toEqual(['a\\nb\\\\c']);
    const text = `${'x'.repeat(199)}\n${'y'.repeat(10)}`;
    expect(splitStatementText(text, 200)).toEqual(['x'.repeat(199), `\\n${'y'.repeat(10)}`]);
    expect(splitStatementText('', 200)).toEqual(['']);
    // Characters, not UTF-16 units: 200 emoji fit one piece.
    expect(splitStatementText('🎵'.repeat(201), 200)).toEqual(['🎵'.repeat(200), '🎵']);
  });

  it('classifies statements like rs_internal.query_type_of', () => {
    expect(queryTypeOf('-- churn\nWITH x AS (SELECT 1) SELECT * FROM x')).toBe('SELECT');
    expect(queryTypeOf('create temp table my_sessions as select 1')).toBe('CTAS');
    expect(queryTypeOf('COPY raw.plays_events FROM ...')).toBe('COPY');
    expect(queryTypeOf('DELETE FROM t')).toBe('OTHER');
    expect(queryTypeOf('ANALYZE t;')).toBe('COMMAND');
    expect(queryTypeOf('SET query_group TO x')).toBe('UTILITY');
    expect(queryTypeOf('/* x */ DROP TABLE t')).toBe('DDL');
  });
});
