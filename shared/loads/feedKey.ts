// A feed is a recurring delivery: COPYs into the same table from the same source prefix. Dates, times
// and sequence numbers in the path change every delivery, so they are normalised away.

const DATE_RE =
  /(?:19|20)\d{2}([-/_.]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:[T_ -]?\d{2}(?::?\d{2}){0,2})?/g;
const PARTITION_RE = /\b(year|month|day|hour|minute|dt|date|ds)=[^/]*/gi;
const NUMBER_RE = /\d+/g;

/**
 * The source with dates as {date}, key=value partitions as key=*, other digit runs as {n}. The scheme
 * and bucket (s3://bucket-2026/) stay as they are: only the path changes per delivery.
 */
export function normaliseSource(source: string): string {
  const bucket = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\/?/i.exec(source)?.[0] ?? '';
  return (
    bucket +
    source
      .slice(bucket.length)
      .replace(PARTITION_RE, (_m, key: string) => `${key.toLowerCase()}=*`)
      .replace(DATE_RE, '{date}')
      .replace(NUMBER_RE, '{n}')
  );
}

/** Source prefix of a COPY: the path up to its last '/', so a single-file COPY keys by its folder. */
export function sourcePrefix(source: string): string {
  const slash = source.lastIndexOf('/');
  return slash < 0 || source.endsWith('/') ? source : source.slice(0, slash + 1);
}

/** The feed a COPY belongs to: its table and normalised source prefix. */
export function feedKeyOf(table: string, source: string): string {
  return `${table} ← ${normaliseSource(sourcePrefix(source))}`;
}

/** A delivered file's name (after its last '/') with dates and numbers normalised: its naming pattern. */
export function filePatternOf(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.replace(DATE_RE, '{date}').replace(NUMBER_RE, '{n}');
}
