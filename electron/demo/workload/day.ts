// One simulated day of the demo warehouse: builds every session's statements (health probes, hourly and
// nightly COPY loads, the nightly batch, dashboards, analysts), runs the WLM simulation over them and
// returns the finished statements with everything the row emitters need. Pure and deterministic: the
// same (seed, day, anchor, scale) always gives the same day, whatever window it is generated for.
// Long because one day's statements, their WLM simulation and the scenario hooks must agree to the
// microsecond; split across files they would share most of their state.
import {
  FEED_NAMES,
  FEEDS,
  makeLoadError,
  type Feed,
  type FeedColumn,
  type FeedName,
  type LoadErrorInstance,
  type PlantedValue,
} from './feeds.ts';
import { HOSTILE_STRINGS, type HostileString } from './hostileStrings.ts';
import {
  ADHOC_QUERIES,
  BI_SERVICE_CLASS,
  CARTESIAN_QUERIES,
  DASHBOARDS,
  DEFAULT_SERVICE_CLASS,
  ETL_JOBS,
  ETL_SERVICE_CLASS,
  HOSTILE_QUERY_TEMPLATES,
  SQA_MAX_SECONDS,
  SQA_SERVICE_CLASS,
  type EtlJob,
  type EtlTransaction,
  type NightLiterals,
  type PlanShape,
  type QmrRule,
  type QueueInfo,
  type StatementTemplate,
  type StatementUser,
} from './jobs.ts';
import { createRandom, type Random } from './random.ts';
import { batchGrowth, isMonthStartDay, SCENARIOS } from './scenarios.ts';
import {
  chain,
  simulate,
  type Chain,
  type ChainItem,
  type SimStatement,
  type StatementKind,
} from './simulation.ts';
import { TABLES, type TableKey } from './tables.ts';
import {
  calendarOf,
  isoDate,
  startOfDay,
  US_PER_HOUR,
  US_PER_MINUTE,
  US_PER_MS,
  US_PER_SECOND,
  type Micros,
} from './time.ts';

export type WorkloadScale = 'small' | 'large';

interface ScaleProfile {
  dashboards: number;
  refreshMinutes: number;
  /** Interactive dashboard views per hour at the daytime peak. */
  interactivePerHour: number;
  /** Ad hoc queries per analyst session. */
  adhocPerSession: number;
}

/** large ≈ 6.7k queries per ordinary night (≈ 500k over 75 nights); small a tenth of that. */
export const SCALES: Record<WorkloadScale, ScaleProfile> = {
  small: { dashboards: 4, refreshMinutes: 90, interactivePerHour: 0, adhocPerSession: 7 },
  large: { dashboards: 6, refreshMinutes: 15, interactivePerHour: 380, adhocPerSession: 24 },
};

/** Slices of the demo cluster (2 x ra3.xlplus nodes, 2 slices each). */
export const SLICES = 4;
export const COMPUTE_NODES = 2;
/** REFERENCE 6.3: at most 20 errors per slice per load are logged. */
const ERRORS_LOGGED_PER_SLICE = 20;
const PID_BASE = 1_073_741_824; // REFERENCE 1.1: Redshift pids are ~2^30

export type AlertKind =
  'missing_stats' | 'nested_loop' | 'selective_filter' | 'distribution' | 'broadcast' | 'ghost_rows';

export interface DayTransaction {
  statements: DayStatement[];
  /** Has a COMMIT that writes blocks (STL_COMMIT_STATS rows). */
  commits: boolean;
}

export interface LoggedLoadError extends LoadErrorInstance {
  fileIndex: number;
  slice: number;
  lineNumber: number;
  isPartial: number;
  startOffset: number;
  columns: readonly FeedColumn[];
}

export interface CopyFile {
  name: string;
  slice: number;
  lines: number;
  bytes: number;
  isPartial: number;
  startOffset: number;
  /** Share of the COPY's execution after which this file/range is done. */
  doneAt: number;
}

export interface CopyRun {
  feed: Feed;
  dataSource: string;
  files: CopyFile[];
  linesScanned: number;
  rowsLoaded: number;
  errorsTotal: number;
  errors: LoggedLoadError[];
  failed: boolean;
}

export interface DayStatement extends SimStatement {
  user: StatementUser;
  pid: number;
  tx: DayTransaction | null;
  /** query_group in effect; '' when none (STL_QUERY shows 'default'). */
  label: string;
  text: string;
  plan: PlanShape | null;
  tables: readonly TableKey[];
  rows: number;
  alerts: AlertKind[];
  /** QMR rule that fired (REFERENCE 1.17). */
  ruleAction: { rule: string; action: string; serviceClass: number } | null;
  cancelReason: 'user' | 'qmr' | 'load' | null;
  copy: CopyRun | null;
  compile: Micros;
  /** Spilled to disk (SVL_QUERY_SUMMARY.is_diskbased). */
  spills: boolean;
}

export interface DaySession {
  user: StatementUser;
  pid: number;
  timeoutSeconds: number;
  timedOut: boolean;
}

export interface SimulatedDay {
  dayNumber: number;
  date: string;
  statements: DayStatement[];
  sessions: DaySession[];
}

