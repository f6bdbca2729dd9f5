// The WLM apply status of a cluster in words, from DescribeClusters (REFERENCE 4.2, 3.5): the
// wlm_json_configuration entry of ClusterParameterStatusList when the cluster lists it (another
// parameter's pending change must not make the WLM look pending), else the group's status.
import type { Cluster } from '@aws-sdk/client-redshift';
import type { WlmApplyState, WlmApplyStatus } from '../../../../shared/model/governance.ts';

export const WLM_PARAMETER = 'wlm_json_configuration';

export function wlmApplyStatusOf(cluster: Cluster): WlmApplyStatus {
  const group = cluster.ClusterParameterGroups?.[0];
  const parameterGroup = group?.ParameterGroupName ?? '';
  const clusterStatus = cluster.ClusterStatus ?? null;
  const wlm = group?.ClusterParameterStatusList?.find((p) => p.ParameterName === WLM_PARAMETER);
  const raw = wlm?.ParameterApplyStatus ?? group?.ParameterApplyStatus ?? null;
  const error = wlm?.ParameterApplyErrorDescription;
  const on = clusterStatus === null ? '' : ` (cluster ${clusterStatus})`;
  let state: WlmApplyState;
  let detail: string;
  switch (raw) {
    case 'in-sync':
      state = 'in-sync';
      detail = `applied: the cluster runs the WLM configuration of ${parameterGroup}${on}`;
      break;
    case 'applying':
      state = 'applying';
      detail = `applying: the cluster is taking on the dynamic change now${on}; queries already running keep their old slots and memory`;
      break;
    case 'pending-reboot':
    case 'apply-deferred':
      state = 'pending-reboot';
      detail = `pending reboot: ${parameterGroup} holds a change with static properties; all of it, dynamic properties included, takes effect when the cluster is rebooted${on}`;
      break;
    case null:
      state = 'unknown';
      detail = `the cluster did not report a parameter apply status${on}`;
      break;
    default:
      state = 'unknown';
      detail = `the cluster reports ${raw}${error ? `: ${error}` : ''}${on}`;
      break;
  }
  return { parameterGroup, state, clusterStatus, detail };
}
