// The rules panel's side of alerting (issue #12): rules with their settings in force and their saved
// versions, saving a new version (validated, audited: who, what changed), exemptions and snoozes
// (added and ended, audited; what they held back), and the replay of the rules in force, or of an
// edited set, over stored history, night by night.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  AddExemptionArgs,
  AlertExemption,
  AlertRuleInfo,
  AlertRuleVersion,
  EndExemptionArgs,
  CancelReplayArgs,
  ReplayArgs,
  ReplayComparison,
  ReplayProgressEvent,
  ReplaySide,
  SaveAlertRuleArgs,
  SuppressedIncident,
} from '../../../shared/model/alertRule.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { auditAlertChange } from './auditAlertChange.ts';
import { ApiError } from '../base/ApiError.ts';
import { isKnownTimeZone } from '../base/zonedTime.ts';
import type { AlertRuleSet } from './AlertRuleSet.ts';
import { AlertSchedules } from './AlertSchedules.ts';
import { settingsChanges, type SavedVersion } from './AlertRuleVersions.ts';
import { defaultSettings, settingsProblem } from './configuredRule.ts';
import type { ReplayResult } from './replayRules.ts';
import { inThreadReplays, type ReplayRun, type ReplayRunner } from './runReplayJob.ts';

const DAY_US = 86_400e6;
/** Replay steps: one judgement an hour of the replayed clock (night rules judge a whole night). */
const REPLAY_STEP_US = 3600e6;
/** Longest exemption: a season, not forever. */
const MAX_EXEMPTION_DAYS = 366;
/** Ended or expired exemptions stay listed this long. */
const RECENT_US = 30 * DAY_US;
/** Replays running at once (each a worker thread on a 2-core machine): a third waits for one to end. */
const MAX_REPLAYS = 2;

export interface AlertRuleServiceDeps {
  db: Database.Database;
  ruleSet: AlertRuleSet;
  audit: AuditLog;
  defaultTimeZone: string;
  now?: () => number;
  /** Where replays run (a worker thread in the core); in this thread when absent. */
  replays?: ReplayRunner;
  /** Progress of a running replay ('alerts.replay' events). */
  onReplayProgress?: (event: ReplayProgressEvent) => void;
}

export class AlertRuleService {
  private readonly now: () => number;
  private readonly schedules: AlertSchedules;
  private readonly replays: ReplayRunner;
  private readonly running = new Map<string, ReplayRun>();

  constructor(private readonly d: AlertRuleServiceDeps) {
    this.now = d.now ?? Date.now;
    this.replays = d.replays ?? inThreadReplays(d.db, d.ruleSet);
    this.schedules = new AlertSchedules(d.db, d.defaultTimeZone);
  }

  rules(connectionId: string): AlertRuleInfo[] {
    return this.d.ruleSet.info(connectionId);
  }

  saveRule(a: SaveAlertRuleArgs): AlertRuleInfo {
    const kind = this.d.ruleSet.kind(a.ruleId);
    if (!kind) throw new ApiError('not_found', `There is no alert rule "${a.ruleId}".`);
    const problem = settingsProblem(kind, a.settings);
    if (problem) throw new ApiError('invalid_args', problem);
    const scopeConnection = a.allConnections ? '' : a.connectionId;
    const before = this.d.ruleSet.settingsFor(a.connectionId).find((r) => r.kind.id === kind.id)!;
    const saved: SavedVersion = this.d.ruleSet.versions.save(
      kind.id,
      scopeConnection,
      a.settings,
      a.author,
      a.note,
      this.now() * 1000,
    );
    auditAlertChange(this.d.audit, 'alerts.saveRule', a.connectionId, {
      target: { ruleId: kind.id, version: saved.version, forConnection: scopeConnection || 'all' },
      params: { by: a.author, changes: settingsChanges(before.settings, a.settings) },
      reason: a.note,
      before: JSON.stringify(before.settings),
      after: JSON.stringify(a.settings),
    });
    return this.rules(a.connectionId).find((r) => r.ruleId === kind.id)!;
  }

