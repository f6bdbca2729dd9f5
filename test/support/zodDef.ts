// Reading a zod 4 schema's definition (the fields the schema-walking tests use): the argument-bounds
// test and the arbitrary-from-schema generator walk the same tree.
import type { z } from 'zod';

export interface Def {
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
  checks?: { _zod: { def: { check: string } } }[];
}

export const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under its wrappers (optional, nullable, default, pipe): what the value must be. */
export function unwrapped(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return unwrapped(def.innerType!);
    case 'pipe':
      return unwrapped(def.in!);
    default:
      return schema;
  }
}
