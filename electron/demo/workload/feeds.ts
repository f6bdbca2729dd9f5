// The COPY feeds of the demo warehouse: who delivers what, when, how big, and how their rejected rows
// look. Error codes and their meaning follow REFERENCE 1.22; the err_reason wording follows the AWS
// examples quoted in REFERENCE 1.13 where one exists, and is our own plausible text otherwise (the
// full list of Redshift's reason strings is not documented).
// Long because it is data: every feed's schedule, size and rejected-row recipes.
import type { Random } from './random.ts';
import type { TableKey } from './tables.ts';

export type FeedName =
  'plays_events' | 'royalties_daily' | 'catalog_tracks' | 'ad_impressions' | 'user_profiles';

export interface FeedColumn {
  name: string;
  /** STL_LOAD_ERRORS.type (character(10)). */
  type: string;
  /** STL_LOAD_ERRORS.col_length: declared length when the type has one, else ''. */
  length: string;
  notNull?: boolean;
  value(r: Random, day: string): string;
}

export interface Feed {
  name: FeedName;
  table: TableKey;
  /** Hourly feeds load at :05 every hour; nightly feeds once, at `minute` after midnight UTC. */
  schedule: { kind: 'hourly'; minute: number } | { kind: 'nightly'; minute: number };
  /** SYS_LOAD_HISTORY.file_format / STL_LOAD_COMMITS.file_format (REFERENCE 1.15, 1.24). */
  fileFormat: 'csv' | 'txt' | 'json';
  commitFormat: 'Text' | 'JSON';
  delimiter: string;
  /** File name suffix. Compressed files are never split into scan ranges. */
  extension: string;
  splittable: boolean;
  files: number;
  /** Median rows per load (per hourly load for hourly feeds), at the start of the history. */
  rowsPerLoad: number;
  bytesPerRow: number;
  maxerror: number;
  /** Median COPY execution seconds for rowsPerLoad rows. */
  copySeconds: number;
  /** Mean rejected rows per load on an ordinary night. */
  errorsPerLoad: number;
  errorCodes: readonly number[];
  columns: readonly FeedColumn[];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const COUNTRIES = ['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'FR', 'ES', 'IT', 'NL', 'PL', 'US', 'BR', 'MX', 'JP'];
const DEVICES = ['ios', 'android', 'web', 'desktop_mac', 'desktop_win', 'smart_speaker', 'car', 'tv'];
const TITLES = [
  'Midnight Drive',
  'Northern Lights',
  'Paper Boats',
  'Gravity (Live)',
  'Kaffe och regn',
  'Ocean Floor - Remastered 2019',
  'Still Here',
  'Neon Summer',
  'Lullaby for the City',
  'Holy Water',
];
const ARTISTS = [
  'The Night Shift',
  'Luna Park',
  'Kalle & Co',
  'DJ Fjord',
  'Hollow Hills',
  'Mira Vale',
  'Static Bloom',
];

const col = (
  name: string,
  type: string,
  length: string,
  value: FeedColumn['value'],
  notNull = false,
): FeedColumn => ({ name, type, length, notNull, value });

const id = (r: Random, max: number): string => String(r.int(1, max));
const timestampOn = (r: Random, day: string): string =>
  `${day} ${pad2(r.int(0, 23))}:${pad2(r.int(0, 59))}:${pad2(r.int(0, 59))}`;

export const FEEDS: Record<FeedName, Feed> = {
  plays_events: {
    name: 'plays_events',
    table: 'plays_events',
    schedule: { kind: 'hourly', minute: 5 },
    fileFormat: 'csv',
    commitFormat: 'Text',
    delimiter: ',',
    extension: '.csv.gz',
    splittable: false,
    files: 4,
    rowsPerLoad: 1_250_000,
    bytesPerRow: 92,
    maxerror: 1000,
    copySeconds: 55,
    errorsPerLoad: 0.6,
    errorCodes: [1206, 1207, 1222, 1210, 1214, 1213, 1203, 1215, 1201],
    columns: [
      col('play_id', 'int8', '', (r) => String(r.int(10_000_000, 99_999_999) * 1000 + r.int(0, 999)), true),
      col('user_id', 'int8', '', (r) => id(r, 62_000_000), true),
      col('track_id', 'int8', '', (r) => id(r, 41_000_000), true),
      col('played_at', 'timestamp', '', timestampOn, true),
      col('ms_played', 'int4', '', (r) => String(r.int(1_000, 420_000))),
      col('country_code', 'char', '2', (r) => r.pick(COUNTRIES)),
      col('device_type', 'varchar', '32', (r) => r.pick(DEVICES)),
      col('offline', 'bool', '', (r) => (r.chance(0.1) ? 't' : 'f')),
    ],
  },
  royalties_daily: {
    name: 'royalties_daily',
    table: 'royalties_daily',
    schedule: { kind: 'nightly', minute: 60 },
    fileFormat: 'csv',
    commitFormat: 'Text',
    delimiter: ',',
    extension: '.csv',
    splittable: false,
    files: 2,
    rowsPerLoad: 180_000,
    bytesPerRow: 70,
    maxerror: 100,
    copySeconds: 38,
    errorsPerLoad: 3,
    errorCodes: [1205, 1209, 1204, 1220, 1207, 1203],
    columns: [
      col('statement_date', 'date', '', (_r, day) => day, true),
      col('track_id', 'int8', '', (r) => id(r, 41_000_000), true),
      col('rightsholder_id', 'int4', '', (r) => id(r, 250_000), true),
      col('territory', 'char', '2', (r) => r.pick(COUNTRIES)),
      col('streams', 'int8', '', (r) => String(r.int(1, 250_000))),
      col('amount_eur', 'numeric', '18,6', (r) => (r.int(1, 9_999_999) / 1_000_000).toFixed(6)),
      col('currency', 'char', '3', () => 'EUR'),
    ],
  },
  catalog_tracks: {
    name: 'catalog_tracks',
    table: 'catalog_tracks',
    schedule: { kind: 'nightly', minute: 62 },
    fileFormat: 'txt',
    commitFormat: 'Text',
    delimiter: '|',
    extension: '.txt',
    splittable: false,
    files: 2,
    rowsPerLoad: 48_000,
    bytesPerRow: 300,
    maxerror: 100000,
    copySeconds: 24,
    errorsPerLoad: 0.8,
    errorCodes: [1204, 1205, 1207, 1216, 1215],
    columns: [
      col('track_id', 'int8', '', (r) => id(r, 41_000_000), true),
      col(
        'isrc',
        'char',
        '12',
        (r) => `SE${String.fromCharCode(65 + r.int(0, 25))}${r.int(10_000_000, 99_999_999)}`,
      ),
      col('title', 'varchar', '512', (r) => r.pick(TITLES)),
      col('artist_name', 'varchar', '512', (r) => r.pick(ARTISTS)),
      col('album', 'varchar', '512', (r) => `${r.pick(TITLES)} (Deluxe)`),
      col('duration_ms', 'int4', '', (r) => String(r.int(90_000, 420_000))),
      col(
        'release_date',
        'date',
        '',
        (r) => `20${r.int(10, 25)}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`,
      ),
      col('explicit', 'bool', '', (r) => (r.chance(0.2) ? 'true' : 'false')),
    ],
  },
  ad_impressions: {
    name: 'ad_impressions',
    table: 'ad_impressions',
    schedule: { kind: 'nightly', minute: 70 },
    fileFormat: 'txt',
    commitFormat: 'Text',
    delimiter: '\t',
    extension: '.tsv',
    splittable: true,
    files: 3,
    rowsPerLoad: 2_600_000,
    bytesPerRow: 86,
    maxerror: 500,
    copySeconds: 95,
    errorsPerLoad: 5,
    errorCodes: [1208, 1206, 1207, 1211, 1216, 1201, 1210],
    columns: [
      col('impression_id', 'varchar', '64', (r) => `imp-${r.int(100_000_000, 999_999_999)}`, true),
      col('served_at', 'timestamp', '', timestampOn, true),
      col('user_id', 'int8', '', (r) => id(r, 62_000_000)),
      col('campaign_id', 'int4', '', (r) => id(r, 9_000)),
      col('placement', 'varchar', '64', (r) =>
        r.pick(['between_tracks', 'banner_home', 'podcast_midroll', 'sleep_timer']),
      ),
      col('cpm_eur', 'float8', '', (r) => (r.int(50, 2_500) / 1000).toFixed(3)),
      col('clicked', 'bool', '', (r) => (r.chance(0.02) ? 't' : 'f')),
    ],
  },
  user_profiles: {
    name: 'user_profiles',
    table: 'user_profiles',
    schedule: { kind: 'nightly', minute: 64 },
    fileFormat: 'json',
    commitFormat: 'JSON',
    delimiter: '',
    extension: '.json.gz',
    splittable: false,
    files: 1,
    rowsPerLoad: 95_000,
    bytesPerRow: 410,
    maxerror: 100,
    copySeconds: 30,
    errorsPerLoad: 3,
    errorCodes: [1224, 1204, 1220, 1213, 1205, 1210],
    columns: [
      col('user_id', 'int8', '', (r) => id(r, 62_000_000), true),
      col(
        'display_name',
        'varchar',
        '256',
        (r) => `${r.pick(['anna', 'ben', 'kalle', 'sara', 'li', 'omar'])}_${r.int(1, 9999)}`,
      ),
      col('country_code', 'char', '2', (r) => r.pick(COUNTRIES)),
      col('birth_date', 'date', '', (r) => `19${r.int(60, 99)}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`),
      col('signup_at', 'timestamp', '', timestampOn),
      col('plan', 'varchar', '16', (r) => r.pick(['free', 'premium', 'family', 'student', 'duo'])),
      col('marketing_opt_in', 'bool', '', (r) => (r.chance(0.4) ? 'true' : 'false')),
      col('bio', 'varchar', '1024', (r) => r.pick(['', 'music lover', 'podcasts & jazz', 'runner, coffee'])),
    ],
  },
};

export const FEED_NAMES = Object.keys(FEEDS) as FeedName[];

/** One input line as the feed's file would hold it, from already rendered field values. */
export function renderLine(feed: Feed, columns: readonly FeedColumn[], values: readonly string[]): string {
  if (feed.fileFormat === 'json') {
    const parts = columns.map((c, i) => {
      const v = values[i] ?? '';
      const numeric = c.type === 'int8' || c.type === 'int4' || c.type === 'float8' || c.type === 'numeric';
      const literal = numeric && /^-?[0-9.]+$/.test(v) ? v : JSON.stringify(v);
      return `"${c.name}": ${literal}`;
    });
    return `{${parts.join(', ')}}`;
  }
  if (feed.fileFormat === 'csv') {
    return values.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
  }
  return values.join(feed.delimiter);
}

/** A rejected line: which field failed, what was read, and why (REFERENCE 1.13, 1.22). */
export interface LoadErrorInstance {
  code: number;
  /** Index of the failing column in the line's column list. */
  field: number;
  rawFieldValue: string;
  rawLine: string;
  reason: string;
  /** SYS_LOAD_ERROR_DETAIL.error_message: longer text, often quoting the value. */
  message: string;
  position: number;
  /** Field values parsed up to the failing one (STL_LOADERROR_DETAIL rows). */
  parsed: string[];
}

const hexBytes = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((b) => b.toString(16)).join(' ');

/** Values no numeric(p, s) column holds (code 1204 on a numeric column). */
const NUMERIC_OVERFLOW = ['99999999999999999999.99', '1e40', '123456789012345.1234567'];

/**
 * Errors made by spoiling one field with a bad value: which columns qualify, the values tried, the
 * reason STL_LOAD_ERRORS gives and the longer message of SYS_LOAD_ERROR_DETAIL (REFERENCE 1.22);
 * `position` is where in the value parsing failed.
 */
interface SpoiledField {
  column: (c: FeedColumn) => boolean;
  values: readonly string[];
  reason: string;
  message: (raw: string, column: FeedColumn | undefined, reason: string) => string;
  position?: number;
}

const SPOILED_FIELD: Partial<Record<number, SpoiledField>> = {
  1205: {
    column: (c) => c.type === 'date',
    values: ['2025-02-30', '31/12/2024', '2025-13-01', '0000-00-00', 'yesterday', '2024-1-5'],
    reason: 'Invalid Date Format - length must be 10 or more',
    message: (raw) => `Invalid date format, Value '${raw}', Pos 0, Type: Date (DATEFORMAT 'YYYY-MM-DD')`,
  },
  1206: {
    column: (c) => c.type === 'timestamp',
    values: ['2025-03-07T25:61:00', '1741305600', '07/03/2025 13:00', '2025-03-07 12:00:00 CEST', 'NULL'],
    reason: 'Error in Timestamp value or format [%Y-%m-%d %H:%M:%S]',
    message: (raw) => `Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS], Value '${raw}'`,
  },
  1207: {
    column: (c) => c.type === 'int4' || c.type === 'int8',
    values: ['abc', '12x', '1,234', '--5', 'one', '0x1F'],
    reason: 'Invalid digit',
    message: (raw, c) =>
      `Invalid digit, Value '${raw.charAt(0)}', Pos 0, Type: ${c?.type === 'int8' ? 'Long' : 'Integer'}`,
  },
  1208: {
    column: (c) => c.type === 'float8',
    values: ['0,0034', '1.2.3', 'NaNx', '€0.12', '1e'],
    reason: 'Invalid float format',
    message: (raw) => `Invalid digit, Value '${raw}', Pos 1, Type: Double`,
    position: 1,
  },
  1209: {
    column: (c) => c.type === 'numeric',
    values: ['12,50', '€3.20', '1e5x', '1.000.000,00'],
    reason: 'Invalid decimal format',
    message: (raw) => `Invalid digit, Value '${raw}', Pos 2, Type: Decimal`,
    position: 2,
  },
  1210: {
    column: (c) => c.type === 'bool',
    values: ['maybe', 'yes please', '2', 'tru', 'Y/N'],
    reason: 'Invalid boolean format',
    message: (raw) => `Invalid boolean value '${raw}'. Expected one of t, f, true, false, 1, 0`,
  },
  1215: {
    column: (c) => c.type === 'char',
    values: ['É', 'Ö', 'ß', '🎵', 'Ω'],
    reason: 'Multibyte character not supported for CHAR (Hint: try using VARCHAR)',
    message: (raw, _c, reason) => `${reason}. Invalid char: ${hexBytes([...raw][0] ?? '')}`,
  },
  1220: {
    column: (c) => c.type === 'varchar' || c.type === 'char',
    values: ['Bj\uFFFDrk', 'caf\uFFFD', '\uFFFD\uFFFD', 'Sig\uFFFDr R\uFFFDs'],
    reason: 'String contains invalid or unsupported UTF8 codepoints',
    message: (raw, _c, reason) =>
      `${reason}. Bad UTF8 hex sequence: ${hexBytes([...raw].find((ch) => (ch.codePointAt(0) ?? 0) > 0x7f) ?? '\uFFFD')}`,
  },
  1222: {
    column: (c) => c.type === 'int4',
    values: ['2147483648', '99999999999', '-2147483649', '18446744073709551616'],
    reason: 'Integer overflow',
    message: (raw) =>
      `Overflow, Value '${raw}', Pos 0, Type: Integer (valid range -2147483648 to 2147483647)`,
  },
};

/** A value planted into one column of a rejected line (hostile strings, see hostileStrings.ts). */
export interface PlantedValue {
  column: string;
  value: string;
  /** true: the planted value is what fails (codes 1204, 1220, 1224); false: another field fails. */
  fails: boolean;
}

/**
 * Makes one rejected line of `code` for a feed: a plausible good line with one field spoiled the way
 * that error needs (REFERENCE 1.22).
 */
export function makeLoadError(
  feed: Feed,
  columns: readonly FeedColumn[],
  code: number,
  r: Random,
  day: string,
  plant?: PlantedValue,
): LoadErrorInstance {
  const values = columns.map((c) => c.value(r, day));
  const plantedAt = plant === undefined ? -1 : columns.findIndex((c) => c.name === plant.column);
  if (plant !== undefined && plantedAt >= 0) values[plantedAt] = plant.value;
  const pickColumn = (test: (c: FeedColumn) => boolean): number => {
    if (plant?.fails === true && plantedAt >= 0) return plantedAt;
    const candidates = columns.map((c, i) => (test(c) && i !== plantedAt ? i : -1)).filter((i) => i >= 0);
    return candidates.length === 0 ? columns.length - 1 : r.pick(candidates);
  };
  const spoil = (field: number, raw: string): void => {
    if (!(plant?.fails === true && field === plantedAt)) values[field] = raw;
  };
  const rawOf = (field: number, fallback: string): string =>
    plant?.fails === true && field === plantedAt ? plant.value : fallback;

  let field: number;
  let raw: string;
  let reason: string;
  let message: string;
  let rawLine: string | null = null;
  let position = 0;
  switch (code) {
    case 1201:
      field = columns.length - 1;
      raw = `${values[field - 1] ?? ''} ${values[field] ?? ''}`;
      values.splice(field - 1, 2, raw);
      reason = 'Field delimiter was not found in the input file';
      message = `${reason}. Expected ${columns.length} fields, found ${columns.length - 1}`;
      break;
    case 1202:
      field = columns.length - 1;
      raw = r.pick(['SE', 'NO', 'GB', 'US', 'DE']);
      values.push(raw);
      reason = 'Extra column(s) found';
      message = `Extra column(s) found. Expected ${columns.length} columns, found ${columns.length + 1}`;
      break;
    case 1203:
      field = columns.length - 1;
      raw = '';
      values.splice(field, 1);
      reason = 'Missing data for column(s) at end of line';
      message = `Fewer columns than expected: ${columns.length - 1} of ${columns.length}`;
      break;
    case 1204: {
      field = pickColumn((c) => c.type === 'varchar' || c.type === 'numeric');
      const c = columns[field];
      if (c?.type === 'numeric') {
        raw = rawOf(field, r.pick(NUMERIC_OVERFLOW));
        reason = 'Numeric data overflow (result precision)';
        message = `Numeric data overflow, Value '${raw}', Type: Decimal(${c.length})`;
      } else {
        raw = rawOf(field, 'x'.repeat(Number(c?.length ?? '256') + r.int(1, 40)));
        reason = 'String length exceeds DDL length';
        message = `String length exceeds DDL length. Length: ${[...raw].length}, DDL length: ${c?.length ?? ''}`;
      }
      spoil(field, raw);
      break;
    }
    case 1211:
      field = 0;
      raw = '';
      rawLine = '';
      reason = 'Line has no data';
      message = 'Input line has no data (empty line)';
      break;
    case 1213:
      field = pickColumn((c) => c.notNull === true);
      raw = '';
      spoil(field, raw);
      reason = 'Missing data for not-null field';
      message = `Missing data for not-null field ${columns[field]?.name ?? ''}`;
      break;
    case 1214:
      // A value with an embedded newline in a file loaded without quoting: the line ends early.
      field = pickColumn((c) => c.type === 'varchar' || c.type === 'char');
      raw = `${values[field] ?? ''}\nsecond line`;
      values[field] = raw;
      rawLine = values.join(feed.delimiter === '' ? ',' : feed.delimiter);
      reason = 'Delimiter not found';
      message = 'Delimiter not found';
      break;
    case 1216: {
      field = pickColumn((c) => c.type === 'varchar');
      raw = `"${values[field] ?? ''}`;
      values[field] = raw;
      reason = 'Invalid input line';
      message = `Missing newline: Unexpected character 0x22 found at location ${values.slice(0, field).join(',').length + 1}`;
      break;
    }
    case 1224: {
      field = pickColumn((c) => c.type === 'varchar');
      raw = rawOf(field, values[field] ?? '');
      if (plant?.fails === true) {
        // A raw control character inside a JSON string is not valid JSON.
        rawLine = renderLine(feed, columns, values).replace(JSON.stringify(plant.value), `"${plant.value}"`);
        message = 'Invalid JSON: control character in string';
      } else {
        const good = renderLine(feed, columns, values);
        rawLine = good.slice(0, r.int(10, Math.max(11, good.length - 5)));
        message = 'Invalid JSON: unexpected end of input';
      }
      reason = 'Invalid JSON object or array';
      break;
    }
    default: {
      const spoiled = SPOILED_FIELD[code];
      if (spoiled === undefined) throw new Error(`no generator for load error code ${code}`);
      field = pickColumn(spoiled.column);
      raw = rawOf(field, r.pick(spoiled.values));
      spoil(field, raw);
      reason = spoiled.reason;
      message = spoiled.message(raw, columns[field], reason);
      position = spoiled.position ?? 0;
      break;
    }
  }
  field = Math.min(field, columns.length - 1);
  // STL_LOADERROR_DETAIL: every column up to and including the failing one (REFERENCE 1.14).
  const parsed = columns.slice(0, field + 1).map((_c, i) => (i === field ? raw : (values[i] ?? '')));
  return {
    code,
    field,
    rawFieldValue: raw,
    rawLine: rawLine ?? renderLine(feed, columns, values),
    reason,
    message,
    position,
    parsed,
  };
}

/** STL_LOAD_ERRORS.raw_line / STL_LOADERROR_DETAIL.value: multibyte characters shown as '.' (REFERENCE 6.3). */
export function multibyteToDots(text: string): string {
  let out = '';
  for (const ch of text) out += (ch.codePointAt(0) ?? 0) > 0x7f ? '.' : ch;
  return out;
}
