// loads.impact: the blast radius of bad data. From a load (or any statement that wrote), follow the
// data through table_access (one row per query x table x read/write, collector/jobs/tableAccessJob.ts):
// the tables it wrote, every later statement that read one of them up to the fix time, what those
// wrote in turn, and so on for `hops` steps. Readers are grouped by batch job (labels the batches
// area calls jobs, handed in by the API layer), by dashboard label, and the rest by user; the result
// ends in a to-do list.
//
// Cost: one indexed range read per tainted table (table_access_by_table), joined to the reader's
// writes and its stored statement; never a scan of the whole access history.
import type Database from 'better-sqlite3';
import type {
  Impact,
  ImpactArgs,
  ImpactGroup,
  ImpactGroupKind,
  ImpactOrigin,
  ImpactTable,
} from '../../../shared/model/impact.ts';
import { ApiError } from '../base/ApiError.ts';
import { microsFromIso } from '../base/redshiftTime.ts';
import { impactTodo } from './impactTodo.ts';

/** A batch job's run on one night (the batches area's label nights). */
export interface JobRun {
  /** The job's name as the batch views show it. */
  job: string;
  night: string;
  firstStartUs: number;
  lastEndUs: number;
}

export interface BatchJobs {
  /** The job of a statement with this label and user (the job editor's rules applied), or null. */
  jobOf(label: string, userName: string): string | null;
  /** The job hidden in the job editor that a statement with this label and user belongs to, or null. */
  hiddenOf?(label: string, userName: string): string | null;
  runs: readonly JobRun[];
}

export const DEFAULT_HOPS = 2;
/** Readers followed per tainted table; beyond it the answer says it is truncated. */
export const MAX_READERS_PER_TABLE = 200_000;

const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();

/** [query, read start, actor]: raw rows, several times cheaper than objects for 100,000 readers. */
type ReaderRow = [number, number, number];

/**
 * The readers of one actor (label + user), aggregated as the walk goes: no object per reader, so a
 * walk over 100,000 readers costs a Set lookup and a few numbers each.
 */
interface ActorReads {
  actor: number;
  hop: number;
  statements: number;
  firstUs: number;
  lastUs: number;
  sampleQuery: number;
  reads: Set<number>;
  writes: Set<number>;
  /** Read times of a batch job's statements, for its nights. */
  times: number[];
}

