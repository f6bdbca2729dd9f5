// The executed steps (queries.steps, SVL_QUERY_SUMMARY — REFERENCE 1.18), or why they are missing.
import type { QuerySteps } from '../../../../shared/model/query.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { DataTable } from '../../components/DataTable.tsx';

const ids = testIds.queryDetail;
const n = new Intl.NumberFormat('en-US');

export function QueryStepsTable({ steps }: { steps: QuerySteps }) {
  if (!steps.available || steps.steps.length === 0)
    return (
      <p className="muted" data-testid={ids.stepsUnavailable}>
        {steps.reason ?? 'The cluster recorded no steps for this query.'}
      </p>
    );
  const diskBased = steps.steps.filter((s) => s.isDiskBased).length;
  return (
    <div data-testid={ids.steps}>
      {diskBased > 0 && (
        <p className="qd-warn">
          {diskBased} {diskBased === 1 ? 'step' : 'steps'} spilled to disk (not enough memory in its slots).
        </p>
      )}
      <DataTable
        className="qd-steps"
        wrapClassName="qd-steps-wrap"
        columns={[
          { label: 'Stream', num: true },
          { label: 'Segment', num: true },
          { label: 'Step', num: true },
          'Operation',
          { label: 'Rows', num: true },
          { label: 'Bytes', num: true },
          { label: 'Max time', num: true },
          { label: 'Avg time', num: true },
          'Disk',
        ]}
      >
        {steps.steps.map((s) => (
          <tr key={`${s.stm}-${s.segment}-${s.step}`} data-testid={ids.stepRow}>
            <td className="num">{s.stm}</td>
            <td className="num">{s.segment}</td>
            <td className="num">{s.step}</td>
            <td className="mono qd-step-label">{s.label}</td>
            <td className="num">{n.format(s.rows)}</td>
            <td className="num">{formatBytes(s.bytes)}</td>
            <td className="num">{formatDuration(s.maxTimeMs)}</td>
            <td className="num">{formatDuration(s.avgTimeMs)}</td>
            <td>{s.isDiskBased ? <span className="badge badge-danger">disk</span> : ''}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
