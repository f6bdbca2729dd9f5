// Exactly once, on the record: every admin action goes through here. The idempotency key and the
// target are claimed in one IMMEDIATE transaction before Redshift is touched, so correctness holds
// across processes sharing the store, not only inside this one:
// - the same key with the same request waits for the first call and gets its stored result
//   (replayed: true): one call to Redshift, one audit record;
// - the same key with another method, connection or arguments is refused in words, on the record;
// - another key on a target that is being acted on is refused, saying what is happening to it;
// - a failed action releases its key, so a deliberate retry runs again (and is audited again).
import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ActionOutcome, ActionResult } from '../../../shared/model/governance.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { isProcessAlive } from '../base/isProcessAlive.ts';

export interface ActionSpec {
  /** The API method, e.g. actions.cancel: also the audit record's action. */
  action: string;
  connectionId: string;
  idempotencyKey: string;
  /** What is acted on, as audited. */
  target: unknown;
  /** Identity of the target: at most one action runs on it at a time, whatever the key. */
  targetKey: string;
  /** The target in words, for messages: "query 189456 (pid 4242)". */
  targetLabel: string;
  /** The arguments that make this request (the key and the reason aside): a reused key must match them. */
  request: unknown;
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

interface ClaimRow {
  action: string;
  state: 'running' | 'finished' | 'failed';
  result_json: string | null;
  request_hash: string;
  target_label: string;
  owner_pid: number;
  created_at: string;
}

type Claim =
  | { kind: 'claimed'; requestId: string }
  | { kind: 'replay'; resultJson: string }
  | { kind: 'wait'; ownerPid: number }
  | { kind: 'refuse'; message: string };

/** How long a call waits for another process that holds its key before saying so instead. */
const OTHER_PROCESS_WAIT_MS = 120_000;
const OTHER_PROCESS_POLL_MS = 100;

export class ActionRunner {
  /** Keys this process is acting on now, with the request they were claimed for. */
  private readonly inFlight = new Map<string, { hash: string; work: Promise<unknown> }>();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
  ) {}

  async run<X extends object>(
    spec: ActionSpec,
    perform: (requestId: string) => Promise<ActionReport<X>>,
  ): Promise<Stored<X>> {
    const hash = requestHash(spec);
    const pending = this.inFlight.get(spec.idempotencyKey);
    if (pending?.hash === hash) {
      await pending.work.catch(() => undefined);
      return this.replayStored<X>(spec, hash);
    }
    const claim = this.claim(spec, hash);
    switch (claim.kind) {
      case 'replay':
        return { ...(JSON.parse(claim.resultJson) as Stored<X>), replayed: true };
      case 'refuse':
        return this.refuse<X>(spec, claim.message);
      case 'wait':
        return this.waitForOtherProcess<X>(spec, hash, claim.ownerPid);
      case 'claimed': {
        const work = this.perform(spec, claim.requestId, perform);
        this.inFlight.set(spec.idempotencyKey, { hash, work });
        try {
          return await work;
        } finally {
          this.inFlight.delete(spec.idempotencyKey);
        }
      }
    }
  }