export interface DayInputs {
  seed: number;
  dayNumber: number;
  anchorDay: number;
  scale: WorkloadScale;
  queues: Map<number, QueueInfo>;
  rules: readonly QmrRule[];
}

interface Builder {
  inputs: DayInputs;
  r: Random;
  d0: Micros;
  literals: NightLiterals;
  monthStart: boolean;
  weekend: boolean;
  growth: number;
  /** Data volume growth (loads get bigger, slower than the batch's runtime growth). */
  volume: number;
  daysBeforeNow: number;
  chains: Chain<DayStatement>[];
  sessions: DaySession[];
  /** Hands out the day's hostile strings in order: moderation queries, labels, load errors. */
  hostile: HostileCursor;
  nextPid: number;
  seq: number;
}

const seconds = (s: number): Micros => Math.max(1, Math.round(s * US_PER_SECOND));

function literalsFor(dayNumber: number): NightLiterals {
  const cal = calendarOf(dayNumber);
  const monthStartDay = dayNumber - (cal.dayOfMonth - 1);
  const prevMonthEnd = monthStartDay - 1;
  const prevMonthStart = prevMonthEnd - (calendarOf(prevMonthEnd).dayOfMonth - 1);
  return {
    date: isoDate(dayNumber),
    prevDate: isoDate(dayNumber - 1),
    weekAgo: isoDate(dayNumber - 7),
    monthAgo: isoDate(dayNumber - 30),
    monthStart: isoDate(monthStartDay),
    prevMonthStart: isoDate(prevMonthStart),
    prevMonthEnd: isoDate(prevMonthEnd),
    isMonthStart: isMonthStartDay(dayNumber),
  };
}

function newSession(b: Builder, user: StatementUser, timeoutSeconds = 0, timedOut = false): number {
  // Unique per day and across days (the day number picks a block of 10,000 pids).
  const pid = PID_BASE + (b.inputs.dayNumber % 100_000) * 10_000 + b.nextPid++;
  b.sessions.push({ user, pid, timeoutSeconds, timedOut });
  return pid;
}

interface StatementInit {
  kind: StatementKind;
  user: StatementUser;
  pid: number;
  tx: DayTransaction | null;
  label: string;
  text: string;
  serviceClass: number | null;
  exec: Micros;
  plan?: PlanShape | null;
  tables?: readonly TableKey[];
  rows?: number;
}

function statement(b: Builder, init: StatementInit): DayStatement {
  const s: DayStatement = {
    seq: b.seq++,
    kind: init.kind,
    serviceClass: init.serviceClass,
    slotCount: 1,
    plannedExec: init.exec,
    execLimit: null,
    submit: 0,
    execStart: 0,
    end: 0,
    cut: false,
    ran: false,
    user: init.user,
    pid: init.pid,
    tx: init.tx,
    label: init.label,
    text: init.text,
    plan: init.plan ?? null,
    tables: init.tables ?? [],
    rows: init.rows ?? 0,
    alerts: [],
    ruleAction: null,
    cancelReason: null,
    copy: null,
    compile: 0,
    spills: false,
  };
  init.tx?.statements.push(s);
  return s;
}

const newTx = (commits: boolean): DayTransaction => ({ statements: [], commits });

function utility(
  b: Builder,
  user: StatementUser,
  pid: number,
  tx: DayTransaction | null,
  label: string,
  text: string,
): DayStatement {
  return statement(b, {
    kind: 'utility',
    user,
    pid,
    tx,
    label,
    text,
    serviceClass: null,
    exec: Math.round(b.r.float(2, 40) * US_PER_MS),
  });
}

const item = (statement: DayStatement, gap: Micros, when?: 'ok' | 'cut'): ChainItem<DayStatement> =>
  when === undefined ? { statement, gap } : { statement, gap, when };

/** Escapes a value as a SQL string literal. */
const sqlLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

// ---------------------------------------------------------------------------------------------------
// Health probes (REFERENCE 1.4 sample row): userid 1, label 'health', leader only, every 30 minutes.

function buildHealth(b: Builder): void {
  const pid = newSession(b, 'rdsdb');
  const r = b.r.fork('health');
  for (let m = 0; m < 24 * 60; m += 30) {
    const s = statement(b, {
      kind: 'query',
      user: 'rdsdb',
      pid,
      tx: newTx(false),
      label: 'health',
      text: 'select system_status from stv_gui_status;',
      serviceClass: null,
      exec: Math.round(r.float(8, 60) * US_PER_MS),
      rows: 1,
    });
    b.chains.push(chain(b.d0 + m * US_PER_MINUTE + r.int(0, 900) * US_PER_MS, [item(s, 0)]));
  }
}

// ---------------------------------------------------------------------------------------------------
// COPY loads.

function poisson(r: Random, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r.next();
  while (p > limit) {
    k++;
    p *= r.next();
  }
  return k;
}

function feedHourlyShape(hour: number): number {
  // Listening peaks in the evening, dips at night (UTC, mostly European users).
  const shape = [
    0.45, 0.32, 0.24, 0.2, 0.2, 0.26, 0.45, 0.75, 0.95, 1, 1.02, 1.05, 1.1, 1.1, 1.08, 1.1, 1.18, 1.3, 1.42,
    1.5, 1.48, 1.32, 1.05, 0.7,
  ];
  return shape[hour] ?? 1;
}

