// Defect #13.4: every string, list and number any method takes has an upper bound, so no call can carry
// megabytes into the store or the audit log; and an argument over its bound is told so in words.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES } from '../../shared/api.ts';
import { argSchemas, validateArgs } from '../../shared/validate.ts';
import { defOf, unwrapped } from '../support/zodDef.ts';

/** Paths of the values in a schema that have no upper bound. */
function unbounded(wrapped: z.ZodType, path: string): string[] {
  const schema = unwrapped(wrapped);
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => unbounded(v, `${path}.${k}`));
    case 'union':
      return (def.options ?? []).flatMap((o) => unbounded(o, path));
    case 'record':
      // The record's size is bounded by a refinement, checked by behaviour below.
      return [...unbounded(def.keyType!, `${path}[key]`), ...unbounded(def.valueType!, `${path}[value]`)];
    case 'array': {
      const capped = (def.checks ?? []).some((c) => c._zod.def.check === 'max_length');
      return [...(capped ? [] : [path]), ...unbounded(def.element!, `${path}[]`)];
    }
    case 'string':
      return (schema as z.ZodString).maxLength === null ? [path] : [];
    case 'number': {
      const n = schema as z.ZodNumber;
      return Number.isFinite(n.maxValue) && Number.isFinite(n.minValue) ? [] : [path];
    }
    case 'boolean':
    case 'enum':
    case 'literal':
      return [];
    default:
      return [`${path} (${def.type})`];
  }
}

describe('argument bounds', () => {
  it('bounds every string, list and number of every method', () => {
    // The check itself finds what it should.
    expect(unbounded(z.object({ a: z.string(), b: z.array(z.number().int().max(3)) }), 'x')).toEqual([
      'x.a',
      'x.b',
    ]);
    const found = METHOD_NAMES.flatMap((m) => unbounded(argSchemas[m], m));
    expect(found).toEqual([]);
  });

  it('says a bound in words, with the size given, even where a format also fails', () => {
    const huge = 'x'.repeat(1_048_576);
    const cancel = (over: Record<string, unknown>) =>
      validateArgs('actions.cancel', {
        connectionId: 'c1',
        target: { pid: 1, query: 2, userName: 'ann' },
        reason: 'runaway',
        idempotencyKey: 'cancel:0001',
        ...over,
      });
    expect(cancel({ reason: huge })).toEqual({
      ok: false,
      message: 'reason: is 1,048,576 characters; at most 500 are allowed',
    });
    expect(cancel({ target: { pid: 1, query: 2, userName: huge } })).toMatchObject({
      message: 'target.userName: is 1,048,576 characters; at most 127 are allowed',
    });
    expect(cancel({ target: { pid: 2 ** 40, query: 2, userName: 'ann' } })).toMatchObject({
      message: 'target.pid: is 1,099,511,627,776; at most 2,147,483,647 is allowed',
    });
    const range = { connectionId: 'c1', from: huge, to: '2026-12-04T00:00:00Z' };
    expect(validateArgs('queries.history', range)).toMatchObject({
      message: 'from: is 1,048,576 characters; at most 40 are allowed',
    });
    expect(
      validateArgs('queries.history', { ...range, from: '2026-12-03T00:00:00Z', offset: 1e12 }),
    ).toMatchObject({ message: 'offset: is 1,000,000,000,000; at most 100,000,000 is allowed' });
    expect(validateArgs('audit.list', { limit: 100_000 })).toMatchObject({
      message: 'limit: is 100,000; at most 1,000 is allowed',
    });
    const dimensions = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'v']));
    expect(
      validateArgs('metrics.series', {
        connectionId: 'c1',
        metric: 'CPUUtilization',
        dimensions,
        from: '2026-12-03T00:00:00Z',
        to: '2026-12-04T00:00:00Z',
        maxPoints: 100,
      }),
    ).toMatchObject({ message: 'dimensions: must have at most 30 dimensions' });
  });
});
