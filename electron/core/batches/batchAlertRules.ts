// Alert rules on the batches' own verdicts (issue #12): tonight's batch past its SLA (a page) or
// forecast to miss it (the digest), a job that failed or that a QMR rule aborted, and a job that ran
// far longer than its 28-night median. Only the night the judged instant falls in is read (the per-night
// rollups: a few rows a job), once per pass for all three rules; an afternoon, between two nights,
// has nothing to judge.
//
// A failed or aborted job goes to the digest, not a page: the rest of the batch goes on, and what its
// failure does to the morning shows in the finish, which the SLA rule pages for.
import type Database from 'better-sqlite3';
import type { BatchDrift, BatchNight } from '../../../shared/model/batch.ts';
import type { AlertFinding, AlertRuleKind } from '../base/AlertRule.ts';
import { viewLink } from '../base/AlertRule.ts';
import { StampedVerdicts } from '../base/StampedVerdicts.ts';
import { formatClock, nightClockMinutes, nightOf } from '../base/batchNight.ts';
import { batchSettingsOrDefault } from '../store/batches/BatchSettingsStore.ts';
import { durationWords, plural } from './batchWords.ts';
import { MEDIAN_NIGHTS, readBatchNight } from './readBatchNight.ts';
import { readBatchDrift } from './readBatchDrift.ts';
import { readBatchStatements } from './readBatchStatements.ts';

interface Tonight {
  night: string;
  batch: BatchNight;
  slaMinute: number | null;
  timeZone: string;
  drift: BatchDrift | null;
}

/** QMR actions of a job's aborted statements on a night, by night + job + abort count (read once). */
const abortsRead = new Map<string, string[]>();

/**
 * While the batch runs (every poll brings statements), tonight is read again at most this often: the
 * SLA page comes at most this late. An abort or a change of the settings is read at once.
 */
const REREAD_US = 2 * 60e6;

const tonights = new StampedVerdicts<Tonight>(REREAD_US);

/**
 * The night `nowUs` falls in, as the batches page reads it; shared by the three rules and kept while
 * the night's rollups and the batch settings stay the same (one indexed read on the rollups' key), so
 * a pass that brought nothing new to tonight reads nothing else.
 */
function tonightOf(db: Database.Database, connectionId: string, nowUs: number): Tonight | null {
  const settings = batchSettingsOrDefault(db, connectionId);
  const night = nightOf(nowUs / 1000, settings);
  if (night === null) return null;
  const s = db
    .prepare(
      `SELECT count(*) AS n, sum(statements) AS statements, max(last_end_us) AS last, sum(aborted) AS aborted
       FROM batch_label_nights WHERE connection_id = ? AND night = ?`,
    )
    .get(connectionId, night) as Record<string, number | null>;
  const stamp = `${night}:${s.n}:${s.statements}:${s.last}`;
  const urgent = `${night}:${s.aborted}:${JSON.stringify(settings)}`;
  return tonights.get({ db, connectionId, nowUs, stamp, urgent }, () => ({
    night,
    batch: readBatchNight(db, { connectionId, night }),
    slaMinute: settings.slaMinute,
    timeZone: settings.timeZone,
    drift: null,
  }));
}

const nightLink = (connectionId: string, night: string) => viewLink('batches', connectionId, { night });

export const batchSlaRuleKind: AlertRuleKind = {
  id: 'batch-sla',
  title: 'Batch past its SLA or forecast to miss it',
  threshold: { label: 'Page when past the SLA by more than', unit: 'min', min: 0, max: 720, default: 0 },
  duration: null,
  severity: 'critical',
  scopes: ['job'],
  build: ({ threshold }) => {
    const margin = threshold ?? 0;
    const description = `the batch finishing more than ${durationWords(margin * 60_000)} past its SLA (critical), or its ${MEDIAN_NIGHTS}-night trend past the SLA before it is due (warning); no SLA set, no finding`;
    return {
      id: 'batch-sla',
      description,
      evaluate({ db, connectionId, nowUs }) {
        const t = tonightOf(db, connectionId, nowUs);
        if (!t || t.slaMinute === null) return [];
        const { finish, movers } = t.batch;
        const about = movers[0] ? { job: movers[0] } : {};
        const link = nightLink(connectionId, t.night);
        if (finish?.slaMarginMinutes != null && finish.slaMarginMinutes > margin)
          return [
            {
              subject: `batch:${t.night}`,
              severity: 'critical',
              message: `Batch night ${t.night} ${t.batch.story.replace(/^F/, 'f')} (rule: ${description}).`,
              link,
              about,
            },
          ];
        // Before the SLA is due, tonight's point of the trend says whether it is likely to hold.
        if (nightClockMinutes(nowUs / 1000, t.night, t.timeZone) >= t.slaMinute) return [];
        t.drift ??= readBatchDrift(db, { connectionId, nights: MEDIAN_NIGHTS, to: t.night });
        const point = t.drift.points.find((p) => p.night === t.night);
        if (!point || point.trend === null || point.trend < t.slaMinute) return [];
        return [
          {
            subject: `batch-forecast:${t.night}`,
            severity: 'warning',
            message:
              `Batch night ${t.night} is forecast to miss its ${formatClock(t.slaMinute)} SLA: its trend ` +
              `(${t.drift.trend ? `${t.drift.trend.minutesPerNight.toFixed(1)} min a night` : 'fit'}) puts tonight's finish at ${formatClock(point.trend)} (rule: ${description}).`,
            link,
            about,
          },
        ];
      },
    };
  },
};