  ruleHistory(connectionId: string, ruleId: string): AlertRuleVersion[] {
    const kind = this.d.ruleSet.kind(ruleId);
    if (!kind) throw new ApiError('not_found', `There is no alert rule "${ruleId}".`);
    return this.d.ruleSet.versions.history(ruleId, connectionId, defaultSettings(kind));
  }

  exemptions(connectionId: string): AlertExemption[] {
    return this.d.ruleSet.exemptions.list(connectionId, this.now() * 1000, RECENT_US);
  }

  addExemption(a: AddExemptionArgs): AlertExemption {
    const nowUs = this.now() * 1000;
    const timeZone = a.timeZone ?? this.scheduleOf(a.connectionId).timeZone;
    if (!isKnownTimeZone(timeZone))
      throw new ApiError(
        'invalid_args',
        `"${timeZone}" is not a time zone (use an IANA name such as Europe/Berlin).`,
      );
    const fromUs = a.from ? Date.parse(a.from) * 1000 : nowUs;
    const untilUs = Date.parse(a.until) * 1000;
    if (!Number.isFinite(fromUs) || !Number.isFinite(untilUs))
      throw new ApiError('invalid_args', 'from and until must be instants (ISO 8601).');
    if (untilUs <= Math.max(fromUs, nowUs))
      throw new ApiError('invalid_args', 'The end must be after the start and in the future.');
    if (untilUs - fromUs > MAX_EXEMPTION_DAYS * DAY_US)
      throw new ApiError(
        'invalid_args',
        `An exemption lasts at most ${MAX_EXEMPTION_DAYS} days; renew it then.`,
      );
    if (a.kind === 'rule' && !this.d.ruleSet.kind(a.target))
      throw new ApiError('invalid_args', `There is no alert rule "${a.target}".`);
    if (a.ruleId && !this.d.ruleSet.kind(a.ruleId))
      throw new ApiError('invalid_args', `There is no alert rule "${a.ruleId}".`);
    const weekdays = a.weekdays && a.weekdays.length > 0 ? [...new Set(a.weekdays)].sort() : null;
    const target = a.target.trim();
    if (target === '') throw new ApiError('invalid_args', 'Name the rule, job, feed or queue to exempt.');
    const created = this.d.ruleSet.exemptions.add(
      {
        connectionId: a.connectionId,
        kind: a.kind,
        target,
        ruleId: a.kind === 'rule' ? null : (a.ruleId ?? null),
        weekdays,
        timeZone,
        fromUs,
        untilUs,
        author: a.author,
        reason: a.reason,
      },
      nowUs,
    );
    auditAlertChange(this.d.audit, 'alerts.addExemption', a.connectionId, {
      target: { exemptionId: created.id, kind: created.kind, target: created.target, ruleId: created.ruleId },
      params: { by: a.author, weekdays, timeZone, from: created.from, until: created.until },
      reason: a.reason,
    });
    return created;
  }

  endExemption(a: EndExemptionArgs): AlertExemption {
    const nowUs = this.now() * 1000;
    const before = this.d.ruleSet.exemptions.get(a.exemptionId, nowUs);
    if (!before) throw new ApiError('not_found', 'There is no such exemption.');
    this.d.ruleSet.exemptions.end(a.exemptionId, a.by, nowUs);
    auditAlertChange(this.d.audit, 'alerts.endExemption', before.connectionId, {
      target: { exemptionId: before.id, kind: before.kind, target: before.target },
      params: { by: a.by },
    });
    return this.d.ruleSet.exemptions.get(a.exemptionId, nowUs)!;
  }

