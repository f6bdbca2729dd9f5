// When the last live_activity poll ran: the job's watermark ({ polledUs }, liveActivityJob.ts). The
// poll replaces live_statements and stamps the sessions it saw with this time, so an empty snapshot
// still has a poll time.
import type Database from 'better-sqlite3';

export function livePolledUs(db: Database.Database, connectionId: string): number | null {
  const row = db
    .prepare(
      `SELECT json_extract(value_json, '$.polledUs') AS polled_us FROM watermarks
       WHERE connection_id = ? AND job = 'live_activity'`,
    )
    .get(connectionId) as { polled_us: number | null } | undefined;
  return typeof row?.polled_us === 'number' ? row.polled_us : null;
}
