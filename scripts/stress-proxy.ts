// Stress: rounds of concurrent mixed traffic through the Redshift double's proxy on a real PostgreSQL
// (`npx tsx scripts/stress-proxy.ts [rounds]`, 20 by default), or with `--embedded` on the embedded
// engine (PGlite, one backend for all sessions: the proxy's engine lock), where the traffic leaves out
// what a single backend cannot do (cancelling a running statement, a second backend to watch it). Each round runs, all at once: simple and
// extended-protocol queries, pipelined extended queries with an error in the middle, cancels (by
// CancelRequest and by pg_cancel_backend), terminates, errors inside transactions, clients that drop
// mid-query, and more clients than a WLM queue has slots. Every answer is checked, and after the round
// the proxy must hold no statement and no WLM slot and have logged no warning. A round that breaks any
// of that, or hangs, is bad. Prints "rounds: N, bad rounds: B" and exits 1 when B > 0.
// It guards the proxy's concurrency (ProxySession and its parts, issue #15).
// Long because every scenario keeps its expected answers beside its traffic, so one file shows all
// a round checks.
import net from 'node:net';
import pg from 'pg';
import { installCatalog } from '../electron/demo/catalog/installCatalog.ts';
import { DEMO_WLM_CONFIGURATION } from '../electron/demo/defaultWlmConfiguration.ts';
import { startPostgresServer } from '../electron/demo/engine/postgresServer.ts';
import { startEmbeddedEngine } from '../electron/demo/engine/startEmbeddedEngine.ts';
import { installLive } from '../electron/demo/live/installLive.ts';
import { startProxy, type RedshiftProxy } from '../electron/demo/proxy/startProxy.ts';
import { buildCancelRequest } from '../electron/demo/proxy/wire.ts';

const args = process.argv.slice(2);
const embedded = args.includes('--embedded');
const rounds = Number(args.find((a) => !a.startsWith('--')) ?? 20);
const ROUND_TIMEOUT_MS = 90_000;
/** A queue with two slots that the WLM scenario floods with five clients. */
const STRESS_QUEUE = {
  name: 'stress',
  queue_type: 'manual',
  query_group: ['stress_*'],
  query_group_wild_card: 1,
  query_concurrency: 2,
  memory_percent_to_use: 10,
};
const WLM_JSON = JSON.stringify([STRESS_QUEUE, ...DEMO_WLM_CONFIGURATION]);
const SLOT_SECONDS = 0.3;

interface Bed {
  /** One backend for every session (PGlite): no engine cancel, no second backend to look at. */
  embedded: boolean;
  proxy: RedshiftProxy;
  database: string;
  superuser: pg.ClientConfig;
  direct: pg.ClientConfig;
  warnings: string[];
}

type Check = (ok: boolean, what: string) => void;

async function open(config: pg.ClientConfig): Promise<pg.Client> {
  const c = new pg.Client(config);
  c.on('error', () => {}); // terminated / dropped sessions are part of the traffic
  await c.connect();
  return c;
}

function asUser(bed: Bed, user: string, extra: pg.ClientConfig = {}): Promise<pg.Client> {
  const { proxy, database } = bed;
  return open({ host: proxy.host, port: proxy.port, user, password: `${user}_pw`, database, ...extra });
}

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
}

async function outcome<T>(p: Promise<T>): Promise<T | Error> {
  return p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
}

