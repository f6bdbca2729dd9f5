// What a COPY statement's text says about the load: target table, source, format and MAXERROR.
// Pure and tolerant: COPY text comes from users and tools, with any case, spacing, quoting and order of
// options (REFERENCE 1.13/1.15; the COPY command's documented options).

export interface CopyCommand {
  /** Target table as written, unquoted and lower-cased (schema.table, or table alone). */
  table: string;
  /** FROM '<source>' (an s3:// prefix, a manifest, or another source); '' when not a literal. */
  source: string;
  /** csv, json, parquet, orc, avro, fixedwidth, shapefile or text (the default). */
  format: string;
  /** MAXERROR [AS] n; null when the COPY has none (Redshift's default is 0: the first error aborts). */
  maxerror: number | null;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const TABLE_RE = new RegExp(String.raw`^\s*copy\s+(${IDENT}(?:\s*\.\s*${IDENT}){0,2})`, 'i');
const FROM_RE = /\bfrom\s+'((?:[^']|'')*)'/i;
const MAXERROR_RE = /\bmaxerror\s+(?:as\s+)?(\d+)/i;
const FORMATS = ['csv', 'json', 'parquet', 'orc', 'avro', 'fixedwidth', 'shapefile'];

const unquote = (part: string): string =>
  part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part.toLowerCase();

/** Strips -- and /* comments so an option inside a comment does not count. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}

/** The COPY's parts, or null when the text is not a COPY ... FROM. */
export function parseCopyCommand(text: string): CopyCommand | null {
  const sql = withoutComments(text);
  const table = TABLE_RE.exec(sql);
  if (!table?.[1]) return null;
  const from = FROM_RE.exec(sql);
  // Options after FROM '...' (the table's column list may hold words like "json").
  const options = from ? sql.slice(from.index + from[0].length) : sql.slice(table[0].length);
  const maxerror = MAXERROR_RE.exec(options);
  const format =
    FORMATS.find((f) => new RegExp(String.raw`\b(?:format\s+(?:as\s+)?)?${f}\b`, 'i').test(options)) ??
    'text';
  return {
    table: table[1]
      .split(/\s*\.\s*/)
      .map(unquote)
      .join('.'),
    source: from?.[1]?.replace(/''/g, "'") ?? '',
    format,
    maxerror: maxerror?.[1] === undefined ? null : Number(maxerror[1]),
  };
}
