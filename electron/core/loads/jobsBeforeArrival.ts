// "Late" also when a batch job that reads the feed's table started before the feed arrived (issue #11):
// that job read the table without the night's data. Adds to the delivery ledger (readDeliveryLedger)
// the jobs that read a feed's table on a night before its first COPY started, and marks those nights
// late. The feed's table ids are the ones its COPYs wrote (table_access); job labels come from the
// batches area through the API layer (BatchJobs).
import type Database from 'better-sqlite3';
import type { DeliveryLedger, LedgerArgs } from '../../../shared/model/load.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { DAY_US } from './feedNights.ts';
import { actorsOf, type BatchJobs } from './readImpact.ts';

export function addJobsBeforeArrival(
  db: Database.Database,
  args: LedgerArgs,
  ledger: DeliveryLedger,
  jobs: BatchJobs,
): DeliveryLedger {
  // The actors (label + user) that are batch jobs, with their job's name.
  const jobActors = new Map<number, string>();
  for (const [actor, a] of actorsOf(db, args.connectionId)) {
    const job = jobs.jobOf(a.label, a.userName);
    if (job !== null) jobActors.set(actor, job);
  }
  if (jobActors.size === 0) return ledger;
  const fromUs = Math.floor(microsFromIso(args.from) / DAY_US) * DAY_US;
  const toUs = microsFromIso(args.to);
  const tablesOf = db.prepare(
    `SELECT DISTINCT a.table_id FROM (
       SELECT query FROM copy_loads WHERE connection_id = ? AND feed_key = ? AND status <> 'aborted'
       ORDER BY start_us DESC LIMIT 3) c
     JOIN table_access a ON a.connection_id = ? AND a.query = c.query AND a.kind = 1`,
  );
  const reads = db.prepare(
    `SELECT start_us, actor FROM table_access
     WHERE connection_id = ? AND table_id = ? AND kind = 0 AND start_us BETWEEN ? AND ?`,
  );
  for (const feed of ledger.feeds) {
    const tables = tablesOf.all(args.connectionId, feed.feedKey, args.connectionId) as { table_id: number }[];
    if (tables.length === 0) continue;
    // Job reads of the feed's tables, by day: [time, label].
    const byDay = new Map<number, [number, string][]>();
    for (const t of tables)
      for (const r of reads.iterate(args.connectionId, t.table_id, fromUs, toUs) as Iterable<{
        start_us: number;
        actor: number;
      }>) {
        const label = jobActors.get(r.actor);
        if (label === undefined) continue;
        const day = Math.floor(r.start_us / DAY_US);
        let list = byDay.get(day);
        if (!list) byDay.set(day, (list = []));
        list.push([r.start_us, label]);
      }
    for (const cell of feed.cells) {
      if (cell.arrived === null) continue;
      const arrivedUs = Date.parse(cell.arrived) * 1000;
      const early = new Set<string>();
      for (const [at, label] of byDay.get(Math.floor(arrivedUs / DAY_US)) ?? [])
        if (at < arrivedUs) early.add(label);
      if (early.size === 0) continue;
      cell.jobsBeforeArrival = [...early].sort();
      if (!cell.flags.includes('late')) {
        const flags = cell.flags.filter((f) => f !== 'on-time');
        const at = flags[0] === 'failed' ? 1 : 0;
        flags.splice(at, 0, 'late');
        cell.flags = flags;
        cell.state = flags[0]!;
      }
    }
  }
  return ledger;
}
