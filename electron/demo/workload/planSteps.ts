// Query plan steps (SVL_QUERY_SUMMARY, REFERENCE 1.18; SYS_QUERY_DETAIL step level, 1.24) and optimizer
// alerts (STL_ALERT_EVENT_LOG, 1.16) for a generated statement. A handful of steps per query, shaped
// by the kind of statement; the step times add up to the statement's execution time.
import type { AlertKind, DayStatement } from './day.ts';
import type { PlanShape } from './jobs.ts';
import type { Random } from './random.ts';
import { TABLES, type TableKey } from './tables.ts';

export interface PlanStep {
  stm: number;
  seg: number;
  step: number;
  /** SVL_QUERY_SUMMARY.label, e.g. `scan   tbl=108201 name=plays_events`. */
  label: string;
  /** SYS_QUERY_DETAIL.step_name. */
  name: string;
  table: TableKey | null;
  /** Share of the execution time this step's segment took (maxtime). */
  share: number;
  rows: number;
  bytes: number;
  rowsPreFilter: number;
  isRrscan: boolean;
  diskBased: boolean;
  workmem: number;
  alert: AlertKind | null;
}

type StepKind =
  | 'scan'
  | 'project'
  | 'aggr'
  | 'hash'
  | 'hjoin'
  | 'nloop'
  | 'dist'
  | 'bcast'
  | 'sort'
  | 'insert'
  | 'delete'
  | 'return'
  | 'save'
  | 'scan-s3';

const SHAPES: Record<
  PlanShape,
  readonly (readonly [stm: number, seg: number, kind: StepKind, tableIndex: number])[]
> = {
  'scan-agg': [
    [0, 0, 'scan', 0],
    [0, 0, 'aggr', -1],
    [1, 1, 'return', -1],
  ],
  'join-agg': [
    [0, 0, 'scan', 1],
    [0, 0, 'hash', -1],
    [1, 1, 'scan', 0],
    [1, 1, 'hjoin', -1],
    [1, 1, 'dist', -1],
    [2, 2, 'insert', 2],
  ],
  'insert-select': [
    [0, 0, 'scan', 0],
    [0, 0, 'project', -1],
    [0, 1, 'insert', 1],
  ],
  delete: [
    [0, 0, 'scan', 0],
    [0, 0, 'delete', 0],
  ],
  unload: [
    [0, 0, 'scan', 0],
    [0, 0, 'project', -1],
    [0, 1, 'save', -1],
  ],
  copy: [
    [0, 0, 'scan-s3', 0],
    [0, 0, 'project', -1],
    [0, 1, 'insert', 0],
  ],
  'nested-loop': [
    [0, 0, 'scan', 1],
    [0, 0, 'bcast', -1],
    [1, 1, 'scan', 0],
    [1, 1, 'nloop', -1],
    [2, 2, 'return', -1],
  ],
  lookup: [
    [0, 0, 'scan', -1],
    [0, 0, 'return', -1],
  ],
};

const SYS_STEP_NAME: Record<StepKind, string> = {
  scan: 'scan',
  'scan-s3': 'scan',
  project: 'project',
  aggr: 'aggregate',
  hash: 'hash',
  hjoin: 'hashjoin',
  nloop: 'nestloop',
  dist: 'distribute',
  bcast: 'broadcast',
  sort: 'sort',
  insert: 'insert',
  delete: 'delete',
  return: 'return',
  save: 'save',
};

/** Which step an alert is reported on (REFERENCE 1.16: per query / segment / step). */
const ALERT_STEP: Record<AlertKind, StepKind> = {
  missing_stats: 'scan',
  nested_loop: 'nloop',
  selective_filter: 'scan',
  distribution: 'dist',
  broadcast: 'bcast',
  ghost_rows: 'scan',
};

