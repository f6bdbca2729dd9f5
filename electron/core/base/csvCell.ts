// One RFC 4180 CSV cell (the audit export, the impact export): a field with a comma, quote, CR or LF is
// quoted, quotes doubled. A cell a spreadsheet would run as a formula (first character = + - @ TAB CR)
// gets a leading apostrophe (OWASP "CSV injection"): these files are opened by people, in Excel.
const FORMULA_START = /^[=+\-@\t\r]/;

/** An empty string is written quoted (`""`) so that it reads back apart from null (nothing). */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