  /** The whole decision in one write transaction: SQLite serialises it across processes. */
  private claim(spec: ActionSpec, hash: string): Claim {
    const decide = (): Claim => {
      const earlier = this.db
        .prepare(
          `SELECT action, state, result_json, request_hash, target_label, owner_pid, created_at
             FROM action_requests WHERE idempotency_key = ?`,
        )
        .get(spec.idempotencyKey) as ClaimRow | undefined;
      if (earlier) {
        const sameRequest =
          earlier.action === spec.action && (earlier.request_hash === '' || earlier.request_hash === hash);
        if (!sameRequest) {
          const what = earlier.target_label ? `${earlier.action} on ${earlier.target_label}` : earlier.action;
          return {
            kind: 'refuse',
            message: `This request key was already used for ${what}, not for this request; nothing was done. Start the action again.`,
          };
        }
        if (earlier.state === 'finished' && earlier.result_json !== null)
          return { kind: 'replay', resultJson: earlier.result_json };
        if (earlier.state === 'running') {
          if (this.holdsElsewhere(earlier.owner_pid)) return { kind: 'wait', ownerPid: earlier.owner_pid };
          // Its process stopped before recording the outcome: Redshift may have been called, so never
          // call it again blindly. Said once: the next attempt with this key runs (re-checking its
          // target first) instead of the key being stuck for good after a crash.
          this.markInterrupted(spec.idempotencyKey);
          return {
            kind: 'refuse',
            message:
              'An earlier attempt of this action was interrupted before its outcome was recorded. ' +
              'Check the live view and the audit log, then start the action again.',
          };
        }
      }
      const busy = this.db
        .prepare(
          `SELECT idempotency_key AS key, action, target_label, owner_pid, created_at FROM action_requests
            WHERE target_key = ? AND state = 'running' AND idempotency_key <> ?`,
        )
        .get(spec.targetKey, spec.idempotencyKey) as
        | { key: string; action: string; target_label: string; owner_pid: number; created_at: string }
        | undefined;
      if (busy) {
        const live = this.inFlight.has(busy.key) || this.holdsElsewhere(busy.owner_pid);
        if (live) {
          const who =
            busy.owner_pid === process.pid
              ? 'another request from this Nightshift'
              : `another Nightshift process (pid ${busy.owner_pid})`;
          return {
            kind: 'refuse',
            message: `Nothing was done: ${busy.action} on ${spec.targetLabel} is already in progress, started at ${busy.created_at} by ${who}. Wait for it to finish and check the audit log.`,
          };
        }
        this.markInterrupted(busy.key);
      }
      const requestId = randomUUID();
      this.db
        .prepare(
          `INSERT INTO action_requests (idempotency_key, action, connection_id, request_id, state, created_at,
             request_hash, target_key, target_label, owner_pid)
           VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)
           ON CONFLICT (idempotency_key) DO UPDATE SET request_id = excluded.request_id, state = 'running',
             result_json = NULL, created_at = excluded.created_at, finished_at = NULL,
             request_hash = excluded.request_hash, target_key = excluded.target_key,
             target_label = excluded.target_label, owner_pid = excluded.owner_pid`,
        )
        .run(
          spec.idempotencyKey,
          spec.action,
          spec.connectionId,
          requestId,
          new Date().toISOString(),
          hash,
          spec.targetKey,
          spec.targetLabel,
          process.pid,
        );
      return { kind: 'claimed', requestId };
    };
    return this.db.transaction(decide).immediate();
  }

  /** Another live process holds the claim (this process's own claims are in `inFlight`). */
  private holdsElsewhere(ownerPid: number): boolean {
    return ownerPid !== process.pid && isProcessAlive(ownerPid);
  }

  private markInterrupted(key: string): void {
    this.db
      .prepare(`UPDATE action_requests SET state = 'failed', finished_at = ? WHERE idempotency_key = ?`)
      .run(new Date().toISOString(), key);
  }

  /** The same request is running in another process: its result is ours once it is recorded. */
  private async waitForOtherProcess<X extends object>(
    spec: ActionSpec,
    hash: string,
    ownerPid: number,
  ): Promise<Stored<X>> {
    const deadline = Date.now() + OTHER_PROCESS_WAIT_MS;
    const stateOf = () =>
      (
        this.db
          .prepare('SELECT state FROM action_requests WHERE idempotency_key = ?')
          .get(spec.idempotencyKey) as { state: string } | undefined
      )?.state;
    while (stateOf() === 'running' && isProcessAlive(ownerPid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, OTHER_PROCESS_POLL_MS));
    }
    if (stateOf() === 'running' && isProcessAlive(ownerPid)) {
      return this.refuse<X>(
        spec,
        `This request is still being carried out by another Nightshift process (pid ${ownerPid}); nothing more was done. Check the audit log for its outcome.`,
      );
    }
    return this.replayStored<X>(spec, hash);
  }

  /** The stored outcome of a key this request shares; a new claim when the first attempt left none. */
  private replayStored<X extends object>(spec: ActionSpec, hash: string): Promise<Stored<X>> | Stored<X> {
    const row = this.db
      .prepare('SELECT result_json FROM action_requests WHERE idempotency_key = ? AND request_hash = ?')
      .get(spec.idempotencyKey, hash) as { result_json: string | null } | undefined;
    if (row?.result_json) return { ...(JSON.parse(row.result_json) as Stored<X>), replayed: true };
    return this.refuse<X>(
      spec,
      'An earlier attempt of this action stopped before its outcome was recorded. Check the live view and the audit log, then start the action again.',
    );
  }

  private refuse<X extends object>(spec: ActionSpec, message: string): Stored<X> {
    const requestId = randomUUID();
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

  private async perform<X extends object>(
    spec: ActionSpec,
    requestId: string,
    perform: (requestId: string) => Promise<ActionReport<X>>,
  ): Promise<Stored<X>> {
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

/** What a key was used for: method, connection and arguments, in a stable serialisation. */
function requestHash(spec: ActionSpec): string {
  return createHash('sha256')
    .update(canonicalJson({ action: spec.action, connectionId: spec.connectionId, request: spec.request }))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