/** Polls until `until` holds (or ~10 s pass); returns whether it did. */
async function eventually(read: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await read()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function inflightCount(admin: pg.Client, pid: number): Promise<number> {
  const r = await admin.query<{ n: string }>('SELECT count(*) AS n FROM stv_inflight WHERE pid = $1', [pid]);
  return Number(r.rows[0]?.n ?? 0);
}

async function pidOf(c: pg.Client): Promise<number> {
  return (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
}

// ---- scenarios: each checks its own answers ---------------------------------------------------------

async function simpleQueries(bed: Bed, check: Check, n: number): Promise<void> {
  const c = await asUser(bed, 'analyst_anna');
  const one = await c.query(`SELECT ${n} AS n, getdate() IS NOT NULL AS t`);
  check(one.rows[0]?.n === n && one.rows[0]?.t === true, 'simple query answer');
  const multi = (await c.query('SELECT 1 AS a; SELECT 2 AS b')) as unknown as pg.QueryResult[];
  check(multi[0]?.rows[0]?.a === 1 && multi[1]?.rows[0]?.b === 2, 'multi-statement answer');
  const extended = await c.query({ text: 'SELECT $1::int * 2 AS d', values: [n] });
  check(extended.rows[0]?.d === n * 2, 'extended query answer');
  await c.end();
}

async function pipelined(bed: Bed, check: Check, n: number): Promise<void> {
  const c = await asUser(bed, 'analyst_ben', { pipeline: true } as pg.ClientConfig);
  const results = await Promise.allSettled([
    c.query(`SET query_group TO 'dashboard_${n}'`),
    c.query({ text: 'SELECT $1::int AS a', values: [n] }),
    c.query({ text: 'SELECT 1 / $1::int AS b', values: [0] }),
    c.query({ text: 'SHOW query_group', values: [] }),
    c.query({ text: 'SELECT $1::text AS c', values: [`x${n}`] }),
  ]);
  const seen = results.map((r) => (r.status === 'fulfilled' ? r.value.rows : codeOf(r.reason)));
  const want = [[], [{ a: n }], '22012', [{ query_group: `dashboard_${n}` }], [{ c: `x${n}` }]];
  // A single backend shares SET values between sessions: another session's SHOW may answer there.
  if (bed.embedded) {
    seen.splice(3, 1);
    want.splice(3, 1);
  }
  check(JSON.stringify(seen) === JSON.stringify(want), `pipelined answers ${JSON.stringify(seen)}`);
  await c.end();
}

/**
 * A session of `user` (with a query group when given) whose `SELECT pg_sleep(seconds)` the proxy holds
 * in flight: what the cancel and terminate scenarios then cut short.
 */
async function sleeperInFlight(
  bed: Bed,
  check: Check,
  admin: pg.Client,
  user: string,
  seconds: number,
  queryGroup?: string,
): Promise<{ c: pg.Client; pid: number; running: Promise<unknown> }> {
  const c = await asUser(bed, user);
  const pid = await pidOf(c);
  if (queryGroup) await c.query(`SET query_group TO '${queryGroup}'`);
  const running = outcome(c.query(`SELECT pg_sleep(${seconds})`));
  check(
    await eventually(async () => (await inflightCount(admin, pid)) === 1),
    `${user}'s statement in flight`,
  );
  return { c, pid, running };
}

async function cancelByRequest(bed: Bed, check: Check, admin: pg.Client): Promise<void> {
  const { c, running } = await sleeperInFlight(bed, check, admin, 'etl_user', 30);
  const key = c as unknown as { processID: number; secretKey: number };
  await new Promise<void>((resolve, reject) => {
    const s = net.connect(bed.proxy.port, bed.proxy.host, () =>
      s.end(buildCancelRequest(key.processID, key.secretKey)),
    );
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  const r = await running;
  check(r instanceof Error && /cancelled on user's request/.test(r.message), `cancel request: ${String(r)}`);
  const after = await c.query('SELECT 2 AS two');
  check(after.rows[0]?.two === 2, 'session usable after cancel');
  await c.end();
}

async function cancelByFunction(bed: Bed, check: Check, admin: pg.Client): Promise<void> {
  const { c, pid, running } = await sleeperInFlight(bed, check, admin, 'bi_user', 20, 'stress_cancel');
  const cancelled = await admin.query('SELECT pg_cancel_backend($1) AS ok', [pid]);
  check(cancelled.rows[0]?.ok === 1, 'pg_cancel_backend answered 1');
  const r = await running;
  check(r instanceof Error && codeOf(r) === '57014', `pg_cancel_backend outcome: ${String(r)}`);
  check((await c.query('SHOW query_group')).rows[0]?.query_group === 'stress_cancel', 'settings kept');
  await c.end();
}

async function terminate(bed: Bed, check: Check, admin: pg.Client): Promise<void> {
  const { c, pid, running } = await sleeperInFlight(bed, check, admin, 'loader', 30);
  const r = await admin.query('SELECT pg_terminate_backend($1) AS ok', [pid]);
  check(r.rows[0]?.ok === 1, 'pg_terminate_backend answered 1');
  check((await running) instanceof Error, 'terminated statement failed');
  const aborted = await admin.query<{ aborted: number }>(
    "SELECT aborted FROM stl_query WHERE pid = $1 AND querytxt LIKE 'SELECT pg_sleep(30)%'",
    [pid],
  );
  check(aborted.rows.length === 1 && aborted.rows[0]?.aborted === 1, 'terminated statement recorded aborted');
  await c.end().catch(() => undefined);
}

/**
 * Errors in transactions undo the SETs before them, for the engine and for WLM routing alike. On the
 * embedded engine the explicit block is left out (a statement admitted inside one waits for the
 * registry write that the engine holds back until the block ends: a known limit of the single
 * backend) and so is SHOW (a single backend shares SET values between sessions).
 */
async function errorInTransaction(bed: Bed, check: Check, admin: pg.Client, n: number): Promise<void> {
  const c = await asUser(bed, 'analyst_anna');
  const shows = async (value: string, what: string): Promise<void> => {
    if (!bed.embedded) check((await c.query('SHOW query_group')).rows[0]?.query_group === value, what);
  };
  if (!bed.embedded) {
    await c.query('BEGIN');
    await c.query(`SET query_group TO 'nightly_tx${n}'`);
    check(codeOf(await outcome(c.query('SELECT 1 / 0'))) === '22012', 'division error');
    check(codeOf(await outcome(c.query('SELECT 1'))) === '25P02', 'failed transaction refuses');
    await c.query('ROLLBACK');
    await shows('default', 'SET undone by ROLLBACK');
  }
  // One query string is one implicit transaction: its error undoes the SET before it.
  const implicit = await outcome(c.query(`SET query_group TO 'nightly_multi${n}'; SELECT 1 / 0`));
  check(codeOf(implicit) === '22012', 'error in a multi-statement query');
  await shows('default', 'SET undone by its error');
  // Routing saw the undo too: the next statement is labelled 'default' in the history.
  const marker = `after-tx-${n}-${Date.now()}`;
  await c.query(`SELECT '${marker}' AS m`);
  const label = await admin.query<{ label: string }>(
    'SELECT trim(label) AS label FROM stl_query WHERE querytxt LIKE $1',
    [`%${marker}%`],
  );
  check(
    label.rows.length === 1 && label.rows[0]?.label === 'default',
    `label after undo: ${JSON.stringify(label.rows)}`,
  );
  const ext = await c.query({ text: 'SELECT $1::int AS v', values: [n] });
  check(ext.rows[0]?.v === n, 'usable after rollback');
  await c.end();
}

async function dropMidQuery(bed: Bed, check: Check, admin: pg.Client, direct: pg.Client): Promise<void> {
  const c = await asUser(bed, 'etl_user');
  const pid = await pidOf(c);
  void outcome(c.query('SELECT pg_sleep(30)'));
  check(await eventually(async () => (await inflightCount(admin, pid)) === 1), 'dropped statement in flight');
  (c as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
  check(await eventually(async () => (await inflightCount(admin, pid)) === 0), 'dropped statement ended');
  const stopped = await eventually(async () => {
    const r = await direct.query(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
      [pid],
    );
    return Number(r.rows[0]?.n) === 0;
  });
  check(stopped, 'engine stopped the dropped statement');
}

/** A pipelined client vanishes with its statements in flight; the engine (and its lock) moves on. */
async function dropMidPipeline(bed: Bed, check: Check, n: number): Promise<void> {
  const c = await asUser(bed, 'analyst_ben', { pipeline: true } as pg.ClientConfig);
  const sent = [0, 1, 2, 3].map((j) =>
    outcome(c.query({ text: 'SELECT $1::int AS v, count(*) AS k FROM stl_query', values: [n + j] })),
  );
  (c as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
  await Promise.all(sent);
  const next = await asUser(bed, 'analyst_ben');
  const r = await next.query({ text: 'SELECT $1::int AS v', values: [n] });
  check(r.rows[0]?.v === n, 'a new session runs after a client dropped mid-pipeline');
  await next.end();
}

/** pg_terminate_backend of an idle session: its next statement fails, others are unaffected. */
async function terminateIdle(bed: Bed, check: Check, admin: pg.Client): Promise<void> {
  const c = await asUser(bed, 'loader');
  const pid = await pidOf(c);
  const r = await admin.query('SELECT pg_terminate_backend($1) AS ok', [pid]);
  check(
    r.rows[0]?.ok === 1 || r.rows[0]?.ok === true,
    `pg_terminate_backend answered ${String(r.rows[0]?.ok)}`,
  );
  check((await outcome(c.query('SELECT 1'))) instanceof Error, 'terminated session refuses statements');
  await c.end().catch(() => undefined);
}

async function wlmQueueing(bed: Bed, check: Check): Promise<void> {
  const clients = await Promise.all([0, 1, 2, 3, 4].map(() => asUser(bed, 'analyst_anna')));
  await Promise.all(clients.map((c) => c.query("SET query_group TO 'stress_flood'")));
  const started = Date.now();
  const answers = await Promise.all(
    clients.map((c, i) =>
      i % 2 === 0
        ? c.query(`SELECT pg_sleep(${SLOT_SECONDS}), ${i} AS i`)
        : c.query({ text: `SELECT pg_sleep(${SLOT_SECONDS}), $1::int AS i`, values: [i] }),
    ),
  );
  const elapsed = Date.now() - started;
  check(
    answers.every((r, i) => r.rows[0]?.i === i),
    'each queued client got its own answer',
  );
  // Five statements, two slots: at least three waves.
  check(elapsed >= 3 * SLOT_SECONDS * 1000 - 50, `two slots held five statements back (${elapsed} ms)`);
  await Promise.all(clients.map((c) => c.end()));
}

// ---- rounds -------------------------------------------------------------------------------------------

async function round(bed: Bed, index: number): Promise<string[]> {
  const problems: string[] = [];
  const check: Check = (ok, what) => {
    if (!ok) problems.push(what);
  };
  const admin = await open(bed.superuser);
  const direct = await open(bed.direct);
  const warningsBefore = bed.warnings.length;
  try {
    const scenarios: [string, () => Promise<void>][] = [
      ...[0, 1, 2].map((k): [string, () => Promise<void>] => [
        'simple',
        () => simpleQueries(bed, check, index * 10 + k),
      ]),
      ...[0, 1].map((k): [string, () => Promise<void>] => [
        'pipelined',
        () => pipelined(bed, check, index * 10 + k),
      ]),
      ['errorInTransaction', () => errorInTransaction(bed, check, admin, index)],
      ['dropMidPipeline', () => dropMidPipeline(bed, check, index * 10)],
      ['terminateIdle', () => terminateIdle(bed, check, admin)],
      ['wlmQueueing', () => wlmQueueing(bed, check)],
    ];
    if (!bed.embedded) {
      scenarios.push(
        ['cancelByRequest', () => cancelByRequest(bed, check, admin)],
        ['cancelByFunction', () => cancelByFunction(bed, check, admin)],
        ['terminate', () => terminate(bed, check, admin)],
        ['dropMidQuery', () => dropMidQuery(bed, check, admin, direct)],
      );
    }
    // STRESS_ONLY=name,name runs only those scenarios (to chase one failure).
    const only = process.env.STRESS_ONLY?.split(',');
    const work = scenarios
      .filter(([name]) => only === undefined || only.includes(name))
      .map(([name, run]) =>
        run().catch((err: unknown) => Promise.reject(new Error(`${name}: ${String(err)}`))),
      );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('round timed out')), ROUND_TIMEOUT_MS);
    });
    const settled = await Promise.race([Promise.allSettled(work), timeout]).finally(() =>
      clearTimeout(timer),
    );
    for (const s of settled) if (s.status === 'rejected') problems.push(`threw: ${String(s.reason)}`);
    // Afterwards nothing is left behind: no statement in the registry, no WLM slot or queue entry.
    const drained = await eventually(async () => bed.proxy.registry.statements().length === 0);
    check(drained, `statements left in the registry: ${bed.proxy.registry.statements().length}`);
    for (const sc of [6, 7, 8, 9, 14]) {
      const held = bed.proxy.wlm.heldSlots(sc);
      const queued = bed.proxy.wlm.queuedCount(sc);
      check(held === 0 && queued === 0, `service class ${sc}: ${held} slots held, ${queued} queued`);
    }
    const warnings = bed.warnings.slice(warningsBefore);
    check(warnings.length === 0, `proxy warnings: ${warnings.join(' | ')}`);
  } catch (err) {
    problems.push(`round failed: ${String(err)}`);
  } finally {
    await admin.end().catch(() => undefined);
    await direct.end().catch(() => undefined);
  }
  return problems;
}

interface Engine {
  address: { host: string; port: number; user: string; password: string };
  database: string;
  stop(): Promise<void>;
}

/** A real PostgreSQL with a database of its own, or the embedded engine's one database. */
async function startEngine(): Promise<Engine> {
  if (embedded) {
    const engine = await startEmbeddedEngine();
    const { host, port, user, password } = engine;
    return { address: { host, port, user, password }, database: 'postgres', stop: () => engine.stop() };
  }
  const server = await startPostgresServer();
  const address = { host: server.host, port: server.port, user: server.user, password: server.password };
  const maintenance = await open({ ...address, database: 'postgres' });
  await maintenance.query('CREATE DATABASE stress');
  await maintenance.end();
  return { address, database: 'stress', stop: async () => server.destroy() };
}

async function main(): Promise<number> {
  const engine = await startEngine();
  const { address, database } = engine;
  let proxy: RedshiftProxy | null = null;
  try {
    const installer = await open({ ...address, database });
    await installCatalog(installer);
    await installLive(installer, { wlmJson: WLM_JSON });
    // One backend: the catalog's ALTER DATABASE ... SET search_path only reaches new backends.
    if (embedded) await installer.query('SET search_path TO "$user", public, rs_system');
    await installer.end();
    const warnings: string[] = [];
    proxy = await startProxy({
      upstream: { host: address.host, port: address.port },
      admin: { user: address.user, password: address.password, database },
      singleBackend: embedded,
      log: { info: () => {}, warn: (m) => warnings.push(m) },
    });
    const bed: Bed = {
      embedded,
      proxy,
      database,
      warnings,
      superuser: {
        host: proxy.host,
        port: proxy.port,
        user: address.user,
        password: address.password,
        database,
      },
      direct: { ...address, database },
    };
    let bad = 0;
    for (let i = 1; i <= rounds; i++) {
      const started = Date.now();
      const problems = await round(bed, i);
      if (problems.length > 0) bad++;
      const verdict = problems.length === 0 ? 'ok' : `BAD: ${problems.join('; ')}`;
      console.log(`round ${i}: ${verdict} (${Date.now() - started} ms)`);
    }
    console.log(`rounds: ${rounds}, bad rounds: ${bad}`);
    return bad === 0 ? 0 : 1;
  } finally {
    await proxy?.close();
    await engine.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