export const batchJobFailedRuleKind: AlertRuleKind = {
  id: 'batch-job-failed',
  title: 'Batch job failed or aborted by QMR',
  threshold: null,
  duration: null,
  severity: 'warning',
  scopes: ['job'],
  build: () => {
    const description = 'a batch job with an aborted statement tonight (by a QMR rule, cancelled or failed)';
    return {
      id: 'batch-job-failed',
      description,
      evaluate({ db, connectionId, nowUs }) {
        const t = tonightOf(db, connectionId, nowUs);
        if (!t) return [];
        return t.batch.jobs
          .filter((j) => j.aborted > 0)
          .map((j): AlertFinding => {
            const key = `${connectionId}:${t.night}:${j.label}:${j.aborted}`;
            let qmr = abortsRead.get(key);
            if (!qmr) {
              const { statements } = readBatchStatements(db, {
                connectionId,
                night: t.night,
                label: j.label,
              });
              qmr = [...new Set(statements.flatMap((s) => (s.aborted && s.qmrAction ? [s.qmrAction] : [])))];
              if (abortsRead.size >= 1000) abortsRead.clear();
              abortsRead.set(key, qmr);
            }
            const byQmr = qmr.includes('abort');
            const how = byQmr ? 'aborted by a QMR rule (action abort)' : 'aborted (cancelled or failed)';
            return {
              subject: `job:${j.label}:${t.night}`,
              // A cancel is often a person's own doing: it is listed, below what a QMR abort is.
              severity: byQmr ? 'warning' : 'info',
              message: `Batch job ${j.label} on night ${t.night}: ${plural(j.aborted, 'statement')} ${how} (rule: ${description}).`,
              link: nightLink(connectionId, t.night),
              about: { job: j.label },
            };
          });
      },
    };
  },
};

export const batchJobLateRuleKind: AlertRuleKind = {
  id: 'batch-job-late',
  title: 'Batch job far past its usual duration',
  threshold: { label: 'Longer than its median by', unit: 'min', min: 5, max: 720, default: 60 },
  duration: null,
  severity: 'warning',
  scopes: ['job'],
  build: ({ threshold }) => {
    const minutes = threshold ?? 60;
    const description = `a batch job running more than ${durationWords(minutes * 60_000)} and 1.5× longer than its ${MEDIAN_NIGHTS}-night median`;
    return {
      id: 'batch-job-late',
      description,
      evaluate({ db, connectionId, nowUs }) {
        const t = tonightOf(db, connectionId, nowUs);
        if (!t) return [];
        return t.batch.jobs
          .filter(
            (j) =>
              j.medianDurationMs !== null &&
              j.durationMs - j.medianDurationMs > minutes * 60_000 &&
              j.durationMs >= 1.5 * j.medianDurationMs,
          )
          .map((j): AlertFinding => ({
            subject: `job:${j.label}:${t.night}`,
            severity: 'warning',
            message:
              `Batch job ${j.label} on night ${t.night} ran ${durationWords(j.durationMs)}, ` +
              `${durationWords(j.durationMs - j.medianDurationMs!)} longer than its median` +
              (j.execFactor !== null ? ` (execution ×${j.execFactor.toFixed(1)})` : '') +
              (j.queueMs >= 60_000 ? `, ${durationWords(j.queueMs)} of it queued` : '') +
              ` (rule: ${description}).`,
            link: nightLink(connectionId, t.night),
            about: { job: j.label },
          }));
      },
    };
  },
};

export const BATCH_RULE_KINDS: readonly AlertRuleKind[] = [
  batchSlaRuleKind,
  batchJobFailedRuleKind,
  batchJobLateRuleKind,
];
