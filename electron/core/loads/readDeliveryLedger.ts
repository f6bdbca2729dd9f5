// loads.ledger: feeds (COPYs into one table from one normalised source prefix) learned from the stored
// COPYs, and per feed per night (the UTC calendar day its COPYs started) what arrived and its state.
// Each night is judged against the feed's own previous 28 nights: late after their arrival p90 (plus
// a grace), missing when the feed came on at least 80 % of them and nothing came, oversized /
// undersized at >= 3x / <= 1/3 of their median rows, partial with rejects within MAXERROR, failed
// when a COPY aborted. Reads copy_loads only (one row per COPY), never the raw query history.
import type Database from 'better-sqlite3';
import type {
  DeliveryCell,
  DeliveryLedger,
  DeliveryState,
  FeedLedger,
  LedgerArgs,
} from '../../../shared/model/load.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { BASELINE_NIGHTS, DAY_US, MIN_BASELINE, dateOf } from './feedNights.ts';

const MINUTE_US = 60_000_000;
const HABIT_SHARE = 0.8;
const LATE_GRACE_MINUTES = 15;
const SIZE_FACTOR = 3;
/** Most urgent first: a cell shows the first state of its flags in this order. */
const URGENCY: DeliveryState[] = [
  'failed',
  'missing',
  'late',
  'oversized',
  'undersized',
  'partial',
  'pending',
];

interface Night {
  day: number;
  firstUs: number;
  loads: number;
  files: number;
  rows: number;
  rejected: number;
  maxerrorUsed: number;
  failed: boolean;
  partial: boolean;
}

interface Row {
  feed_key: string;
  table_name: string;
  source_prefix: string;
  start_us: number;
  files: number | null;
  rows: number | null;
  rows_rejected: number;
  maxerror: number | null;
  status: string;
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}

const sortedOf = (values: number[]): number[] => values.sort((a, b) => a - b);
const minuteOfDay = (us: number): number => (((us % DAY_US) + DAY_US) % DAY_US) / MINUTE_US;

export function readDeliveryLedger(db: Database.Database, args: LedgerArgs, now: Date): DeliveryLedger {
  const firstDay = Math.floor(microsFromIso(args.from) / DAY_US);
  const lastDay = Math.floor(microsFromIso(args.to) / DAY_US);
  const baseDay = firstDay - BASELINE_NIGHTS;
  const rows = db
    .prepare(
      `SELECT feed_key, table_name, source_prefix, start_us, files, coalesce(lines_scanned, rows_loaded) AS rows,
         rows_rejected, maxerror, status
       FROM copy_loads WHERE connection_id = ? AND start_us >= ? AND start_us < ?
       ORDER BY start_us`,
    )
    .all(args.connectionId, baseDay * DAY_US, (lastDay + 1) * DAY_US) as Row[];

  // Per feed (in time order, straight off the start-time index), its nights as a dense array indexed
  // by day - baseDay.
  const span = lastDay - baseDay + 1;
  const byFeed = new Map<string, { last: Row; firstSeen: number; nights: (Night | undefined)[] }>();
  for (const r of rows) {
    const day = Math.floor(r.start_us / DAY_US);
    let feed = byFeed.get(r.feed_key);
    if (!feed)
      byFeed.set(
        r.feed_key,
        (feed = { last: r, firstSeen: day, nights: new Array<Night | undefined>(span) }),
      );
    feed.last = r;
    let n = feed.nights[day - baseDay];
    if (!n) {
      n = {
        day,
        firstUs: r.start_us,
        loads: 0,
        files: 0,
        rows: 0,
        rejected: 0,
        maxerrorUsed: 0,
        failed: false,
        partial: false,
      };
      feed.nights[day - baseDay] = n;
    }
    n.loads++;
    n.files += r.files ?? 0;
    n.rows += r.status === 'aborted' ? 0 : (r.rows ?? 0);
    n.rejected += r.rows_rejected;
    // No MAXERROR means 0 allowed: any reject uses the whole budget.
    const used = r.rows_rejected === 0 ? 0 : r.maxerror ? r.rows_rejected / r.maxerror : Infinity;
    n.maxerrorUsed = Math.max(n.maxerrorUsed, used);
    if (r.status === 'aborted') n.failed = true;
    if (r.status === 'partial') n.partial = true;
  }

  const nights: string[] = [];
  for (let d = firstDay; d <= lastDay; d++) nights.push(dateOf(d));
  const nowUs = now.getTime() * 1000;
  const scratch = { arrivals: new Float64Array(BASELINE_NIGHTS), sizes: new Float64Array(BASELINE_NIGHTS) };
  const feeds: FeedLedger[] = [];
  for (const [feedKey, feed] of byFeed) {
    const cells: DeliveryCell[] = [];
    const arrivals: number[] = [];
    const sizes: number[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      const night = feed.nights[day - baseDay];
      if (night) {
        arrivals.push(minuteOfDay(night.firstUs));
        if (!night.failed) sizes.push(night.rows);
      }
      cells.push(
        judge(feed.nights, day - baseDay, nights[day - firstDay]!, day - feed.firstSeen, nowUs, scratch),
      );
    }
    if (arrivals.length === 0) continue;
    sortedOf(arrivals);
    sortedOf(sizes);
    feeds.push({
      feedKey,
      tableName: feed.last.table_name,
      sourcePrefix: feed.last.source_prefix,
      usualArrivalMinute: Math.round(quantile(arrivals, 0.9)),
      medianRows: sizes.length === 0 ? null : quantile(sizes, 0.5),
      cells,
    });
  }
  feeds.sort((a, b) => a.tableName.localeCompare(b.tableName) || a.feedKey.localeCompare(b.feedKey));
  return { nights, feeds };
}

