// loads.ledger: feeds (COPYs into one table from one normalised source prefix, as the user renamed,
// merged, muted them) and per feed per night (the UTC calendar day its COPYs started) what arrived and
// its state. Each night is judged against the feed's own previous 28 nights: late after their arrival
// p90 (plus a grace), missing when the feed came on at least 80 % of them and nothing came, oversized
// / undersized at >= 3x / <= 1/3 of their median rows (or the feed's own thresholds), partial with
// rejects within MAXERROR, failed when a COPY aborted. Reads the per-night rollups written at ingest
// (feed_nights, store/loads/rollUpFeedNights.ts) and keeps each feed's previous 28 nights as a sliding
// sorted window, so 50 feeds x 400 nights cost a few integers per cell.
import type Database from 'better-sqlite3';
import type {
  DeliveryCell,
  DeliveryLedger,
  DeliveryState,
  FeedLedger,
  FeedNamePattern,
  LedgerArgs,
} from '../../../shared/model/load.ts';
import { isoFromMicros, microsFromIso } from '../base/redshiftTime.ts';
import {
  DEFAULT_OVERSIZED_AT,
  DEFAULT_UNDERSIZED_AT,
  readFeedRows,
  rootsOf,
  type FeedDbRow,
} from '../store/loads/FeedStore.ts';
import type { NightSum } from '../store/loads/rollUpFeedNights.ts';
import { BASELINE_NIGHTS, DAY_US, MIN_BASELINE, dateOf } from './feedNights.ts';

const MINUTE_US = 60_000_000;
const HABIT_SHARE = 0.8;
const LATE_GRACE_MINUTES = 15;
/** A feed that began within this many days of another one of the same table stopping replaces it. */
const SUCCESSOR_DAYS = 3;
// Most urgent first, a cell shows the first state of its flags in this order: failed, missing, late,
// oversized, undersized, partial, pending.
const PROBLEMS = new Set<DeliveryState>(['failed', 'missing', 'late', 'oversized', 'undersized', 'partial']);

/** One night of a feed (and of the feeds merged into it). */
type Night = Omit<NightSum, 'feedId' | 'dayUs' | 'failed' | 'partial'> & {
  failed: boolean;
  partial: boolean;
};

/** A feed_nights row as read (raw arrays: no object per row on the hot path). */
type RollupRow = [
  feedId: number,
  dayUs: number,
  firstUs: number,
  loads: number,
  files: number,
  rows: number,
  bytes: number,
  rejected: number,
  maxerrorUsed: number,
  failed: number,
  partial: number,
];

interface Group {
  root: FeedDbRow;
  members: FeedDbRow[];
  nights: (Night | undefined)[];
}

