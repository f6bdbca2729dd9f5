// loads.drift: per feed, format drift in a range: an error code (per column set) the feed had on none
// of its previous 28 nights that then sticks (on two nights or more) or comes in bulk (>= 10 rows), and
// nights whose rejected rows jump to >= 10x the previous median (and >= 50). Each with its first night,
// its share of the lines scanned and sample rejected lines before and after. Reads copy_loads and the
// errors of those COPYs only (by their primary key).
import type Database from 'better-sqlite3';
import type { FormatDrift, FormatDriftResult, LedgerArgs, LoadErrorRow } from '../../../shared/model/load.ts';
import { loadErrorHelp } from '../../../shared/loads/loadErrorHelp.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { readFeedRows, rootsOf, type FeedDbRow } from '../store/loads/FeedStore.ts';
import { BASELINE_NIGHTS, DAY_US, MIN_BASELINE, dateOf } from './feedNights.ts';
import { toLoadErrorRow, type LoadErrorDbRow } from './readLoadErrors.ts';

const BULK_ROWS = 10;
const JUMP_FACTOR = 10;
const JUMP_MIN_ROWS = 50;
const SAMPLES = 3;

interface Count {
  feed_key: string;
  table_name: string;
  query: number;
  start_us: number;
  end_us: number;
  lines: number | null;
  err_code: number | null;
  column_name: string | null;
  reason: string | null;
  n: number;
}

