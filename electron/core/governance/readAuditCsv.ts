// Reads an audit export back (RFC 4180, as auditCsv writes it) into chain links, so a copy can be
// verified offline: `npm run verify-audit -- file.csv`. Unquoted empty cells are null, `""` is an
// empty string, and the apostrophe put before a formula-like cell is taken off again.
import type { ChainLink } from '../audit/verifyAuditChain.ts';

const FORMULA_GUARDED = /^'[=+\-@\t\r]/;

/** Rows of cells; a cell is null when it was empty and unquoted. */
export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let cell: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('The CSV ends inside a quoted cell.');
        value += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      cell = value;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      cell = end === i ? null : text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** The export's records in ascending order, as chain links; throws when a needed column is missing. */
export function readAuditCsv(text: string): ChainLink[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('The file is empty.');
  const col = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`The file has no "${name}" column: is it a Nightshift audit export?`);
    return at;
  };
  const c = {
    seq: col('seq'),
    at: col('at_utc'),
    requestId: col('request_id'),
    actorOsUser: col('os_user'),
    actorDbUser: col('db_user'),
    actorAws: col('aws_identity'),
    connectionId: col('connection_id'),
    action: col('action'),
    outcome: col('outcome'),
    target: col('target'),
    params: col('params'),
    reason: col('reason'),
    before: col('before'),
    after: col('after'),
    message: col('message'),
    prevHash: col('prev_hash'),
    hash: col('hash'),
  };
  const cell = (r: (string | null)[], at: number) => {
    const v = r[at] ?? null;
    return v !== null && FORMULA_GUARDED.test(v) ? v.slice(1) : v;
  };
  return rows
    .map((r) => ({
      seq: Number(cell(r, c.seq)),
      at: cell(r, c.at) ?? '',
      requestId: cell(r, c.requestId) ?? '',
      actorOsUser: cell(r, c.actorOsUser) ?? '',
      actorDbUser: cell(r, c.actorDbUser),
      actorAws: cell(r, c.actorAws),
      connectionId: cell(r, c.connectionId),
      action: cell(r, c.action) ?? '',
      outcome: cell(r, c.outcome) ?? '',
      target: cell(r, c.target),
      params: cell(r, c.params),
      reason: cell(r, c.reason),
      before: cell(r, c.before),
      after: cell(r, c.after),
      message: cell(r, c.message),
      prevHash: cell(r, c.prevHash),
      hash: cell(r, c.hash),
    }))
    .sort((a, b) => a.seq - b.seq);
}