interface HostileCursor {
  next(): HostileString;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The corpus is grouped by category; the cursor strides through it so any few dozen consecutive draws
 * (one day's load errors) span every category, control characters and bidi overrides included. The
 * stride is coprime with the corpus size, so the draws still visit every string once per lap.
 */
const HOSTILE_STRIDE = (() => {
  let stride = 7;
  while (gcd(stride, HOSTILE_STRINGS.length) !== 1) stride++;
  return stride;
})();

function hostileCursor(dayNumber: number): HostileCursor {
  const h = SCENARIOS.hostile;
  const perDay = h.queries * h.perQuery + h.labels + h.loadErrors;
  let draw = (dayNumber * perDay) % HOSTILE_STRINGS.length;
  return {
    next() {
      const value = HOSTILE_STRINGS[(draw * HOSTILE_STRIDE) % HOSTILE_STRINGS.length] as HostileString;
      draw = (draw + 1) % HOSTILE_STRINGS.length;
      return value;
    },
  };
}

/** How a hostile string is planted in a user_profiles rejected row (see feeds.ts PlantedValue). */
function hostilePlant(h: HostileString): { code: number; plant: PlantedValue } {
  const nonAscii = [...h.value].some((ch) => (ch.codePointAt(0) ?? 0) > 0x7f);
  if (h.category === 'long-line')
    return { code: 1204, plant: { column: 'display_name', value: h.value, fails: true } };
  if (h.category === 'control-char')
    return { code: 1224, plant: { column: 'display_name', value: h.value, fails: true } };
  if (nonAscii) return { code: 1220, plant: { column: 'display_name', value: h.value, fails: true } };
  // ASCII payloads load fine on their own: the row is rejected for its birth date, with the payload in
  // the raw line next to it.
  return { code: 1205, plant: { column: 'display_name', value: h.value, fails: false } };
}

function buildCopy(
  b: Builder,
  feed: Feed,
  at: Micros,
  pathSuffix: string,
  rows: number,
  options: { hostile?: HostileCursor; columnChange?: boolean; failed?: boolean },
): Chain<DayStatement> {
  const r = b.r.fork('copy', feed.name, pathSuffix);
  const pid = newSession(b, 'loader');
  const tx = newTx(true);
  const dataSource = `s3://nightshift-demo-landing/${feed.name}/${pathSuffix}/`;
  const formatClause =
    feed.fileFormat === 'json'
      ? "FORMAT AS JSON 'auto' GZIP"
      : feed.fileFormat === 'csv'
        ? `FORMAT AS CSV${feed.extension.endsWith('.gz') ? ' GZIP' : ''}`
        : `DELIMITER '${feed.delimiter === '\t' ? '\\t' : feed.delimiter}'`;
  const text = `COPY ${TABLES[feed.table].schema}.${TABLES[feed.table].table}\nFROM '${dataSource}'\nIAM_ROLE 'arn:aws:iam::123456789012:role/nightshift-loader'\n${formatClause}\nDATEFORMAT 'YYYY-MM-DD' TIMEFORMAT 'auto'\nMAXERROR ${feed.maxerror}\nREGION 'eu-west-1';`;

  // Files, and split ranges for uncompressed files (REFERENCE 1.15: one row per split).
  const files: CopyFile[] = [];
  const linesPerFile = Math.max(1, Math.floor(rows / feed.files));
  const RANGE = 67_108_864;
  for (let f = 0; f < feed.files; f++) {
    const lines = f === feed.files - 1 ? rows - linesPerFile * (feed.files - 1) : linesPerFile;
    const bytes = Math.max(1, Math.round(lines * feed.bytesPerRow * r.jitter(0.03)));
    const name = `${dataSource}part-${String(f).padStart(5, '0')}${feed.extension}`;
    const ranges = feed.splittable ? Math.max(1, Math.ceil(bytes / RANGE)) : 1;
    for (let k = 0; k < ranges; k++) {
      files.push({
        name,
        slice: (f + k) % SLICES,
        lines: Math.round(lines / ranges),
        bytes: Math.round(bytes / ranges),
        isPartial: ranges > 1 ? 1 : 0,
        startOffset: ranges > 1 ? k * RANGE : 0,
        doneAt: Math.min(
          1,
          0.35 + 0.6 * ((f * ranges + k + 1) / (feed.files * ranges)) + r.float(-0.03, 0.03),
        ),
      });
    }
  }
  const linesScanned = files.reduce((sum, f) => sum + f.lines, 0);

  // Rejected rows: ordinary noise, the column-count change, hostile rows, the failed load.
  const columns: readonly FeedColumn[] = feed.columns;
  const instances: { e: LoadErrorInstance; columns: readonly FeedColumn[] }[] = [];
  let errorsTotal = 0;
  const cap = ERRORS_LOGGED_PER_SLICE * SLICES;
  const add = (e: LoadErrorInstance, cols: readonly FeedColumn[]): void => {
    errorsTotal++;
    if (instances.length < cap) instances.push({ e, columns: cols });
  };
  if (options.hostile !== undefined) {
    for (let i = 0; i < SCENARIOS.hostile.loadErrors; i++) {
      const h = options.hostile.next();
      const { code, plant } = hostilePlant(h);
      add(makeLoadError(feed, columns, code, r, b.literals.prevDate, plant), columns);
    }
  }
  const noise = poisson(r, feed.errorsPerLoad);
  for (let i = 0; i < noise; i++)
    add(makeLoadError(feed, columns, r.pick(feed.errorCodes), r, b.literals.prevDate), columns);
  if (options.columnChange === true) {
    const bad = Math.round(linesScanned * SCENARIOS.columnCountChange.badLineShare * r.jitter(0.05));
    for (let i = 0; i < bad; i++) {
      if (instances.length >= cap) {
        errorsTotal += bad - i;
        break;
      }
      add(makeLoadError(feed, columns, r.chance(0.8) ? 1202 : 1214, r, b.literals.prevDate), columns);
    }
  }
  if (options.failed === true) {
    const extra = SCENARIOS.failedLoad.rejectedRows - errorsTotal;
    for (let i = 0; i < extra; i++) {
      if (instances.length >= cap) {
        errorsTotal += extra - i;
        break;
      }
      add(makeLoadError(feed, columns, r.pick(feed.errorCodes), r, b.literals.prevDate), columns);
    }
  }
  // A COPY stops at the first error beyond MAXERROR (REFERENCE 1.22 / COPY docs).
  const failed = errorsTotal > feed.maxerror;
  if (failed) errorsTotal = feed.maxerror + 1;
  const logged = instances.slice(0, Math.min(instances.length, errorsTotal));
  const errors: LoggedLoadError[] = logged.map(({ e, columns: cols }, i) => {
    const file = files[(i * 7 + 3) % files.length] as CopyFile;
    return {
      ...e,
      fileIndex: files.indexOf(file),
      slice: i % SLICES,
      lineNumber: file.isPartial === 1 ? -1 : 1 + ((i * 104_729 + 17) % Math.max(1, file.lines)),
      isPartial: file.isPartial,
      startOffset: file.startOffset,
      columns: cols,
    };
  });
  const execSeconds = Math.max(3, feed.copySeconds * (rows / feed.rowsPerLoad) * r.jitter(0.15));
  const s = statement(b, {
    kind: 'query',
    user: 'loader',
    pid,
    tx,
    label: '',
    text,
    serviceClass: DEFAULT_SERVICE_CLASS,
    exec: seconds(execSeconds),
    plan: 'copy',
    tables: [feed.table],
    rows,
  });
  if (failed) {
    s.execLimit = Math.round(s.plannedExec * r.float(0.3, 0.6));
    s.cancelReason = 'load';
  }
  s.copy = {
    feed,
    dataSource,
    files,
    linesScanned,
    rowsLoaded: failed ? 0 : linesScanned - errorsTotal,
    errorsTotal,
    errors,
    failed,
  };
  const c = chain(at, [item(s, 0)]);
  b.chains.push(c);
  return c;
}

function feedRows(b: Builder, feed: Feed, salt: string): number {
  const r = b.r.fork('rows', feed.name, salt);
  return Math.max(1, Math.round(feed.rowsPerLoad * b.volume * r.jitter(0.06)));
}

function buildCopies(b: Builder): Map<FeedName, Chain<DayStatement>> {
  const nightly = new Map<FeedName, Chain<DayStatement>>();
  const k = b.daysBeforeNow;
  const { yyyy, mm, dd } = ymd(b.literals.date);
  for (const name of FEED_NAMES) {
    const feed = FEEDS[name];
    if (feed.schedule.kind === 'hourly') {
      for (let hour = 0; hour < 24; hour++) {
        const rows = Math.round(feedRows(b, feed, `h${hour}`) * feedHourlyShape((hour + 23) % 24));
        const at =
          b.d0 + hour * US_PER_HOUR + feed.schedule.minute * US_PER_MINUTE + b.r.int(0, 40) * US_PER_SECOND;
        const c = buildCopy(b, feed, at, `${yyyy}/${mm}/${dd}/${String(hour).padStart(2, '0')}`, rows, {});
        // The load at 00:05 brings the last hour of the day the batch processes.
        if (hour === 0) nightly.set(name, c);
      }
      continue;
    }
    if (name === SCENARIOS.silentFeed.feed && k === SCENARIOS.silentFeed.daysBeforeNow) continue;
    let rows = feedRows(b, feed, 'nightly');
    if (name === SCENARIOS.oversizedFeed.feed && k === SCENARIOS.oversizedFeed.daysBeforeNow) {
      rows = Math.round(rows * SCENARIOS.oversizedFeed.factor * b.r.fork('oversized').jitter(0.04));
    }
    const late = name === SCENARIOS.lateFeed.feed && k === SCENARIOS.lateFeed.daysBeforeNow;
    const minute = late ? SCENARIOS.lateFeed.arrivesAtMinute : feed.schedule.minute;
    const at = b.d0 + minute * US_PER_MINUTE + b.r.fork('at', name).int(0, 90) * US_PER_SECOND;
    const c = buildCopy(b, feed, at, `${yyyy}/${mm}/${dd}`, rows, {
      hostile: name === 'user_profiles' ? b.hostile : undefined,
      columnChange:
        name === SCENARIOS.columnCountChange.feed && k <= SCENARIOS.columnCountChange.fromDaysBeforeNow,
      failed: name === SCENARIOS.failedLoad.feed && k === SCENARIOS.failedLoad.daysBeforeNow,
    });
    nightly.set(name, c);
  }
  return nightly;
}

const ymd = (date: string): { yyyy: string; mm: string; dd: string } => ({
  yyyy: date.slice(0, 4),
  mm: date.slice(5, 7),
  dd: date.slice(8, 10),
});

// ---------------------------------------------------------------------------------------------------
// The nightly batch.

function etlDuration(b: Builder, r: Random, template: StatementTemplate): number {
  const monthFactor = b.monthStart ? SCENARIOS.monthStart.runtimeFactor : 1;
  return template.seconds * b.growth * monthFactor * r.jitter(0.12);
}

interface EtlContext {
  job: EtlJob;
  r: Random;
  regressed: boolean;
  runaway: QmrRule | null;
  statsStale: boolean;
}

/** One ETL statement, with the scenario effects that apply to it (regression, runaway, alerts). */
function etlStatement(
  b: Builder,
  e: EtlContext,
  pid: number,
  tx: DayTransaction,
  template: StatementTemplate,
  i: number,
): DayStatement {
  const { r } = e;
  let exec = etlDuration(b, r, template);
  // Drawn for every statement (the day's random stream stays the same); the regressing statement's
  // data does not jitter: its rows stay flat while its plan makes it slower (scenario regression).
  const rowsJitter = r.jitter(0.1);
  const s = statement(b, {
    kind: 'query',
    user: 'etl_user',
    pid,
    tx,
    label: e.job.label,
    text: template.sql(b.literals, i),
    serviceClass: ETL_SERVICE_CLASS,
    exec: 0,
    plan: template.plan,
    tables: template.tables,
    // The batch creep is more data: a job's rows grow with its runtime (scenario batchCreep).
    rows: Math.round(template.rows * b.growth * (template.regresses === true ? 1 : rowsJitter)),
  });
  if (template.regresses === true) {
    // Stable before the regression night (no month-start factor), `slowdown` x from then on.
    exec = template.seconds * b.growth * r.jitter(0.05);
    if (e.regressed) {
      exec = Math.min(exec * SCENARIOS.regression.slowdown, SCENARIOS.regression.maxExecSeconds);
      s.alerts.push('missing_stats', 'nested_loop');
      s.spills = true;
    }
  }
  if (template.runsAway === true && e.runaway !== null) {
    exec = SCENARIOS.qmrAbort.limitSeconds * 3;
    // QMR checks every 10 seconds (REFERENCE 3.4): the abort lands a few seconds past the limit.
    s.execLimit = seconds(SCENARIOS.qmrAbort.limitSeconds + r.float(0.5, 9.5));
    s.cancelReason = 'qmr';
    s.ruleAction = { rule: e.runaway.name, action: 'abort', serviceClass: ETL_SERVICE_CLASS };
    s.alerts.push('nested_loop', 'broadcast');
    s.spills = true;
  }
  s.plannedExec = seconds(exec);
  if (template.plan === 'join-agg' && r.chance(0.12))
    s.alerts.push(r.chance(0.6) ? 'distribution' : 'broadcast');
  if (e.statsStale && template.tables.includes('tracks') && r.chance(0.5)) s.alerts.push('missing_stats');
  if (template.tables.includes('track_royalties_daily') && template.plan === 'scan-agg' && r.chance(0.15)) {
    s.alerts.push('ghost_rows');
  }
  if (exec > 600 && r.chance(0.5)) s.spills = true;
  s.compile = r.chance(0.3) ? Math.round(r.float(50, 2500) * US_PER_MS) : 0;
  return s;
}

/** BEGIN; [CREATE TEMP TABLE]; statements; [DROP TABLE]; COMMIT (or ROLLBACK after a cut statement). */
function transactionItems(
  b: Builder,
  e: EtlContext,
  pid: number,
  t: EtlTransaction,
  work: readonly (readonly [StatementTemplate, number])[],
): ChainItem<DayStatement>[] {
  const { r, job } = e;
  const gap = (): Micros => Math.round(r.float(40, 450) * US_PER_MS);
  const tx = newTx(true);
  const items: ChainItem<DayStatement>[] = [
    item(utility(b, 'etl_user', pid, tx, job.label, 'BEGIN;'), gap()),
  ];
  const ddl = (text: string, when?: 'ok'): void => {
    const s = statement(b, {
      kind: 'ddl',
      user: 'etl_user',
      pid,
      tx,
      label: job.label,
      text,
      serviceClass: null,
      exec: Math.round(r.float(20, 120) * US_PER_MS),
    });
    items.push(item(s, gap(), when));
  };
  if (t.temp !== undefined)
    ddl(
      `CREATE TEMP TABLE ${t.temp.name} (LIKE ${TABLES[t.temp.like].schema}.${TABLES[t.temp.like].table});`,
    );
  for (const [template, i] of work) items.push(item(etlStatement(b, e, pid, tx, template, i), gap(), 'ok'));
  for (const text of t.ddlAfter ?? []) ddl(text, 'ok');
  if (t.temp !== undefined) ddl(`DROP TABLE ${t.temp.name};`, 'ok');
  const commit = utility(b, 'etl_user', pid, tx, job.label, 'COMMIT;');
  commit.plannedExec = Math.round(r.float(0.2, b.monthStart ? 4 : 2) * US_PER_SECOND);
  items.push(item(commit, gap(), 'ok'));
  items.push(item(utility(b, 'etl_user', pid, tx, job.label, 'ROLLBACK;'), gap(), 'cut'));
  return items;
}

/**
 * One nightly job: its own session (SET query_group, transactions, ANALYZE, RESET), with parallel
 * phases run by worker sessions. Starts at notBefore or when everything in `after` has finished.
 */
function buildEtlJob(
  b: Builder,
  job: EtlJob,
  jobs: Map<string, Chain<DayStatement>[]>,
  feeds: Map<FeedName, Chain<DayStatement>>,
): void {
  const r = b.r.fork('etl', job.label);
  const k = b.daysBeforeNow;
  const abortRule = b.inputs.rules.find((x) => x.serviceClass === ETL_SERVICE_CLASS && x.action === 'abort');
  const e: EtlContext = {
    job,
    r,
    regressed: job.label === SCENARIOS.regression.label && k <= SCENARIOS.regression.daysBeforeNow,
    runaway:
      job.label === SCENARIOS.qmrAbort.label && k === SCENARIOS.qmrAbort.daysBeforeNow
        ? (abortRule ?? null)
        : null,
    statsStale: k <= SCENARIOS.columnCountChange.fromDaysBeforeNow,
  };
  const gap = (): Micros => Math.round(r.float(40, 450) * US_PER_MS);
  const startAt = b.d0 + job.notBefore * US_PER_MINUTE + r.int(0, 90) * US_PER_SECOND;
  let previous: Chain<DayStatement>[] = [];
  for (const dep of job.after) {
    const c = dep.startsWith('feed:') ? feeds.get(dep.slice(5) as FeedName) : undefined;
    if (c !== undefined) previous.push(c);
    previous.push(...(jobs.get(dep) ?? []));
  }
  const pid = newSession(b, 'etl_user');
  let main: ChainItem<DayStatement>[] = [
    item(utility(b, 'etl_user', pid, null, '', `SET query_group TO '${job.label}';`), 0),
  ];
  const flush = (): void => {
    if (main.length === 0) return;
    const c = chain(startAt, main, previous);
    b.chains.push(c);
    previous = [c];
    main = [];
  };
  for (const t of job.transactions) {
    const work: (readonly [StatementTemplate, number])[] = [];
    for (const template of t.statements)
      for (let i = 0; i < (template.repeat ?? 1); i++) work.push([template, i]);
    const workers = t.workers ?? 1;
    if (workers <= 1) {
      main.push(...transactionItems(b, e, pid, t, work));
      continue;
    }
    flush();
    const phase: Chain<DayStatement>[] = [];
    for (let w = 0; w < workers; w++) {
      const workerPid = newSession(b, 'etl_user');
      const items: ChainItem<DayStatement>[] = [
        item(utility(b, 'etl_user', workerPid, null, '', `SET query_group TO '${job.label}';`), 0),
        ...transactionItems(
          b,
          e,
          workerPid,
          t,
          work.filter((_x, index) => index % workers === w),
        ),
        item(utility(b, 'etl_user', workerPid, null, job.label, 'RESET query_group;'), gap()),
      ];
      phase.push(chain(startAt + w * r.int(1, 15) * US_PER_SECOND, items, previous));
    }
    b.chains.push(...phase);
    previous = phase;
  }
  for (const table of job.analyze) {
    const analyze = utility(
      b,
      'etl_user',
      pid,
      newTx(false),
      job.label,
      `ANALYZE ${TABLES[table].schema}.${TABLES[table].table};`,
    );
    analyze.plannedExec = Math.round(r.float(1, 20) * US_PER_SECOND);
    main.push(item(analyze, gap(), 'ok'));
  }
  main.push(item(utility(b, 'etl_user', pid, null, job.label, 'RESET query_group;'), gap()));
  flush();
  jobs.set(job.label, previous);
}

function buildBatch(b: Builder, feeds: Map<FeedName, Chain<DayStatement>>): void {
  const jobs = new Map<string, Chain<DayStatement>[]>();
  for (const job of ETL_JOBS) {
    if (job.monthStartOnly === true && !b.monthStart) continue;
    buildEtlJob(b, job, jobs, feeds);
  }
}

// ---------------------------------------------------------------------------------------------------
// Dashboards and analysts.

function biQuery(
  b: Builder,
  r: Random,
  user: StatementUser,
  pid: number,
  label: string,
  template: StatementTemplate,
  variant: number,
): DayStatement {
  const monthFactor = b.monthStart ? SCENARIOS.monthStart.runtimeFactor : 1;
  const execSeconds = template.seconds * monthFactor * r.jitter(0.35);
  // SQA picks read-only queries it predicts to be short (REFERENCE 1.2, 6.3).
  const short = template.seconds < SQA_MAX_SECONDS && b.inputs.queues.has(SQA_SERVICE_CLASS);
  const s = statement(b, {
    kind: 'query',
    user,
    pid,
    tx: newTx(false),
    label,
    text: template.sql(b.literals, variant),
    serviceClass: short ? SQA_SERVICE_CLASS : BI_SERVICE_CLASS,
    exec: seconds(execSeconds),
    plan: template.plan,
    tables: template.tables,
    rows: Math.max(1, Math.round(template.rows * r.jitter(0.5))),
  });
  if (template.tables.includes('plays_events') && r.chance(0.2)) s.alerts.push('selective_filter');
  s.compile = r.chance(0.05) ? Math.round(r.float(100, 1500) * US_PER_MS) : 0;
  return s;
}

function buildDashboards(b: Builder): void {
  const r = b.r.fork('dashboards');
  const scale = SCALES[b.inputs.scale];
  const factor = b.monthStart ? SCENARIOS.monthStart.queryFactor : 1;
  const pool = Array.from({ length: 8 }, () => newSession(b, 'bi_user'));
  const [from, to] = b.weekend && !b.monthStart ? [8 * 60, 20 * 60] : [6 * 60, 22 * 60];
  const interval = scale.refreshMinutes / factor;
  let n = 0;
  DASHBOARDS.slice(0, scale.dashboards).forEach((dashboard, di) => {
    for (let m = from + di * 2, cycle = 0; m < to; m += interval, cycle++) {
      const at = b.d0 + Math.round(m * US_PER_MINUTE) + r.int(0, 20) * US_PER_SECOND;
      dashboard.tiles.forEach((template, ti) => {
        const pid = pool[n++ % pool.length] as number;
        const s = biQuery(b, r, 'bi_user', pid, dashboard.label, template, cycle + ti);
        b.chains.push(chain(at + ti * r.int(5, 400) * US_PER_MS, [item(s, 0)]));
      });
    }
  });
  // Interactive views: people opening dashboards during the working day.
  if (scale.interactivePerHour > 0) {
    const dashboards = DASHBOARDS.slice(0, scale.dashboards);
    for (let hour = 7; hour < 20; hour++) {
      const peak = hour >= 9 && hour <= 16 ? 1 : 0.55;
      const perHour = scale.interactivePerHour * peak * factor * (b.weekend && !b.monthStart ? 0.3 : 1);
      const count = poisson(r, perHour);
      for (let i = 0; i < count; i++) {
        const dashboard = r.pick(dashboards);
        const template = r.pick(dashboard.tiles);
        const pid = pool[n++ % pool.length] as number;
        const s = biQuery(b, r, 'bi_user', pid, dashboard.label, template, i);
        b.chains.push(chain(b.d0 + hour * US_PER_HOUR + r.int(0, 3599) * US_PER_SECOND, [item(s, 0)]));
      }
    }
  }
}

function buildAnalysts(b: Builder): void {
  const scale = SCALES[b.inputs.scale];
  const factor = b.monthStart ? SCENARIOS.monthStart.queryFactor : 1;
  const logRule = b.inputs.rules.find((x) => x.serviceClass === BI_SERVICE_CLASS && x.action === 'log');
  const plan: { user: 'analyst_anna' | 'analyst_ben'; startMinute: number }[] =
    b.weekend && !b.monthStart
      ? [{ user: 'analyst_anna', startMinute: 11 * 60 }]
      : [
          { user: 'analyst_anna', startMinute: 9 * 60 + 30 },
          { user: 'analyst_ben', startMinute: 10 * 60 },
          { user: 'analyst_anna', startMinute: 14 * 60 },
          { user: 'analyst_ben', startMinute: 15 * 60 + 30 },
        ];
  const cartesianCount = b.weekend && !b.monthStart ? 0 : b.monthStart ? 2 : 1;
  plan.forEach((p, si) => {
    const r = b.r.fork('adhoc', si);
    const timedOut = r.chance(0.3);
    const pid = newSession(b, p.user, 3600, timedOut);
    const items: ChainItem<DayStatement>[] = [];
    const count = Math.max(1, Math.round(scale.adhocPerSession * factor * r.jitter(0.25)));
    const group = r.chance(0.3) ? `adhoc_${p.user.slice(8)}` : '';
    if (group !== '')
      items.push(item(utility(b, p.user, pid, null, '', `SET query_group TO '${group}';`), 0));
    for (let i = 0; i < count; i++) {
      const template = r.pick(ADHOC_QUERIES);
      const s = biQuery(b, r, p.user, pid, group, template, i + si * 31);
      if (r.chance(0.03)) {
        // The analyst gives up and cancels (REFERENCE 6.3: aborted = 1 for user cancels).
        s.plannedExec = Math.max(s.plannedExec, seconds(120));
        s.execLimit = Math.round(s.plannedExec * r.float(0.2, 0.7));
        s.cancelReason = 'user';
      }
      items.push(item(s, seconds(r.float(15, 420))));
    }
    if (si < cartesianCount) {
      const template = CARTESIAN_QUERIES[si % CARTESIAN_QUERIES.length] as StatementTemplate;
      const s = biQuery(b, r, p.user, pid, group, template, si);
      s.serviceClass = BI_SERVICE_CLASS;
      s.alerts.push('nested_loop');
      s.spills = true;
      if (logRule !== undefined)
        s.ruleAction = { rule: logRule.name, action: 'log', serviceClass: BI_SERVICE_CLASS };
      items.splice(Math.min(items.length, 1 + (si % 3)), 0, item(s, seconds(r.float(30, 300))));
    }
    b.chains.push(chain(b.d0 + p.startMinute * US_PER_MINUTE + r.int(0, 600) * US_PER_SECOND, items));
  });
}

function buildHostile(b: Builder): void {
  const h = SCENARIOS.hostile;
  const cursor = b.hostile;
  // analyst_ben's moderation checks: display names, titles and bios that users reported.
  {
    const r = b.r.fork('hostile-queries');
    const pid = newSession(b, 'analyst_ben', 3600, false);
    const items: ChainItem<DayStatement>[] = [];
    for (let i = 0; i < h.queries; i++) {
      const literals = Array.from({ length: h.perQuery }, () => sqlLiteral(cursor.next().value));
      const make = HOSTILE_QUERY_TEMPLATES[i % HOSTILE_QUERY_TEMPLATES.length] as (l: string[]) => string;
      const s = statement(b, {
        kind: 'query',
        user: 'analyst_ben',
        pid,
        tx: newTx(false),
        label: '',
        text: make(literals),
        serviceClass: BI_SERVICE_CLASS,
        exec: seconds(r.float(1.6, 9)),
        plan: 'scan-agg',
        tables: ['profiles'],
        rows: r.int(0, 3),
      });
      items.push(item(s, seconds(r.float(5, 90))));
    }
    b.chains.push(chain(b.d0 + 16 * US_PER_HOUR + r.int(0, 900) * US_PER_SECOND, items));
  }
  // analyst_anna pastes report titles into SET query_group (REFERENCE 2.4): hostile labels.
  {
    const r = b.r.fork('hostile-labels');
    const pid = newSession(b, 'analyst_anna', 3600, false);
    const items: ChainItem<DayStatement>[] = [];
    let current = '';
    for (let i = 0; i < h.labels; i++) {
      const label = cursor.next().value;
      items.push(
        item(
          utility(b, 'analyst_anna', pid, null, current, `SET query_group TO ${sqlLiteral(label)};`),
          seconds(r.float(5, 60)),
        ),
      );
      current = label;
      const template = ADHOC_QUERIES[i % ADHOC_QUERIES.length] as StatementTemplate;
      const s = biQuery(b, r, 'analyst_anna', pid, label, template, i);
      s.serviceClass = BI_SERVICE_CLASS;
      items.push(item(s, seconds(r.float(1, 5))));
    }
    items.push(item(utility(b, 'analyst_anna', pid, null, current, 'RESET query_group;'), seconds(2)));
    b.chains.push(chain(b.d0 + 16 * US_PER_HOUR + 45 * US_PER_MINUTE + r.int(0, 600) * US_PER_SECOND, items));
  }
}

// ---------------------------------------------------------------------------------------------------

/** Builds and simulates one calendar day (00:00 UTC onwards; late statements may end after midnight). */
export function simulateDay(inputs: DayInputs): SimulatedDay {
  const cal = calendarOf(inputs.dayNumber);
  const daysBeforeNow = inputs.anchorDay - inputs.dayNumber;
  const b: Builder = {
    inputs,
    r: createRandom(inputs.seed, 'day', inputs.dayNumber),
    d0: startOfDay(inputs.dayNumber),
    literals: literalsFor(inputs.dayNumber),
    monthStart: isMonthStartDay(inputs.dayNumber),
    weekend: cal.weekday === 0 || cal.weekday === 6,
    growth: batchGrowth(inputs.dayNumber, inputs.anchorDay),
    volume: 1 + 0.006 * (inputs.dayNumber - (inputs.anchorDay - SCENARIOS.batchCreep.baseDaysBeforeNow)),
    daysBeforeNow,
    chains: [],
    sessions: [],
    hostile: hostileCursor(inputs.dayNumber),
    nextPid: 1,
    seq: 0,
  };
  buildHealth(b);
  // Hostile strings are handed out in this order every day: moderation queries, labels, load errors.
  buildHostile(b);
  const feeds = buildCopies(b);
  buildBatch(b, feeds);
  buildDashboards(b);
  buildAnalysts(b);

  simulate(b.chains, (serviceClass) => inputs.queues.get(serviceClass)?.slots ?? 1);

  const statements: DayStatement[] = [];
  for (const c of b.chains) for (const it of c.items) if (it.statement.ran) statements.push(it.statement);
  statements.sort((x, y) => x.submit - y.submit || x.seq - y.seq);
  for (const s of statements) {
    if (s.cut) s.cancelReason = s.cancelReason ?? 'user';
  }
  return { dayNumber: inputs.dayNumber, date: isoDate(inputs.dayNumber), statements, sessions: b.sessions };
}
