// A proxied session's Redshift settings (query_group, wlm_query_slot_count, statement_timeout) as WLM
// routing sees them. SETs run in the engine too; these copies follow them transactionally, as the
// engine does: a transaction that fails or rolls back undoes its SETs when it ends.
import { parseTimeoutMs, type SettingEffect } from '../rewrites.ts';

export interface Settings {
  queryGroup: string | null;
  slotCount: number;
  /** statement_timeout in ms, 0 = none: also limits the time a statement waits in a WLM queue. */
  statementTimeoutMs: number;
}

export class SessionSettings {
  private startupTimeoutMs = 0;
  private committed: Settings = { queryGroup: null, slotCount: 1, statementTimeoutMs: 0 };
  private settings: Settings = { ...this.committed };
  /** An error or ROLLBACK since the transaction began: its SETs are undone at its end. */
  private failed = false;

  get current(): Readonly<Settings> {
    return this.settings;
  }

  /** The login's startup parameters: a statement_timeout there is the session's default. */
  startup(params: Map<string, string>): void {
    this.startupTimeoutMs = startupStatementTimeout(params);
    this.settings = { ...this.settings, statementTimeoutMs: this.startupTimeoutMs };
    this.committed = { ...this.settings };
  }

  /** A SET / RESET the engine completed. */
  apply(effect: SettingEffect): void {
    switch (effect.kind) {
      case 'queryGroup':
        this.settings = { ...this.settings, queryGroup: effect.value };
        return;
      case 'slotCount':
        this.settings = { ...this.settings, slotCount: effect.value };
        return;
      case 'statementTimeout':
        this.settings = { ...this.settings, statementTimeoutMs: effect.ms ?? this.startupTimeoutMs };
        return;
      case 'resetAll':
        this.settings = { queryGroup: null, slotCount: 1, statementTimeoutMs: this.startupTimeoutMs };
        return;
    }
  }

  /** An error or a ROLLBACK in the current transaction. */
  markFailed(): void {
    this.failed = true;
  }

  /**
   * The engine is idle again (ReadyForQuery 'I'): keep the transaction's SETs, or undo them when it
   * rolled back (PostgreSQL does the same to rs.query_group, so routing and current_setting() agree).
   */
  transactionEnded(): void {
    if (this.failed) this.settings = { ...this.committed };
    else this.committed = { ...this.settings };
    this.failed = false;
  }
}

/** statement_timeout given at login: as a startup parameter (node-pg) or in `options` (-c / --). */
function startupStatementTimeout(params: Map<string, string>): number {
  const direct = params.get('statement_timeout');
  if (direct !== undefined) return parseTimeoutMs(direct) ?? 0;
  const m = /(?:-c\s*|--)statement_timeout=(\S+)/.exec(params.get('options') ?? '');
  return m?.[1] === undefined ? 0 : (parseTimeoutMs(m[1]) ?? 0);
}
