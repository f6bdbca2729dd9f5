// fast-check arbitraries derived from our zod schemas (shared/validate.ts): values of the right shape
// most of the time — so a fuzzer gets past validation into the handlers — with hostile values mixed in
// at every level (huge and control-character strings, extreme numbers, wrong types, extra keys).
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** What an attacker or a careless client sends instead of a sensible value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
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

export function arbitraryFromSchema(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shaped(schema) }, { weight: 1, arbitrary: hostileValue });
}

function shaped(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((k) => defOf(shape[k]!).type !== 'optional');
      const record = fc.record(
        Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryFromSchema(v)])),
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
    case 'optional':
    case 'nullable':
    case 'default':
      return shaped(def.innerType!);
    case 'pipe':
      return shaped(def.in!);
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('2026-12-01T00:00:00Z', '2026-12-04T02:14:07.123456Z', 'demo', 'nightly_load', 'c1'),
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
      return fc.array(arbitraryFromSchema(def.element!), { maxLength: 4 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map(shaped));
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFromSchema(def.valueType!), {
        maxKeys: 4,
      });
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
