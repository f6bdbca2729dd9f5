// Saved settings of the alert rules (issue #12): every save is a new version with who and why, per
// connection or for every connection (''), never overwritten, so the history of a rule can be read back
// and the evaluator always takes the latest one (a connection's own before the one for all).
import type Database from 'better-sqlite3';
import type { AlertRuleSettings, AlertRuleVersion } from '../../../shared/model/alertRule.ts';

interface VersionRow {
  rule_id: string;
  connection_id: string;
  version: number;
  settings_json: string;
  author: string;
  note: string;
  created_us: number;
}

/** A saved version as the store reads it: without the words of what changed, its time in microseconds. */
export type SavedVersion = Omit<AlertRuleVersion, 'createdAt' | 'changes'> & { createdUs: number };

const fromRow = (r: VersionRow): SavedVersion => ({
  ruleId: r.rule_id,
  connectionId: r.connection_id,
  version: r.version,
  settings: JSON.parse(r.settings_json) as AlertRuleSettings,
  author: r.author,
  note: r.note,
  createdUs: r.created_us,
});

export class AlertRuleVersions {
  constructor(private readonly db: Database.Database) {}

  /** The latest version per rule in force for a connection (its own, else the one for all). */
  latest(connectionId: string): Map<string, SavedVersion> {
    const rows = this.db
      .prepare(
        `SELECT v.* FROM alert_rule_versions v
         JOIN (SELECT rule_id, connection_id, max(version) AS version FROM alert_rule_versions
               WHERE connection_id IN ('', ?) GROUP BY rule_id, connection_id) m
           ON m.rule_id = v.rule_id AND m.connection_id = v.connection_id AND m.version = v.version`,
      )
      .all(connectionId) as VersionRow[];
    const out = new Map<string, SavedVersion>();
    for (const r of rows) if (!out.has(r.rule_id) || r.connection_id !== '') out.set(r.rule_id, fromRow(r));
    return out;
  }

  /** A cheap fingerprint of what is saved: the evaluator rebuilds its rules only when it changes. */
  stamp(): string {
    const r = this.db
      .prepare('SELECT count(*) AS n, coalesce(max(created_us), 0) AS at FROM alert_rule_versions')
      .get() as { n: number; at: number };
    return `${r.n}:${r.at}`;
  }

  save(
    ruleId: string,
    connectionId: string,
    settings: AlertRuleSettings,
    author: string,
    note: string,
    nowUs: number,
  ): SavedVersion {
    return this.db.transaction(() => {
      const version =
        (this.db
          .prepare(
            'SELECT coalesce(max(version), 0) FROM alert_rule_versions WHERE rule_id = ? AND connection_id = ?',
          )
          .pluck()
          .get(ruleId, connectionId) as number) + 1;
      this.db
        .prepare(
          `INSERT INTO alert_rule_versions (rule_id, connection_id, version, settings_json, author, note, created_us)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(ruleId, connectionId, version, JSON.stringify(settings), author, note, nowUs);
      return { ruleId, connectionId, version, settings, author, note, createdUs: nowUs };
    })();
  }

  /** Every version of a rule that applies to a connection (its own and the ones for all), newest first. */
  history(ruleId: string, connectionId: string, defaults: AlertRuleSettings): AlertRuleVersion[] {
    const rows = (
      this.db
        .prepare(
          `SELECT * FROM alert_rule_versions WHERE rule_id = ? AND connection_id IN ('', ?)
           ORDER BY created_us, version`,
        )
        .all(ruleId, connectionId) as VersionRow[]
    ).map(fromRow);
    const out: AlertRuleVersion[] = [];
    let before = defaults;
    for (const v of rows) {
      out.push({
        ruleId: v.ruleId,
        connectionId: v.connectionId,
        version: v.version,
        settings: v.settings,
        author: v.author,
        note: v.note,
        createdAt: new Date(v.createdUs / 1000).toISOString(),
        changes: settingsChanges(before, v.settings),
      });
      before = v.settings;
    }
    return out.reverse();
  }
}

/** What changed between two settings, in words ("threshold 15 -> 30"). */
export function settingsChanges(a: AlertRuleSettings, b: AlertRuleSettings): string[] {
  const words = (s: AlertRuleSettings['scope']) => (s === null ? 'everything' : `${s.kind} "${s.value}"`);
  const out: string[] = [];
  if (a.enabled !== b.enabled) out.push(b.enabled ? 'enabled' : 'disabled');
  if (a.severity !== b.severity) out.push(`severity ${a.severity} -> ${b.severity}`);
  if (a.threshold !== b.threshold) out.push(`threshold ${a.threshold ?? '-'} -> ${b.threshold ?? '-'}`);
  if (a.durationMinutes !== b.durationMinutes)
    out.push(`duration ${a.durationMinutes ?? '-'} -> ${b.durationMinutes ?? '-'} min`);
  if (words(a.scope) !== words(b.scope)) out.push(`scope ${words(a.scope)} -> ${words(b.scope)}`);
  return out.length === 0 ? ['no change'] : out;
}