/** One feed's night (index `at` into its dense nights) against its previous BASELINE_NIGHTS nights. */
function judge(
  nights: readonly (Night | undefined)[],
  at: number,
  date: string,
  daysSinceFirstSeen: number,
  nowUs: number,
  scratch: { arrivals: Float64Array; sizes: Float64Array },
): DeliveryCell {
  let a = 0;
  let z = 0;
  for (let i = Math.max(0, at - BASELINE_NIGHTS); i < at; i++) {
    const n = nights[i];
    if (!n) continue;
    scratch.arrivals[a++] = minuteOfDay(n.firstUs);
    if (!n.failed) scratch.sizes[z++] = n.rows;
  }
  const known = Math.min(BASELINE_NIGHTS, daysSinceFirstSeen);
  const habitual = a >= MIN_BASELINE && a >= HABIT_SHARE * known;
  const due =
    a >= MIN_BASELINE ? quantile(scratch.arrivals.subarray(0, a).sort(), 0.9) + LATE_GRACE_MINUTES : null;
  const median = z >= MIN_BASELINE ? quantile(scratch.sizes.subarray(0, z).sort(), 0.5) : null;
  const n = nights[at];
  const flags: DeliveryState[] = [];
  if (!n) {
    const dayStartUs = Date.parse(`${date}T00:00:00Z`) * 1000;
    if (habitual && due !== null) flags.push(dayStartUs + due * MINUTE_US > nowUs ? 'pending' : 'missing');
    return {
      night: date,
      state: flags[0] ?? 'none',
      flags,
      arrived: null,
      loads: 0,
      files: 0,
      rows: 0,
      rejected: 0,
      maxerrorUsed: null,
      rowsRatio: null,
    };
  }
  const ratio = median !== null && median > 0 && !n.failed ? n.rows / median : null;
  if (n.failed) flags.push('failed');
  if (due !== null && minuteOfDay(n.firstUs) > due) flags.push('late');
  if (ratio !== null && ratio >= SIZE_FACTOR) flags.push('oversized');
  if (ratio !== null && ratio <= 1 / SIZE_FACTOR) flags.push('undersized');
  if (n.partial) flags.push('partial');
  flags.sort((x, y) => URGENCY.indexOf(x) - URGENCY.indexOf(y));
  return {
    night: date,
    state: flags[0] ?? 'on-time',
    flags: flags.length === 0 ? ['on-time'] : flags,
    // Millisecond ISO: an arrival needs no microseconds, and this is 20x cheaper per cell.
    arrived: new Date(Math.floor(n.firstUs / 1000)).toISOString(),
    loads: n.loads,
    files: n.files,
    rows: n.rows,
    rejected: n.rejected,
    maxerrorUsed: Number.isFinite(n.maxerrorUsed) ? n.maxerrorUsed : 1,
    rowsRatio: ratio,
  };
}
