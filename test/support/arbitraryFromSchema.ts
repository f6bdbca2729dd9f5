// fast-check arbitraries derived from our zod schemas (shared/validate.ts): values of the right shape
// most of the time — so a fuzzer gets past validation into the handlers — with hostile values mixed in
// at every level (huge and control-character strings, extreme numbers, wrong types, extra keys).
import fc from 'fast-check';
import type { z } from 'zod';
import { defOf, unwrapped } from './zodDef.ts';

/** An object nested `depth` levels deep: parsers and validators that recurse must not fall over. */
const nested = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** What an attacker or a careless client sends instead of a sensible value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'x'.repeat(200_000), // inside door 2's body limit, over every field's bound
    'é'.repeat(200_000), // over the body limit in bytes (two each), not in characters
    '\uD800',
    Array.from({ length: 10_000 }, (_, i) => i),
    Array.from({ length: 10_000 }, () => 'a'),
    nested(2_000),
    '',
    '\u0000',
    'a\u0000b',
    '%E0%A4%A',
    "'; DROP TABLE audit_log; --",
    '<img src=x onerror=alert(1)>',
    '\u202Eevil',
    '\uFEFF\u200B\t\r\n',
    '../../etc/passwd',
    'x'.repeat(70_000),
    -1,
    0,
    2 ** 31,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    0.5,
    null,
    true,
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);

/**
 * `known` strings (a saved connection's id, say) are mixed into every string, so some calls name
 * things that exist and reach deeper than "not found".
 */
export function arbitraryFromSchema(schema: z.ZodType, known: readonly string[] = []): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shaped(schema, known) }, { weight: 1, arbitrary: hostileValue });
}

function shaped(wrapped: z.ZodType, known: readonly string[]): fc.Arbitrary<unknown> {
  const schema = unwrapped(wrapped);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((k) => defOf(shape[k]!).type !== 'optional');
      const record = fc.record(
        Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryFromSchema(v, known)])),
        { requiredKeys: required },
      );
      // Sometimes an extra key the strict schemas must refuse.
      return fc.oneof(
        { weight: 5, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc.tuple(record, fc.string({ maxLength: 8 })).map(([r, k]) => ({ ...r, [`x${k}`]: 1 })),
        },
      );
    }
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '2026-12-01T00:00:00Z',
          '2026-12-04T02:14:07.123456Z',
          'demo',
          'nightly_load',
          'c1',
          ...known,
        ),
      );
    case 'number':
      return fc.oneof(fc.integer({ min: -10, max: 2_000_000 }), fc.double({ noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'array':
      return fc.array(arbitraryFromSchema(def.element!, known), { maxLength: 4 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => shaped(o, known)));
    case 'record':
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: 12 }),
        arbitraryFromSchema(def.valueType!, known),
        {
          maxKeys: 4,
        },
      );
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
