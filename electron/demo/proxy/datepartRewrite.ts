// Rewrite 8 (REFERENCE 6.5): Redshift's datetime functions take the datepart as a bare keyword —
// `dateadd(day, -7, getdate())`, `datediff(s, starttime, endtime)`, `date_part(dow, ts)` — which
// PostgreSQL would read as a column. The first argument of DATEADD, DATEDIFF, DATE_PART and DATE_TRUNC,
// when it is a bare datepart name or DG abbreviation, becomes a quoted literal PostgreSQL understands;
// a quoted abbreviation (`date_trunc('w', ts)`) is normalised the same way. `m` is minute, not month.
import type { Token } from './sqlLexer.ts';

/** Every name and abbreviation Redshift accepts (DG "Dateparts for datetime functions"), canonical. */
const DATEPARTS: Record<string, string> = {};
const define = (canonical: string, names: string[]) => {
  for (const n of [canonical, ...names]) DATEPARTS[n] = canonical;
};
define('millennium', ['millennia', 'millenniums', 'mil', 'mils']);
define('century', ['centuries', 'c', 'cent', 'cents']);
define('decade', ['decades', 'dec', 'decs']);
define('year', ['years', 'y', 'yr', 'yrs']);
define('quarter', ['quarters', 'qtr', 'qtrs']);
define('month', ['months', 'mon', 'mons']);
define('week', ['weeks', 'w']);
define('day', ['days', 'd']);
define('hour', ['hours', 'h', 'hr', 'hrs']);
define('minute', ['minutes', 'm', 'min', 'mins']);
define('second', ['seconds', 's', 'sec', 'secs']);
define('millisecond', [
  'milliseconds',
  'ms',
  'msec',
  'msecs',
  'msecond',
  'mseconds',
  'millisec',
  'millisecs',
  'millisecon',
]);
define('microsecond', [
  'microseconds',
  'microsec',
  'microsecs',
  'usecond',
  'useconds',
  'us',
  'usec',
  'usecs',
]);
define('dow', ['dayofweek', 'dw', 'weekday']);
define('doy', ['dayofyear', 'dy', 'yearday']);
define('epoch', []);

/** Our compat functions (02_compat_functions.sql) canonicalise themselves; PostgreSQL's want its names. */
const POSTGRES_NAME: Record<string, string> = { millisecond: 'milliseconds', microsecond: 'microseconds' };
const COMPAT = new Set(['dateadd', 'datediff']);
const NATIVE = new Set(['date_part', 'date_trunc']);

export function canonicalDatepart(name: string): string | undefined {
  return DATEPARTS[name.toLowerCase()];
}

/**
 * [token index, replacement] for the datepart argument of the call starting at `i`, if any: the name
 * token must be an unqualified call of one of the four functions, its first argument one token long.
 */
export function datepartReplacement(tokens: Token[], i: number): [number, string] | undefined {
  const fn = tokens[i];
  if (fn?.kind !== 'ident' || tokens[i - 1]?.kind === 'dot') return undefined;
  const name = fn.text.toLowerCase();
  if (!COMPAT.has(name) && !NATIVE.has(name)) return undefined;
  if (tokens[i + 1]?.kind !== 'lparen') return undefined;
  const arg = tokens[i + 2];
  if (arg === undefined || tokens[i + 3]?.text !== ',') return undefined;
  let written: string;
  if (arg.kind === 'ident') written = arg.text;
  else if (arg.kind === 'string' && /^'[A-Za-z]+'$/.test(arg.text)) written = arg.text.slice(1, -1);
  else return undefined;
  const canonical = canonicalDatepart(written);
  if (canonical === undefined) return undefined;
  const value = NATIVE.has(name) ? (POSTGRES_NAME[canonical] ?? canonical) : canonical;
  if (arg.kind === 'string' && value === written) return undefined; // already what PostgreSQL takes
  return [i + 2, `'${value}'`];
}