  suppressed(connectionId: string, limit: number): SuppressedIncident[] {
    return (
      this.d.db
        .prepare(
          `SELECT id, suppressed_by, rule_id, subject, severity, message, first_seen_us, last_seen_us, count
           FROM alert_incidents WHERE connection_id = ? AND suppressed_by IS NOT NULL
           ORDER BY last_seen_us DESC, id DESC LIMIT ?`,
        )
        .all(connectionId, limit) as {
        id: number;
        suppressed_by: number;
        rule_id: string;
        subject: string;
        severity: SuppressedIncident['severity'];
        message: string;
        first_seen_us: number;
        last_seen_us: number;
        count: number;
      }[]
    ).map((r) => ({
      incidentId: r.id,
      exemptionId: r.suppressed_by,
      ruleId: r.rule_id,
      subject: r.subject,
      severity: r.severity,
      message: r.message,
      firstSeen: new Date(r.first_seen_us / 1000).toISOString(),
      lastSeen: new Date(r.last_seen_us / 1000).toISOString(),
      count: r.count,
    }));
  }

  /**
   * The rules in force, and an edited set when given, over the last `nights` nights of history: run by
   * the replay runner (a worker thread in the core), with progress events under the caller's replayId.
   */
  async replay(a: ReplayArgs): Promise<ReplayComparison> {
    for (const [ruleId, settings] of Object.entries(a.rules ?? {})) {
      const kind = this.d.ruleSet.kind(ruleId);
      if (!kind) throw new ApiError('invalid_args', `There is no alert rule "${ruleId}".`);
      const problem = settingsProblem(kind, settings);
      if (problem) throw new ApiError('invalid_args', problem);
    }
    const replayId = a.replayId ?? randomUUID();
    if (this.running.has(replayId))
      throw new ApiError('conflict', 'A replay with this id is already running.');
    if (this.running.size >= MAX_REPLAYS)
      throw new ApiError(
        'unavailable',
        `${MAX_REPLAYS} replays are running; wait for one to finish or cancel it.`,
      );
    const toUs = this.now() * 1000;
    const fromUs = toUs - a.nights * DAY_US;
    let last = { done: 0, total: 0 };
    const progress = (done: number, total: number, finished: boolean) => {
      last = { done, total };
      this.d.onReplayProgress?.({ replayId, connectionId: a.connectionId, done, total, finished });
    };
    const run = this.replays(
      {
        connectionId: a.connectionId,
        fromUs,
        toUs,
        stepUs: REPLAY_STEP_US,
        schedule: this.scheduleOf(a.connectionId),
        edited: a.rules ?? null,
      },
      (done, total) => progress(done, total, false),
    );
    this.running.set(replayId, run);
    let result;
    try {
      result = await run.result;
    } finally {
      this.running.delete(replayId);
      progress(last.done, last.total, true);
    }
    const current = sideOf(result.current);
    const edited = result.edited ? sideOf(result.edited) : null;
    const pages = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
    const items = (n: number) => `${n} digest item${n === 1 ? '' : 's'}`;
    const head = `Last ${a.nights} night${a.nights === 1 ? '' : 's'}: ${pages(current.pages)} and ${items(current.digestItems)} with the current rules`;
    return {
      connectionId: a.connectionId,
      from: new Date(fromUs / 1000).toISOString(),
      to: new Date(toUs / 1000).toISOString(),
      nights: a.nights,
      current,
      edited,
      summary: edited
        ? `${head}, ${pages(edited.pages)} and ${items(edited.digestItems)} with these.`
        : `${head}.`,
    };
  }

  /** Stops every running replay (the core is stopping). */
  cancelAll(): void {
    for (const run of this.running.values()) run.cancel();
  }

  /** Stops a running replay; its caller's replay call then fails with "cancelled". */
  cancelReplay(a: CancelReplayArgs): { cancelled: boolean } {
    const run = this.running.get(a.replayId);
    run?.cancel();
    return { cancelled: run !== undefined };
  }

  private scheduleOf(connectionId: string) {
    return this.schedules.get(connectionId) ?? this.schedules.defaults();
  }
}

function sideOf(r: ReplayResult): ReplaySide {
  return {
    pages: r.pages,
    digestItems: r.digestItems,
    suppressed: r.suppressed,
    nights: r.periods.map((p) => ({
      digestDate: p.digestDate,
      pages: p.pages,
      digestItems: p.digestItems,
      suppressed: p.suppressed,
      paged: p.paged,
      digest: p.digest,
    })),
  };
}