interface FeedNight {
  lines: number;
  rejected: number;
  loads: { query: number; startUs: number; endUs: number }[];
  codes: Map<number, { n: number; columns: Set<string>; reason: string }>;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function readFormatDrift(db: Database.Database, args: LedgerArgs): FormatDriftResult {
  const firstDay = Math.floor(microsFromIso(args.from) / DAY_US);
  const lastDay = Math.floor(microsFromIso(args.to) / DAY_US);
  const counts = db
    .prepare(
      `SELECT l.feed_key, l.table_name, l.query, l.start_us, l.end_us, l.lines_scanned AS lines, e.err_code,
         e.column_name, max(e.err_reason) AS reason, count(e.err_code) AS n
       FROM copy_loads l
       LEFT JOIN load_errors e ON e.connection_id = l.connection_id AND e.query = l.query
         AND e.start_us BETWEEN l.start_us - ${DAY_US} AND l.end_us
       WHERE l.connection_id = ? AND l.start_us >= ? AND l.start_us < ?
       GROUP BY l.feed_key, l.query, l.start_us, e.err_code, e.column_name`,
    )
    .all(args.connectionId, (firstDay - BASELINE_NIGHTS) * DAY_US, (lastDay + 1) * DAY_US) as Count[];

  // Merged feeds count as the feed they were merged into, under its name; muted ones are flagged.
  const feedRows = readFeedRows(db, args.connectionId);
  const roots = rootsOf(feedRows);
  const rootByKey = new Map<string, FeedDbRow>();
  for (const f of feedRows) rootByKey.set(f.feed_key, roots.get(f.feed_id) ?? f);
  const feeds = new Map<
    string,
    { table: string; root: FeedDbRow | undefined; nights: Map<number, FeedNight> }
  >();
  const seenLoad = new Set<string>();
  for (const c of counts) {
    const root = rootByKey.get(c.feed_key);
    const key = root?.feed_key ?? c.feed_key;
    let feed = feeds.get(key);
    if (!feed) feeds.set(key, (feed = { table: root?.table_name ?? c.table_name, root, nights: new Map() }));
    const day = Math.floor(c.start_us / DAY_US);
    let night = feed.nights.get(day);
    if (!night) feed.nights.set(day, (night = { lines: 0, rejected: 0, loads: [], codes: new Map() }));
    const loadKey = `${c.query}:${c.start_us}`;
    if (!seenLoad.has(loadKey)) {
      seenLoad.add(loadKey);
      night.lines += c.lines ?? 0;
      night.loads.push({ query: c.query, startUs: c.start_us, endUs: c.end_us });
    }
    if (c.err_code === null) continue;
    night.rejected += c.n;
    let code = night.codes.get(c.err_code);
    if (!code) night.codes.set(c.err_code, (code = { n: 0, columns: new Set(), reason: c.reason ?? '' }));
    code.n += c.n;
    code.columns.add(c.column_name ?? '');
  }

  const samples = db.prepare(
    `SELECT connection_id, query, start_us, table_id, table_name, file_name, line_number, column_name, err_code,
       err_reason, raw_line, raw_field_value, position, column_type, column_length
     FROM load_errors WHERE connection_id = ? AND query = ? AND start_us BETWEEN ? AND ?
       AND (? IS NULL OR err_code = ?)
     ORDER BY file_name, line_number LIMIT ${SAMPLES}`,
  );
  const samplesOf = (night: FeedNight | undefined, code: number | null): LoadErrorRow[] => {
    const out: LoadErrorRow[] = [];
    for (const l of night?.loads ?? []) {
      if (out.length >= SAMPLES) break;
      const rows = samples.all(
        args.connectionId,
        l.query,
        l.startUs - DAY_US,
        l.endUs,
        code,
        code,
      ) as LoadErrorDbRow[];
      out.push(...rows.slice(0, SAMPLES - out.length).map(toLoadErrorRow));
    }
    return out;
  };

  const drifts: FormatDrift[] = [];
  for (const [feedKey, feed] of feeds) {
    const days = [...feed.nights.keys()].sort((a, b) => a - b);
    const reported = new Set<number>();
    for (const day of days) {
      if (day < firstDay) continue;
      const night = feed.nights.get(day)!;
      const prior = days.filter((d) => d < day && d >= day - BASELINE_NIGHTS);
      if (prior.length < MIN_BASELINE) continue;
      const priorNights = prior.map((d) => feed.nights.get(d)!);
      const baselineRejected = median(priorNights.map((n) => n.rejected));
      const lastBefore = priorNights[priorNights.length - 1];
      const later = days.filter((d) => d >= day && d <= lastDay);
      // One drift of this night: `code` is the error shown (the night's most frequent for a jump).
      const driftOf = (
        kind: FormatDrift['kind'],
        code: number,
        nights: number,
        rejected: number,
      ): FormatDrift => {
        const c = night.codes.get(code)!;
        return {
          feedKey,
          tableName: feed.table,
          feedName: feed.root?.name ?? null,
          muted: feed.root?.muted === 1,
          kind,
          errCode: code,
          reason: c.reason,
          meaning: loadErrorHelp(code).meaning,
          columns: [...c.columns].sort(),
          firstNight: dateOf(day),
          nights,
          rejected,
          shareOfLines: night.lines > 0 ? rejected / night.lines : null,
          baselineRejected,
          before: samplesOf(lastBefore, null),
          after: samplesOf(night, code),
        };
      };
      for (const [code, c] of night.codes) {
        if (reported.has(code) || priorNights.some((n) => n.codes.has(code))) continue;
        const sticks = later.filter((d) => feed.nights.get(d)!.codes.has(code)).length;
        if (sticks < 2 && c.n < BULK_ROWS) continue;
        reported.add(code);
        drifts.push(driftOf('new-error', code, sticks, c.n));
      }
      const jumpsAt = JUMP_FACTOR * Math.max(1, baselineRejected);
      const jumped = night.rejected >= JUMP_MIN_ROWS && night.rejected >= jumpsAt;
      if (jumped && !drifts.some((d) => d.feedKey === feedKey && d.kind === 'reject-jump')) {
        const [code] = [...night.codes].sort((a, b) => b[1].n - a[1].n)[0]!;
        const nights = later.filter((d) => feed.nights.get(d)!.rejected >= jumpsAt).length;
        drifts.push(driftOf('reject-jump', code, nights, night.rejected));
      }
    }
  }
  drifts.sort((a, b) => b.firstNight.localeCompare(a.firstNight) || a.feedKey.localeCompare(b.feedKey));
  return { drifts };
}
