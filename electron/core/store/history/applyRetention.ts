// Retention (DESIGN.md §3): history older than its horizon is deleted, in small batches with a pause
// between them so the collector's writes and the API's reads never wait long. CloudWatch metrics keep
// their own retention and rollups (store/metrics).
import type Database from 'better-sqlite3';
import type { RetentionDays } from '../../base/CollectorSettings.ts';

const BATCH = 5_000;
const DAY_US = 86_400_000_000;

/** Table, its time column, and which horizon applies (a WITHOUT ROWID table is deleted by its key). */
export const RETAINED_TABLES: {
  table: string;
  column: string;
  horizon: keyof RetentionDays;
  where?: string;
}[] = [
  { table: 'queries', column: 'start_us', horizon: 'queries' },
  // Steps read on demand for a query: they go with the query they belong to.
  { table: 'query_steps', column: 'start_us', horizon: 'queries' },
  // The rollup of the queries by day blocks (readers use no block the horizon cuts: FingerprintDays.ts).
  { table: 'fingerprint_days', column: 'day_us', horizon: 'queries' },
  // Statements per quarter hour (month-start view), counted at ingest by QueryStore.upsert (0019).
  { table: 'query_quarters', column: 'quarter_us', horizon: 'queries' },
  { table: 'wlm_samples', column: 'at_us', horizon: 'wlmSamples' },
  { table: 'wlm_config_history', column: 'at_us', horizon: 'wlmConfig' },
  { table: 'sessions', column: 'last_seen_us', horizon: 'sessions' },
  { table: 'load_commits', column: 'cur_us', horizon: 'loads' },
  { table: 'load_errors', column: 'start_us', horizon: 'loads' },
  { table: 'copy_loads', column: 'start_us', horizon: 'loads' },
  { table: 'feed_nights', column: 'day_us', horizon: 'loads' },
  // Impact of bad data (issue #11): who read and wrote which table, kept as long as the statements.
  { table: 'table_access', column: 'start_us', horizon: 'queries' },
  { table: 'alert_events', column: 'event_us', horizon: 'alerts' },
  { table: 'rule_actions', column: 'record_us', horizon: 'alerts' },
  { table: 'cluster_snapshots', column: 'at_us', horizon: 'clusterSnapshots' },
  { table: 'batch_label_nights', column: 'night_start_us', horizon: 'batches' },
  // Rows scanned and CPU per statement (issue #10): as long as the nights they explain.
  { table: 'query_metrics', column: 'end_us', horizon: 'batches' },
  {
    table: 'collection_gaps',
    column: 'coalesce(to_us, from_us)',
    horizon: 'gaps',
    where: 'to_us IS NOT NULL',
  },
  // Alerting (issue #12): resolved incidents, sent deliveries and past digests; open ones stay.
  { table: 'alert_incidents', column: 'resolved_us', horizon: 'alerts', where: 'resolved_us IS NOT NULL' },
  { table: 'alert_outbox', column: 'created_us', horizon: 'alerts', where: 'sent_us IS NOT NULL' },
  { table: 'alert_digests', column: 'period_end_us', horizon: 'alerts' },
  // Exemptions that ended long ago (their suppressed incidents go with the incidents' horizon).
  { table: 'alert_exemptions', column: 'coalesce(ended_us, until_us)', horizon: 'alerts' },
];

/** What a row is deleted by: rowid, or the primary key of a table WITHOUT ROWID (from the schema). */
function deleteKeyOf(db: Database.Database, table: string): string {
  const list = db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table) as { wr: number };
  if (list.wr !== 1) return 'rowid';
  const key = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table);
  return (key as { name: string }[]).map((c) => c.name).join(', ');
}

/**
 * Tables no horizon applies to, and why. A new table must be in RETAINED_TABLES, in the metrics'
 * own retention (store/metrics: metric_*), or here: test/core/store/retentionCoverage.test.ts fails
 * otherwise, so history cannot grow forever because someone forgot it.
 */
export const NOT_RETAINED: Record<string, string> = {
  connections: 'configuration: kept until the user removes the connection',
  settings: 'configuration',
  batch_settings: 'configuration: one row per connection',
  batch_job_rules: 'configuration: the job rules of each connection',
  batch_rebuilds: 'at most one row per connection, deleted when its rebuild is done',
  batch_job_slas: 'configuration: one row per job given an SLA',
  watermarks: 'one row per connection and job',
  live_statements: 'a snapshot replaced by every poll',
  store_owner: 'at most one row',
  table_names: 'one row per table id (its latest name)',
  access_actors: 'one row per label and user seen reading or writing a table',
  schema_migrations: 'one row per migration',
  feeds:
    "configuration: one row per feed learned from the COPYs, with the user's name, merge, mute and thresholds",
  audit_log: 'the audit log is kept for good (tamper-evident chain: deleting breaks it)',
  audit_chain_start: 'one row',
  audit_repeats: 'at most one row per audit record',
  alert_schedules: 'configuration: one row per connection',
  alert_channels: 'configuration: one row per connection',
  alert_email: 'configuration: one row per connection',
  alert_rule_versions: 'configuration: every saved version of a rule, kept as its audit trail',
  hidden_patterns: 'configuration: one row per connection (issue #14)',
  action_requests:
    'one row per admin action, replayed for its idempotency key as long as the audit says it happened',
};

/** Deletes what is past its horizon; stops early when `keepGoing` turns false. Returns rows deleted. */
export async function applyRetention(
  db: Database.Database,
  days: RetentionDays,
  now: Date,
  keepGoing: () => boolean = () => true,
): Promise<number> {
  const nowUs = now.getTime() * 1000;
  let deleted = 0;
  for (const t of RETAINED_TABLES) {
    const cutoff = nowUs - days[t.horizon] * DAY_US;
    const key = deleteKeyOf(db, t.table);
    const statement = db.prepare(
      `DELETE FROM ${t.table} WHERE (${key}) IN (SELECT ${key} FROM ${t.table} WHERE ${t.column} < ?${t.where ? ` AND ${t.where}` : ''} LIMIT ${BATCH})`,
    );
    for (;;) {
      if (!keepGoing()) return deleted;
      const changes = statement.run(cutoff).changes;
      deleted += changes;
      if (changes < BATCH) break;
      await new Promise((r) => setImmediate(r));
    }
  }
  return deleted;
}