export function readImpact(db: Database.Database, args: ImpactArgs, jobs: BatchJobs, now: Date): Impact {
  const hops = args.hops ?? DEFAULT_HOPS;
  const untilUs = args.until !== undefined ? microsFromIso(args.until) : now.getTime() * 1000;
  const origin = readOrigin(db, args);
  const id = args.connectionId;

  const names = new Map<number, string>(
    (
      db.prepare('SELECT table_id, table_name FROM table_names WHERE connection_id = ?').all(id) as {
        table_id: number;
        table_name: string;
      }[]
    ).map((r) => [r.table_id, r.table_name]),
  );
  const nameOf = (tableId: number): string => names.get(tableId) ?? `table ${tableId}`;

  // Hop 0: what the origin wrote. A COPY that aborted wrote nothing, yet its target is what is now
  // missing or wrong: its id comes from its own write rows, else its load errors (STL_LOAD_ERRORS.tbl).
  const tainted = new Map<number, ImpactTable>();
  const taint = (tableId: number, hop: number, sinceUs: number): void => {
    const t = tainted.get(tableId);
    if (!t) tainted.set(tableId, { tableId, tableName: nameOf(tableId), hop, since: iso(sinceUs) });
  };
  const originWrites = db
    .prepare(
      'SELECT DISTINCT table_id FROM table_access WHERE connection_id = ? AND query = ? AND kind = 1 AND start_us BETWEEN ? AND ?',
    )
    .all(id, origin.query, origin.startUs - 60_000_000, origin.endUs + 60_000_000) as { table_id: number }[];
  for (const w of originWrites) taint(w.table_id, 0, origin.startUs);
  if (origin.impact.load !== null) {
    const targets = db
      .prepare(
        `SELECT DISTINCT table_id FROM load_errors WHERE connection_id = ? AND query = ? AND table_id IS NOT NULL
           AND start_us BETWEEN ? AND ?`,
      )
      .all(id, origin.query, origin.startUs - 60_000_000, origin.endUs) as { table_id: number }[];
    for (const t of targets) taint(t.table_id, 0, origin.startUs);
    if (tainted.size === 0) {
      // Last resort: the table by name (the bare name the cluster shows matches the COPY's target).
      const full = origin.impact.load.tableName;
      const bare = full.slice(full.lastIndexOf('.') + 1);
      for (const [tableId, name] of names)
        if (name === full || name === bare) taint(tableId, 0, origin.startUs);
    }
  }
  // The name the origin used is the most precise one for its own tables.
  if (origin.impact.load !== null)
    for (const t of tainted.values()) if (t.hop === 0) t.tableName = origin.impact.load.tableName;

  const actors = actorsOf(db, id);
  // The job of each actor (label + user), asked once per actor rather than once per reader.
  const jobByActor = new Map<number, string | null>();
  const jobOfActor = (actorId: number): string | null => {
    let job = jobByActor.get(actorId);
    if (job === undefined) {
      const actor = actors.get(actorId);
      job = actor ? jobs.jobOf(actor.label, actor.userName) : null;
      jobByActor.set(actorId, job);
    }
    return job;
  };
  // Reads from the covering index alone; writes (batch statements: few) once for the whole window.
  const readersOf = db
    .prepare(
      `SELECT query, start_us AS read_us, actor FROM table_access
     WHERE connection_id = ? AND table_id = ? AND kind = 0 AND start_us >= ? AND start_us <= ?
     ORDER BY start_us LIMIT ?`,
    )
    .raw();
  const writesOf = new Map<number, { tableId: number; us: number }[]>();
  for (const w of db
    .prepare(
      `SELECT query, table_id, start_us FROM table_access
       WHERE connection_id = ? AND kind = 1 AND start_us >= ? AND start_us <= ?`,
    )
    .iterate(id, origin.startUs, untilUs) as Iterable<{
    query: number;
    table_id: number;
    start_us: number;
  }>) {
    let list = writesOf.get(w.query);
    if (!list) writesOf.set(w.query, (list = []));
    list.push({ tableId: w.table_id, us: w.start_us });
  }
  const byActor = new Map<number, ActorReads>();
  const seen = new Set<number>([origin.query]);
  let truncated = false;
  let frontier = [...tainted.values()].map((t) => ({ tableId: t.tableId, sinceUs: origin.startUs }));
  for (let hop = 1; hop <= hops && frontier.length > 0; hop++) {
    const next = new Map<number, number>();
    for (const f of frontier) {
      const rows = readersOf.all(id, f.tableId, f.sinceUs, untilUs, MAX_READERS_PER_TABLE + 1) as ReaderRow[];
      if (rows.length > MAX_READERS_PER_TABLE) truncated = true;
      for (const [query, readUs, actorId] of rows) {
        if (query === origin.query) continue;
        let a = byActor.get(actorId);
        if (!a) {
          a = {
            actor: actorId,
            hop,
            statements: 0,
            firstUs: readUs,
            lastUs: readUs,
            sampleQuery: query,
            reads: new Set(),
            writes: new Set(),
            times: [],
          };
          byActor.set(actorId, a);
        }
        a.reads.add(f.tableId);
        if (seen.has(query)) continue; // counted at an earlier table or hop
        seen.add(query);
        a.statements++;
        if (readUs < a.firstUs) a.firstUs = readUs;
        if (readUs > a.lastUs) a.lastUs = readUs;
        if (jobOfActor(actorId) !== null) a.times.push(readUs);
        const written = writesOf.get(query);
        if (written === undefined) continue;
        for (const w of written) {
          a.writes.add(w.tableId);
          if (!tainted.has(w.tableId)) {
            const at = Math.max(w.us, f.sinceUs);
            next.set(w.tableId, Math.min(next.get(w.tableId) ?? at, at));
          }
        }
      }
    }
    for (const [tableId, sinceUs] of next) taint(tableId, hop, sinceUs);
    frontier = [...next].map(([tableId, sinceUs]) => ({ tableId, sinceUs }));
  }

  const groups = groupReaders([...byActor.values()], actors, jobs, nameOf, tainted);
  const tables = [...tainted.values()].sort((a, b) => a.hop - b.hop || a.since.localeCompare(b.since));
  const impact: Impact = {
    origin: origin.impact,
    until: iso(untilUs),
    hops,
    tables,
    groups,
    todo: [],
    truncated,
  };
  impact.todo = impactTodo(impact);
  return impact;
}

/** A connection's statement labels and users (access_actors), by number. */
export function actorsOf(
  db: Database.Database,
  connectionId: string,
): Map<number, { label: string; userName: string }> {
  const rows = db
    .prepare('SELECT actor, label, user_name FROM access_actors WHERE connection_id = ?')
    .all(connectionId) as { actor: number; label: string; user_name: string }[];
  return new Map(rows.map((r) => [r.actor, { label: r.label, userName: r.user_name }]));
}

