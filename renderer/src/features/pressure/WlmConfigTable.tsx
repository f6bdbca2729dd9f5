import type { WlmQueueConfigRow } from '../../../../shared/model/pressure.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { concurrencyText, groupsText, memoryText, ruleText, timeoutText } from './pressureModel.ts';
import { DataTable } from '../../components/DataTable.tsx';

const ids = testIds.pressure;

/** The WLM configuration in force at the end of the range, one row per queue (REFERENCE 2.x). */
export function WlmConfigTable({ rows }: { rows: readonly WlmQueueConfigRow[] }) {
  return (
    <DataTable
      className="pressure-config"
      testId={ids.config}
      columns={[
        'Queue',
        { label: 'Service class', num: true },
        { label: 'Concurrency', num: true },
        { label: 'Memory', num: true },
        'Timeout',
        'User groups',
        'Query groups',
        'Priority',
        'Concurrency scaling',
        'Query monitoring rules',
      ]}
    >
      {rows.map((r) => (
        <tr key={r.serviceClass} data-testid={ids.configRow} data-service-class={r.serviceClass}>
          <td className="cfg-name">{r.name}</td>
          <td className="num">{r.serviceClass}</td>
          <td className="num">{concurrencyText(r.concurrency)}</td>
          <td className="num">{memoryText(r.memoryPercent)}</td>
          <td>{timeoutText(r.timeoutMs)}</td>
          <td className="cfg-groups">{groupsText(r.userGroups, r.userGroupWildcard)}</td>
          <td className="cfg-groups">{groupsText(r.queryGroups, r.queryGroupWildcard)}</td>
          <td>{r.priority ?? '–'}</td>
          <td>{r.concurrencyScaling ?? '–'}</td>
          <td className="cfg-rules">
            {r.rules.length === 0 ? (
              <span className="faint">none</span>
            ) : (
              <ul>
                {r.rules.map((rule) => (
                  <li key={rule.name}>
                    <span className="cfg-rule-name">{rule.name}</span>:{' '}
                    <span className="mono">{ruleText(rule)}</span>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
