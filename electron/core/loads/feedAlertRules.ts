// Alert rules on the delivery ledger and the drift report (issue #12): a feed missing, oversized,
// failed over MAXERROR, drifting in format, or late, on the current night only. Both verdicts are the
// loads views' own (readDeliveryLedger / readFormatDrift over one night against its 28-night habit),
// so the alert and the Deliveries page never disagree. Read once per pass for all five rules (a pass
// judges one instant), never over history: the replay steps through nights one pass at a time.
//
// Severity: a failed COPY is critical. It loaded nothing (the transaction rolled back), so every
// report and job that reads the table this morning runs on yesterday's data and nothing downstream
// says so; a person must rerun it before the business day. Missing, oversized, drift and late wait for
// the digest: the data is there or the next delivery heals it, and the owner is the supplier.
import type Database from 'better-sqlite3';
import type { DeliveryCell, FeedLedger, FormatDrift } from '../../../shared/model/load.ts';
import type { AlertFinding, AlertRule, AlertRuleKind } from '../base/AlertRule.ts';
import { viewLink } from '../base/AlertRule.ts';
import { StampedVerdicts } from '../base/StampedVerdicts.ts';
import { DAY_US, dateOf } from './feedNights.ts';
import { readDeliveryLedger } from './readDeliveryLedger.ts';
import { readFormatDrift } from './readFormatDrift.ts';

interface FeedNightVerdict {
  night: string;
  feeds: { feed: FeedLedger; cell: DeliveryCell }[];
  /** Read on first use (only the drift rule needs the rejected rows). */
  drifts: FormatDrift[] | null;
}

/** How often a night with feeds still due is judged again while no COPY arrives (pending -> missing). */
const PENDING_RECHECK_US = 5 * 60e6;

/**
 * While COPYs keep arriving, the night is read again at most this often; a COPY that failed is read
 * at once (it pages).
 */
const REREAD_US = 2 * 60e6;

const nights = new StampedVerdicts<FeedNightVerdict>(REREAD_US);

/**
 * The current UTC night's ledger cells, shared by the five rules and kept while the night's COPYs stay
 * the same (a cheap stamp on the start-time index): a pass after which nothing new arrived costs one
 * indexed count. A night with feeds still due is judged again every few minutes, so "pending" turns
 * "missing" on time.
 */
function feedNight(db: Database.Database, connectionId: string, nowUs: number): FeedNightVerdict {
  const day = Math.floor(nowUs / DAY_US);
  const night = dateOf(day);
  const s = db
    .prepare(
      `SELECT count(*) AS n, max(start_us) AS last, sum(coalesce(lines_scanned, rows_loaded, 0)) AS lines,
         sum(rows_rejected) AS rejected, sum(status = 'aborted') AS aborted
       FROM copy_loads WHERE connection_id = ? AND start_us >= ? AND start_us < ?`,
    )
    .get(connectionId, day * DAY_US, (day + 1) * DAY_US) as Record<string, number | null>;
  const stamp = `${night}:${s.n}:${s.last}:${s.lines}:${s.rejected}`;
  const urgent = `${night}:${s.aborted}`;
  // From the night before: a feed that came then and is silent tonight is listed (a range lists only
  // the feeds that delivered in it), and tonight is judged against the 28 nights before it.
  const read = (): FeedNightVerdict => {
    const ledger = readDeliveryLedger(
      db,
      { connectionId, from: `${dateOf(day - 1)}T00:00:00Z`, to: `${night}T23:59:59Z` },
      new Date(nowUs / 1000),
    );
    return {
      night,
      feeds: ledger.feeds.flatMap((feed) => {
        const cell = feed.cells.find((c) => c.night === night);
        return cell ? [{ feed, cell }] : [];
      }),
      drifts: null,
    };
  };
  const noneDue = (v: FeedNightVerdict) => !v.feeds.some((f) => f.cell.state === 'pending');
  return nights.get(
    { db, connectionId, nowUs, stamp, urgent },
    read,
    (v, sinceUs) => sinceUs < PENDING_RECHECK_US || noneDue(v),
  );
}

const nightRange = (connectionId: string, night: string) => ({
  connectionId,
  from: `${night}T00:00:00Z`,
  to: `${night}T23:59:59Z`,
});

const feedName = (f: FeedLedger) => `${f.tableName} from ${f.sourcePrefix}`;
const feedLink = (connectionId: string, night: string, f: { feedKey: string }) =>
  viewLink('feeds', connectionId, { night, feed: f.feedKey });

function cellRule(
  id: string,
  description: string,
  judge: (cell: DeliveryCell, feed: FeedLedger) => string | null,
  severity: 'critical' | 'warning',
): AlertRule {
  return {
    id,
    description,
    evaluate({ db, connectionId, nowUs }) {
      const v = feedNight(db, connectionId, nowUs);
      const found: AlertFinding[] = [];
      for (const { feed, cell } of v.feeds) {
        const what = judge(cell, feed);
        if (what === null) continue;
        found.push({
          subject: `feed:${feed.feedKey}:${v.night}`,
          severity,
          message: `Feed ${feedName(feed)} on ${v.night}: ${what} (rule: ${description}).`,
          link: feedLink(connectionId, v.night, feed),
          about: { feed: `${feed.tableName} ${feed.sourcePrefix}` },
        });
      }
      return found;
    },
  };
}

