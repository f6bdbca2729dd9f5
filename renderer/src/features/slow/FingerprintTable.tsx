// "By fingerprint": runs of the same query grouped (queries.fingerprints), newly slow ones first with
// their ratio. A row opens the detail of the group's latest run.
import type { FingerprintGroup } from '../../../../shared/model/fingerprint.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { Sparkline } from '../../charts/Sparkline.tsx';
import { formatDuration } from '../../time/formatTime.ts';
import { newlySlowBadge } from './slowFilters.ts';
import { DataTable } from '../../components/DataTable.tsx';

const ids = testIds.slow;
const count = new Intl.NumberFormat('en-US');

export function FingerprintTable({ groups, k }: { groups: readonly FingerprintGroup[]; k: number }) {
  const { linkTo } = useView();
  return (
    <DataTable
      className="slow-groups"
      testId={ids.groupTable}
      columns={[
        'Query',
        { label: 'Runs', num: true },
        { label: 'Total', num: true },
        { label: 'p50', num: true },
        { label: 'p95', num: true },
        { label: 'Max', num: true },
        'Trend (median)',
        'Users',
        'Labels',
      ]}
    >
      {groups.map((g) => {
        const href = linkTo('query', { q: g.latestQuery, t: g.latestStartTime });
        return (
          <tr
            key={g.fingerprint}
            className={g.newlySlow ? 'slow-group slow-group-newly' : 'slow-group'}
            data-testid={ids.groupRow}
            data-newly-slow={g.newlySlow ? 'true' : 'false'}
          >
            <td className="slow-group-query">
              {g.newlySlow && (
                <span
                  className="badge badge-newly-slow"
                  data-testid={ids.groupBadge}
                  title={`Recent median at least ${k}× its median of the 14 nights before`}
                >
                  {newlySlowBadge(g.ratio)}
                </span>
              )}
              <a className="slow-preview mono" href={href} data-testid={ids.groupText}>
                {g.textPreview}
              </a>
              {g.abortedCount > 0 && (
                <span className="slow-aborted-count">{count.format(g.abortedCount)} aborted</span>
              )}
            </td>
            <td className="num" data-testid={ids.groupCount}>
              {count.format(g.count)}
            </td>
            <td className="num">{formatDuration(g.totalMs)}</td>
            <td className="num">{formatDuration(g.p50Ms)}</td>
            <td className="num">{formatDuration(g.p95Ms)}</td>
            <td className="num">{formatDuration(g.maxMs)}</td>
            <td>
              <Sparkline
                values={g.trend.map((p) => p.v)}
                label="median elapsed time over the range"
                color={g.newlySlow ? 'var(--danger)' : 'var(--chart-1)'}
              />
            </td>
            <td className="slow-names" data-testid={ids.groupUsers}>
              {g.users.join(', ')}
            </td>
            <td className="slow-names" data-testid={ids.groupLabels}>
              {g.labels.join(', ')}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
