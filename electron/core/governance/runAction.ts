// Exactly once, on the record: every admin action goes through here. The idempotency key is claimed
// in the store before Redshift is touched; calls that share a key while the first is in flight wait
// for it, and later ones get its stored result (replayed: true) — one call to Redshift, one audit
// record. A failed action releases its key so a deliberate retry runs again (and is audited again).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ActionOutcome, ActionResult } from '../../../shared/model/governance.ts';
import type { AuditLog } from '../audit/AuditLog.ts';

export interface ActionSpec {
  /** The API method, e.g. actions.cancel: also the audit record's action. */
  action: string;
  connectionId: string;
  idempotencyKey: string;
  target: unknown;
  params?: unknown;
  reason: string;
}

/** What the action itself reports; runAction adds the request id, the audit sequence and `replayed`. */
export interface ActionReport<X> {
  outcome: ActionOutcome;
  message: string;
  confirmation?: string | null;
  actorDbUser?: string;
  actorAws?: string;
  before?: string;
  after?: string;
  /** Extra result fields (e.g. the WLM apply status), stored and replayed with the result. */
  extra: X;
}

type Stored<X> = ActionResult & X;

export class ActionRunner {
  private readonly inFlight = new Map<string, { action: string; work: Promise<Stored<unknown>> }>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {}

  async run<X extends object>(
    spec: ActionSpec,
    perform: (requestId: string) => Promise<ActionReport<X>>,
  ): Promise<Stored<X>> {
    // A key reused for another action never replays that action's result (it has another shape and
    // says nothing about this request): claimAndPerform refuses it, on the record.
    const pending = this.inFlight.get(spec.idempotencyKey);
    if (pending && pending.action === spec.action) {
      return { ...((await pending.work) as Stored<X>), replayed: true };
    }

    const earlier = this.db
      .prepare('SELECT action, state, result_json FROM action_requests WHERE idempotency_key = ?')
      .get(spec.idempotencyKey) as { action: string; state: string; result_json: string | null } | undefined;
    if (earlier?.state === 'finished' && earlier.result_json !== null && earlier.action === spec.action) {
      return { ...(JSON.parse(earlier.result_json) as Stored<X>), replayed: true };
    }
    if (pending) return this.refuseReusedKey(spec, pending.action);

    const requestId = randomUUID();
    const work = this.claimAndPerform(spec, requestId, earlier, perform);
    this.inFlight.set(spec.idempotencyKey, { action: spec.action, work });
    try {
      return await work;
    } finally {
      this.inFlight.delete(spec.idempotencyKey);
    }
  }

  private refuseReusedKey<X extends object>(spec: ActionSpec, otherAction: string): Stored<X> {
    const requestId = randomUUID();
    const message = `This request key was already used for ${otherAction}; start the action again.`;
    const auditSeq = this.record(spec, requestId, { outcome: 'refused', message, extra: {} });
    return {
      requestId,
      outcome: 'refused',
      message,
      confirmation: null,
      auditSeq,
      replayed: false,
    } as Stored<X>;
  }

  private async claimAndPerform<X extends object>(
    spec: ActionSpec,
    requestId: string,
    earlier: { action: string; state: string } | undefined,
    perform: (requestId: string) => Promise<ActionReport<X>>,
  ): Promise<Stored<X>> {
    if (earlier?.state === 'running' || (earlier && earlier.action !== spec.action)) {
      // An earlier process claimed this key and stopped before recording the outcome (or the key was
      // reused for another action): Redshift may have been called, so never call it again blindly.
      const message =
        earlier.action !== spec.action
          ? `This request key was already used for ${earlier.action}; start the action again.`
          : 'An earlier attempt of this action was interrupted before its outcome was recorded. ' +
            'Check the live view and the audit log, then start the action again.';
      const auditSeq = this.record(spec, requestId, { outcome: 'refused', message, extra: {} });
      if (earlier.action === spec.action) {
        // Said once: the user has been told to look, so the next attempt with this key runs (it re-checks
        // its target first), instead of the key being stuck for good after a crash.
        this.db
          .prepare(`UPDATE action_requests SET state = 'failed', finished_at = ? WHERE idempotency_key = ?`)
          .run(new Date().toISOString(), spec.idempotencyKey);
      }
      return {
        requestId,
        outcome: 'refused',
        message,
        confirmation: null,
        auditSeq,
        replayed: false,
      } as Stored<X>;
    }
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO action_requests (idempotency_key, action, connection_id, request_id, state, created_at)
         VALUES (?, ?, ?, ?, 'running', ?)
         ON CONFLICT (idempotency_key) DO UPDATE SET request_id = excluded.request_id, state = 'running',
           result_json = NULL, created_at = excluded.created_at, finished_at = NULL`,
      )
      .run(spec.idempotencyKey, spec.action, spec.connectionId, requestId, now);

    let report: ActionReport<X>;
    try {
      report = await perform(requestId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report = { outcome: 'failed', message, extra: {} as X };
    }
    const auditSeq = this.record(spec, requestId, report);
    const result = {
      ...report.extra,
      requestId,
      outcome: report.outcome,
      message: report.message,
      confirmation: report.confirmation ?? null,
      auditSeq,
      replayed: false,
    } as Stored<X>;
    this.db
      .prepare(
        `UPDATE action_requests SET state = ?, result_json = ?, finished_at = ? WHERE idempotency_key = ?`,
      )
      .run(
        report.outcome === 'failed' ? 'failed' : 'finished',
        JSON.stringify(result),
        new Date().toISOString(),
        spec.idempotencyKey,
      );
    return result;
  }

  private record(spec: ActionSpec, requestId: string, report: ActionReport<object>): number {
    return this.audit.append({
      requestId,
      action: spec.action,
      outcome: report.outcome === 'done' ? 'ok' : report.outcome,
      connectionId: spec.connectionId,
      target: spec.target,
      params: spec.params,
      reason: spec.reason,
      ...(report.actorDbUser !== undefined ? { actorDbUser: report.actorDbUser } : {}),
      ...(report.actorAws !== undefined ? { actorAws: report.actorAws } : {}),
      ...(report.before !== undefined ? { before: report.before } : {}),
      ...(report.after !== undefined ? { after: report.after } : {}),
      message: report.confirmation ? `${report.message} — ${report.confirmation}` : report.message,
    });
  }
}