function quantile(sorted: ArrayLike<number>, length: number, q: number): number {
  const at = (length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}

const minuteOfDay = (us: number): number => (((us % DAY_US) + DAY_US) % DAY_US) / MINUTE_US;

/** A sorted window of at most BASELINE_NIGHTS values: insert and remove keep it sorted. */
class SortedWindow {
  readonly values = new Float64Array(BASELINE_NIGHTS + 1);
  length = 0;
  add(v: number): void {
    let i = this.length++;
    while (i > 0 && this.values[i - 1]! > v) {
      this.values[i] = this.values[i - 1]!;
      i--;
    }
    this.values[i] = v;
  }
  remove(v: number): void {
    let i = 0;
    while (i < this.length && this.values[i] !== v) i++;
    if (i === this.length) return;
    this.values.copyWithin(i, i + 1, this.length);
    this.length--;
  }
}

function mergeNight(into: Night | undefined, r: RollupRow): Night {
  const [, , firstUs, loads, files, rows, bytes, rejected, used, failed, partial] = r;
  if (!into)
    return {
      firstUs,
      loads,
      files,
      rows,
      bytes,
      rejected,
      maxerrorUsed: used,
      failed: failed === 1,
      partial: partial === 1,
    };
  into.firstUs = Math.min(into.firstUs, firstUs);
  into.loads += loads;
  into.files += files;
  into.rows += rows;
  into.bytes += bytes;
  into.rejected += rejected;
  into.maxerrorUsed = into.maxerrorUsed < 0 || used < 0 ? -1 : Math.max(into.maxerrorUsed, used);
  into.failed ||= failed === 1;
  into.partial ||= partial === 1;
  return into;
}

export function readDeliveryLedger(db: Database.Database, args: LedgerArgs, now: Date): DeliveryLedger {
  const firstDay = Math.floor(microsFromIso(args.from) / DAY_US);
  const lastDay = Math.floor(microsFromIso(args.to) / DAY_US);
  const baseDay = firstDay - BASELINE_NIGHTS;
  const span = lastDay - baseDay + 1;
  const feedRows = readFeedRows(db, args.connectionId);
  const roots = rootsOf(feedRows);
  const groups = new Map<number, Group>();
  const groupOf = (feedId: number): Group | undefined => {
    const root = roots.get(feedId);
    if (!root) return undefined;
    let g = groups.get(root.feed_id);
    if (!g) groups.set(root.feed_id, (g = { root, members: [], nights: new Array<Night | undefined>(span) }));
    return g;
  };
  for (const f of feedRows) groupOf(f.feed_id)?.members.push(f);
  const rows = db
    .prepare(
      `SELECT feed_id, day_us, first_us, loads, files, rows, bytes, rejected, maxerror_used, failed, partial
       FROM feed_nights WHERE connection_id = ? AND day_us >= ? AND day_us <= ?`,
    )
    .raw(true)
    .all(args.connectionId, baseDay * DAY_US, lastDay * DAY_US) as RollupRow[];
  for (const r of rows) {
    const g = groupOf(r[0]);
    if (!g) continue;
    const at = r[1] / DAY_US - baseDay;
    g.nights[at] = mergeNight(g.nights[at], r);
  }

  const nights: string[] = [];
  for (let d = firstDay; d <= lastDay; d++) nights.push(dateOf(d));
  const nowUs = now.getTime() * 1000;
  const feeds: FeedLedger[] = [];
  const spans = new Map<number, { first: number; last: number }>();
  for (const g of groups.values()) {
    const feed = ledgerOf(g, { firstDay, lastDay, baseDay, nights, nowUs });
    if (!feed) continue;
    feeds.push(feed);
    let first = -1;
    let last = -1;
    for (let i = 0; i < span; i++)
      if (g.nights[i]) {
        if (first < 0) first = i;
        last = i;
      }
    spans.set(g.root.feed_id, { first: Math.min(first, g.root.first_day - baseDay), last });
  }
  // A feed of a table that began as another feed of that table stopped: propose merging them.
  for (const feed of feeds) {
    const g = [...groups.values()].find((x) => x.root.feed_key === feed.feedKey)!;
    const mine = spans.get(g.root.feed_id)!;
    for (const other of groups.values()) {
      if (other === g || other.root.table_name !== g.root.table_name) continue;
      const theirs = spans.get(other.root.feed_id);
      if (!theirs || theirs.first >= mine.first) continue;
      if (theirs.last < mine.first && mine.first - theirs.last <= SUCCESSOR_DAYS) {
        feed.mergeSuggestion = other.root.feed_key;
        break;
      }
    }
  }
  feeds.sort((a, b) => a.tableName.localeCompare(b.tableName) || a.feedKey.localeCompare(b.feedKey));
  return { nights, feeds };
}

/** One feed (with what was merged into it) over the range; undefined when nothing arrived in it. */
function ledgerOf(
  g: Group,
  range: { firstDay: number; lastDay: number; baseDay: number; nights: string[]; nowUs: number },
): FeedLedger | undefined {
  const { firstDay, lastDay, baseDay, nights, nowUs } = range;
  const root = g.root;
  const firstSeen = Math.min(...g.members.map((m) => m.first_day));
  const over = root.oversized_factor ?? DEFAULT_OVERSIZED_AT;
  const under = root.undersized_factor ?? DEFAULT_UNDERSIZED_AT;
  const muted = root.muted === 1;
  const arrivalsWindow = new SortedWindow();
  const sizesWindow = new SortedWindow();
  const arrivals: number[] = [];
  const sizes: number[] = [];
  const cells: DeliveryCell[] = [];
  let problems = 0;
  let windowCount = 0;
  for (let day = baseDay; day <= lastDay; day++) {
    const at = day - baseDay;
    // The window holds nights [at - 28, at): drop the one that falls out, judge, then add tonight.
    const out = at - BASELINE_NIGHTS - 1 >= 0 ? g.nights[at - BASELINE_NIGHTS - 1] : undefined;
    if (out) {
      arrivalsWindow.remove(minuteOfDay(out.firstUs));
      if (!out.failed) sizesWindow.remove(out.rows);
      windowCount--;
    }
    const last = at > 0 ? g.nights[at - 1] : undefined;
    if (last) {
      arrivalsWindow.add(minuteOfDay(last.firstUs));
      if (!last.failed) sizesWindow.add(last.rows);
      windowCount++;
    }
    if (day < firstDay) continue;
    const night = g.nights[at];
    if (night) {
      arrivals.push(minuteOfDay(night.firstUs));
      if (!night.failed) sizes.push(night.rows);
    }
    const a = arrivalsWindow.length;
    const z = sizesWindow.length;
    const known = Math.min(BASELINE_NIGHTS, day - firstSeen);
    const cell = judge(night, nights[day - firstDay]!, {
      habitual: windowCount >= MIN_BASELINE && windowCount >= HABIT_SHARE * known,
      due: a >= MIN_BASELINE ? quantile(arrivalsWindow.values, a, 0.9) + LATE_GRACE_MINUTES : null,
      median: z >= MIN_BASELINE ? quantile(sizesWindow.values, z, 0.5) : null,
      over,
      under,
      nowUs,
    });
    if (!muted && PROBLEMS.has(cell.state)) problems++;
    cells.push(cell);
  }
  if (arrivals.length === 0) return undefined;
  arrivals.sort((x, y) => x - y);
  sizes.sort((x, y) => x - y);
  return {
    feedKey: root.feed_key,
    tableName: root.table_name,
    sourcePrefix: root.source_prefix,
    usualArrivalMinute: Math.round(quantile(arrivals, arrivals.length, 0.9)),
    medianRows: sizes.length === 0 ? null : quantile(sizes, sizes.length, 0.5),
    cells,
    name: root.name,
    muted,
    oversizedAt: over,
    undersizedAt: under,
    problems,
    mergedFeedKeys: g.members.filter((m) => m !== root).map((m) => m.feed_key),
    namePattern: namePatternOf(g.members, firstDay * DAY_US),
    mergeSuggestion: null,
  };
}

/** The newest change of file name pattern among the feed's members that falls inside the range. */
function namePatternOf(members: readonly FeedDbRow[], fromUs: number): FeedNamePattern | null {
  let found: FeedNamePattern | null = null;
  let sinceUs = -Infinity;
  for (const m of members) {
    if (m.previous_pattern === null || m.file_pattern === null || m.pattern_since_us === null) continue;
    if (m.pattern_since_us < fromUs || m.pattern_since_us < sinceUs) continue;
    sinceUs = m.pattern_since_us;
    found = { pattern: m.file_pattern, previous: m.previous_pattern, since: isoFromMicros(sinceUs) };
  }
  return found;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DDTHH:MM:SS.mmmZ' of a start on the night `date` (its UTC day). */
function arrivalIso(date: string, us: number): string {
  const ms = Math.floor((((us % DAY_US) + DAY_US) % DAY_US) / 1000);
  const s = Math.floor(ms / 1000);
  return `${date}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}Z`;
}

/** One feed's night against its previous BASELINE_NIGHTS nights (their habit, already summed up). */
function judge(
  n: Night | undefined,
  date: string,
  habit: {
    habitual: boolean;
    due: number | null;
    median: number | null;
    over: number;
    under: number;
    nowUs: number;
  },
): DeliveryCell {
  const { due, median } = habit;
  const flags: DeliveryState[] = [];
  if (!n) {
    const dayStartUs = Date.parse(`${date}T00:00:00Z`) * 1000;
    if (habit.habitual && due !== null)
      flags.push(dayStartUs + due * MINUTE_US > habit.nowUs ? 'pending' : 'missing');
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
      bytes: 0,
      bytesPerFile: null,
    };
  }
  const ratio = median !== null && median > 0 && !n.failed ? n.rows / median : null;
  if (n.failed) flags.push('failed');
  if (due !== null && minuteOfDay(n.firstUs) > due) flags.push('late');
  if (ratio !== null && ratio >= habit.over) flags.push('oversized');
  if (ratio !== null && ratio <= habit.under) flags.push('undersized');
  if (n.partial) flags.push('partial');
  // Pushed in urgency order: the first flag is the state.
  return {
    night: date,
    state: flags[0] ?? 'on-time',
    flags: flags.length === 0 ? ['on-time'] : flags,
    // Millisecond ISO written from the night's date: an arrival needs no microseconds, and this
    // costs a fraction of a Date per cell.
    arrived: arrivalIso(date, n.firstUs),
    loads: n.loads,
    files: n.files,
    rows: n.rows,
    rejected: n.rejected,
    maxerrorUsed: n.maxerrorUsed < 0 ? 1 : n.maxerrorUsed,
    rowsRatio: ratio,
    bytes: n.bytes,
    bytesPerFile: n.bytes > 0 && n.files > 0 ? Math.round(n.bytes / n.files) : null,
  };
}