function readOrigin(
  db: Database.Database,
  args: ImpactArgs,
): { query: number; startUs: number; endUs: number; impact: ImpactOrigin } {
  const byTime = args.startTime !== undefined;
  const q = db
    .prepare(
      `SELECT query, start_us, end_us, label, user_name, substr(text, 1, 300) AS text, aborted FROM queries
       WHERE connection_id = ? AND query = ? ${byTime ? 'AND start_us = ?' : ''} ORDER BY start_us DESC LIMIT 1`,
    )
    .get(args.connectionId, args.query, ...(byTime ? [microsFromIso(args.startTime!)] : [])) as
    | {
        query: number;
        start_us: number;
        end_us: number;
        label: string;
        user_name: string | null;
        text: string;
        aborted: number;
      }
    | undefined;
  if (!q)
    throw new ApiError('not_found', `Query ${args.query} is not in the stored history of this connection.`);
  const load = db
    .prepare(
      `SELECT table_name, status, rows_loaded, rows_rejected FROM copy_loads
       WHERE connection_id = ? AND query = ? AND start_us = ?`,
    )
    .get(args.connectionId, q.query, q.start_us) as
    { table_name: string; status: string; rows_loaded: number | null; rows_rejected: number } | undefined;
  return {
    query: q.query,
    startUs: q.start_us,
    endUs: q.end_us,
    impact: {
      query: q.query,
      startTime: iso(q.start_us),
      endTime: iso(q.end_us),
      label: q.label,
      userName: q.user_name,
      textPreview: q.text,
      aborted: q.aborted === 1,
      load: load
        ? {
            tableName: load.table_name,
            status: load.status,
            rowsLoaded: load.rows_loaded,
            rowsRejected: load.rows_rejected,
          }
        : null,
    },
  };
}

const isUnlabelled = (label: string): boolean => label === '' || label === 'default';

function groupReaders(
  reads: ActorReads[],
  actors: Map<number, { label: string; userName: string }>,
  jobs: BatchJobs,
  nameOf: (tableId: number) => string,
  tainted: Map<number, ImpactTable>,
): ImpactGroup[] {
  const runsOf = new Map<string, JobRun[]>();
  for (const run of jobs.runs) {
    let list = runsOf.get(run.job);
    if (!list) runsOf.set(run.job, (list = []));
    list.push(run);
  }
  const byKey = new Map<
    string,
    {
      g: ImpactGroup;
      firstUs: number;
      lastUs: number;
      nights: Set<string>;
      reads: Set<number>;
      writes: Set<number>;
    }
  >();
  for (const a of reads) {
    if (a.statements === 0) continue;
    const actor = actors.get(a.actor) ?? { label: '', userName: '' };
    const job = jobs.jobOf(actor.label, actor.userName);
    // A job hidden in the job editor still read the bad data: listed under its own heading (hiding it
    // from the batch views does not make it a dashboard, nor a job to re-run).
    const hidden = job === null ? (jobs.hiddenOf?.(actor.label, actor.userName) ?? null) : null;
    const kind: ImpactGroupKind =
      job !== null ? 'job' : hidden !== null ? 'hidden' : isUnlabelled(actor.label) ? 'other' : 'dashboard';
    const label = job ?? hidden ?? (kind === 'other' ? actor.userName || '(unknown user)' : actor.label);
    const key = `${kind}\u0000${label}`;
    let e = byKey.get(key);
    if (!e) {
      e = {
        g: {
          kind,
          label,
          hop: a.hop,
          statements: 0,
          firstTime: '',
          lastTime: '',
          nights: [],
          readTables: [],
          wroteTables: [],
          sampleQuery: a.sampleQuery,
          sampleStartTime: null,
        },
        firstUs: a.firstUs,
        lastUs: a.lastUs,
        nights: new Set(),
        reads: new Set(),
        writes: new Set(),
      };
      byKey.set(key, e);
    }
    e.g.statements += a.statements;
    e.g.hop = Math.min(e.g.hop, a.hop);
    e.firstUs = Math.min(e.firstUs, a.firstUs);
    e.lastUs = Math.max(e.lastUs, a.lastUs);
    for (const t of a.reads) e.reads.add(t);
    for (const t of a.writes) e.writes.add(t);
    for (const us of a.times) {
      const run = runsOf.get(label)?.find((x) => us >= x.firstStartUs && us <= x.lastEndUs);
      e.nights.add(run?.night ?? iso(us).slice(0, 10));
    }
  }
  const tableName = (t: number): string => tainted.get(t)?.tableName ?? nameOf(t);
  const order: Record<ImpactGroupKind, number> = { job: 0, dashboard: 1, hidden: 2, other: 3 };
  return [...byKey.values()]
    .map((e) => ({
      ...e.g,
      firstTime: iso(e.firstUs),
      lastTime: iso(e.lastUs),
      nights: [...e.nights].sort(),
      readTables: [...e.reads].map(tableName).sort(),
      wroteTables: [...e.writes].map(tableName).sort(),
    }))
    .sort(
      (a, b) =>
        order[a.kind] - order[b.kind] ||
        a.hop - b.hop ||
        a.firstTime.localeCompare(b.firstTime) ||
        a.label.localeCompare(b.label),
    );
}