function statementHash(s: DayStatement): number {
  let h = 0;
  for (const c of `${s.label}|${s.plan}|${s.tables.join(',')}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** 3..60, the same for a job's statements of one plan over the same tables every night. */
function stableScanFactor(s: DayStatement): number {
  return 3 + (statementHash(s) % 5_700) / 100;
}

/** 1..3, a batch statement's rows before its filter per row it keeps, likewise the same every night. */
function stablePreFilterFactor(s: DayStatement): number {
  return 1 + (statementHash(s) % 200) / 100;
}

export function planSteps(s: DayStatement, r: Random): PlanStep[] {
  if (s.plan === null) return [];
  const shape =
    s.plan === 'join-agg' && s.alerts.includes('nested_loop') ? SHAPES['nested-loop'] : SHAPES[s.plan];
  const tableAt = (i: number): TableKey | null =>
    i < 0 ? null : (s.tables[Math.min(i, s.tables.length - 1)] ?? null);
  const rowsOut = Math.max(1, s.rows);
  // A batch statement scans the same share of its tables night after night (its rows scanned then
  // follow the data's growth: SVL_QUERY_METRICS_SUMMARY); other statements vary. Drawn either way,
  // so the day's random stream stays the same.
  const drawn = r.float(3, 60);
  const scanned = Math.max(
    rowsOut,
    Math.round(rowsOut * (s.label.startsWith('nightly_') ? stableScanFactor(s) : drawn)),
  );
  // Segment shares: later segments finish later, the last one ends with the statement.
  const segments = Math.max(...shape.map(([, seg]) => seg)) + 1;
  const pending = new Set<AlertKind>(s.alerts);
  const steps: PlanStep[] = [];
  let stepInSegment = 0;
  let lastSeg = -1;
  shape.forEach(([stm, seg, kind, tableIndex]) => {
    stepInSegment = seg === lastSeg ? stepInSegment + 1 : 0;
    lastSeg = seg;
    const table =
      kind === 'scan' || kind === 'scan-s3' || kind === 'insert' || kind === 'delete'
        ? tableAt(tableIndex)
        : null;
    const isScan = kind === 'scan' || kind === 'scan-s3';
    const rows = isScan
      ? scanned
      : kind === 'return' || kind === 'insert' || kind === 'save'
        ? rowsOut
        : Math.round(scanned * r.float(0.05, 0.9));
    let label: string;
    if (kind === 'scan-s3') label = `scan   tbl=${table === null ? 0 : TABLES[table].tableId} name=S3`;
    else if (kind === 'scan')
      label =
        table === null
          ? 'scan   tbl=0 name=Internal Worktable'
          : `scan   tbl=${TABLES[table].tableId} name=${TABLES[table].table}`;
    else if (kind === 'insert' || kind === 'delete')
      label = `${kind.padEnd(6)} tbl=${table === null ? 0 : TABLES[table].tableId}`;
    else if (kind === 'hash' || kind === 'hjoin' || kind === 'nloop' || kind === 'aggr' || kind === 'sort')
      label = `${kind.padEnd(6)} tbl=${200 + seg * 10 + stepInSegment}`;
    else label = kind;
    let alert: AlertKind | null = null;
    for (const a of pending) {
      if (ALERT_STEP[a] === kind || (ALERT_STEP[a] === 'scan' && kind === 'scan-s3')) {
        alert = a;
        pending.delete(a);
        break;
      }
    }
    steps.push({
      stm,
      seg,
      step: stepInSegment,
      label,
      name: SYS_STEP_NAME[kind],
      table,
      share: Math.min(1, (seg + 1) / segments) * (seg + 1 === segments ? 1 : r.float(0.6, 0.95)),
      rows,
      bytes: rows * (isScan ? 24 : 40),
      rowsPreFilter: isScan ? Math.round(scanned * preFilterFactor(s, alert, r)) : 0,
      isRrscan: isScan && kind === 'scan' && r.chance(0.6),
      diskBased: s.spills && (kind === 'aggr' || kind === 'hash' || kind === 'nloop' || kind === 'sort'),
      workmem:
        kind === 'aggr' || kind === 'hash' || kind === 'nloop' || kind === 'sort'
          ? r.int(16, 640) * 1_048_576
          : 0,
      alert,
    });
  });
  // Alerts without a matching step kind are reported on the first step.
  const first = steps[0];
  if (first !== undefined && first.alert === null && pending.size > 0) first.alert = [...pending][0] ?? null;
  return steps;
}

/**
 * A scan's rows before filtering per row scanned (SYS_QUERY_DETAIL.input_rows, what the Serverless rows
 * scanned read): a batch statement's is the same every night, so its rows scanned follow the data's
 * growth as on a provisioned cluster; others vary. Drawn either way, so the day's random stream stays.
 */
function preFilterFactor(s: DayStatement, alert: AlertKind | null, r: Random): number {
  if (alert === 'selective_filter') return r.float(200, 2000);
  const drawn = r.float(1, 3);
  return s.label.startsWith('nightly_') ? stablePreFilterFactor(s) : drawn;
}

/** STL_ALERT_EVENT_LOG event / solution texts (REFERENCE 1.16; only 24-character prefixes are documented). */
export function alertText(
  kind: AlertKind,
  step: PlanStep | undefined,
  r: Random,
): { event: string; solution: string } {
  const rows = step?.rows ?? r.int(1_000_000, 90_000_000);
  switch (kind) {
    case 'missing_stats':
      return { event: 'Missing query planner statistics', solution: 'Run the ANALYZE command' };
    case 'nested_loop':
      return {
        event: 'Nested Loop Join in the query',
        solution: 'Review the join predicates to avoid Cartesian products',
      };
    case 'selective_filter': {
      const pre = step?.rowsPreFilter ?? rows * 500;
      const ratio = (rows / Math.max(1, pre)).toFixed(6);
      return {
        event: `Very selective query filter:ratio=rows(${rows})/rows_pre_user_filter(${pre})=${ratio}`,
        solution:
          'Review the choice of sort key to enable range restricted scans, and the choice of sort key of the scanned table',
      };
    }
    case 'distribution':
      return {
        event: `Distributed a large number of rows across the network:${Math.max(rows, 1_000_001)} rows were distributed by ${r.int(2, 4)} slices`,
        solution: 'Review the choice of distribution key to collocate the join or group by',
      };
    case 'broadcast':
      return {
        event: `Broadcasted a large number of rows across the network:${Math.max(rows, 1_000_001)} rows were broadcasted by ${r.int(2, 4)} slices`,
        solution: 'Review the choice of distribution key to collocate the join',
      };
    case 'ghost_rows':
      return {
        event: `Scanned a large number of deleted rows:${r.int(1_000_000, 40_000_000)} rows were deleted but not vacuumed`,
        solution: 'Run the VACUUM command to reclaim deleted space',
      };
  }
}