const clockOf = (iso: string | null) => (iso === null ? '?' : iso.slice(11, 16));
const rowsWords = (n: number) => n.toLocaleString('en-US');

/** A kind judged on the night's ledger flag alone (no threshold). */
function flagKind(
  id: string,
  title: string,
  severity: 'critical' | 'warning',
  description: string,
  words: (cell: DeliveryCell) => string | null,
): AlertRuleKind {
  const build = () => cellRule(id, description, words, severity);
  return { id, title, threshold: null, duration: null, severity, scopes: ['feed'], build };
}

export const feedMissingRuleKind = flagKind(
  'feed-missing',
  'Feed missing',
  'warning',
  'a feed that came on at least 80 % of its last 28 nights delivered nothing past its usual arrival',
  (cell) =>
    cell.flags.includes('missing')
      ? 'nothing arrived, past the time it usually has (p90 of its last 28 nights + 15 min)'
      : null,
);

export const feedOversizedRuleKind: AlertRuleKind = {
  id: 'feed-oversized',
  title: 'Feed oversized',
  threshold: { label: 'Rows at least', unit: '× the median', min: 1.5, max: 1000, default: 3 },
  duration: null,
  severity: 'warning',
  scopes: ['feed'],
  build: ({ threshold }) => {
    const factor = threshold ?? 3;
    return cellRule(
      'feed-oversized',
      `a feed delivering at least ${factor}× its median rows of the last 28 nights`,
      (cell, feed) =>
        cell.rowsRatio !== null && cell.rowsRatio >= factor
          ? `${rowsWords(cell.rows)} rows, ${cell.rowsRatio.toFixed(1)}× its median${feed.medianRows !== null ? ` (${rowsWords(Math.round(feed.medianRows))})` : ''}`
          : null,
      'warning',
    );
  },
};

export const feedFailedRuleKind = flagKind(
  'feed-failed',
  'Feed failed over MAXERROR',
  'critical',
  'a COPY of a feed aborted (rejected rows over MAXERROR): nothing of it was loaded',
  (cell) =>
    cell.flags.includes('failed')
      ? `a COPY aborted with ${rowsWords(cell.rejected)} rejected rows (over MAXERROR); nothing was loaded`
      : null,
);

export const feedLateRuleKind = flagKind(
  'feed-late',
  'Feed late',
  'warning',
  'a feed arriving after its usual arrival (p90 of its last 28 nights) plus 15 min',
  (cell) =>
    cell.flags.includes('late')
      ? `first COPY at ${clockOf(cell.arrived)} UTC, after its usual arrival`
      : null,
);

export const feedDriftRuleKind: AlertRuleKind = {
  id: 'feed-drift',
  title: 'Feed format drift',
  threshold: null,
  duration: null,
  severity: 'warning',
  scopes: ['feed'],
  build: () => {
    const description =
      'a feed whose COPYs reject rows with an error it never had in its last 28 nights, or 10× its usual rejects';
    return {
      id: 'feed-drift',
      description,
      evaluate({ db, connectionId, nowUs }) {
        const v = feedNight(db, connectionId, nowUs);
        v.drifts ??= readFormatDrift(db, nightRange(connectionId, v.night)).drifts.filter(
          (d) => d.firstNight === v.night,
        );
        const source = new Map(v.feeds.map(({ feed }) => [feed.feedKey, feed.sourcePrefix]));
        return v.drifts.map((d): AlertFinding => {
          const what =
            d.kind === 'new-error'
              ? `new error ${d.errCode} "${d.reason.trim()}"${d.columns.filter((c) => c !== '').length > 0 ? ` on ${d.columns.join(', ')}` : ''}`
              : `rejected rows jumped to ${rowsWords(d.rejected)} (usually ${rowsWords(d.baselineRejected)})`;
          const share =
            d.shareOfLines === null ? '' : `, ${(d.shareOfLines * 100).toFixed(1)} % of the lines`;
          return {
            subject: `feed-drift:${d.feedKey}:${d.errCode}:${v.night}`,
            severity: 'warning',
            message: `Feed ${d.tableName} on ${v.night}: ${what}, ${rowsWords(d.rejected)} rows${share} (rule: ${description}).`,
            link: feedLink(connectionId, v.night, d),
            about: { feed: `${d.tableName} ${source.get(d.feedKey) ?? ''}`.trim() },
          };
        });
      },
    };
  },
};

export const FEED_RULE_KINDS: readonly AlertRuleKind[] = [
  feedFailedRuleKind,
  feedMissingRuleKind,
  feedOversizedRuleKind,
  feedDriftRuleKind,
  feedLateRuleKind,
];
