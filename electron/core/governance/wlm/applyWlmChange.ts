// wlm.apply's work inside the action runner (exactly once, one audit record). Nothing is sent unless
// the group is a custom one, the proposed JSON passes validation (REFERENCE 3.3/3.4), something
// changes, and the group still holds the configuration the user edited: the current value is re-read
// right before ModifyClusterParameterGroup and its version compared (compare before write). The AWS
// API has no conditional write, so a change landing between that read and the Modify cannot be
// excluded; the window is one round trip instead of the whole editing session.
import { ModifyClusterParameterGroupCommand, type RedshiftClient } from '@aws-sdk/client-redshift';
import type { WlmApplyStatus } from '../../../../shared/model/governance.ts';
import { diffWlmConfigurations, type WlmDiff } from '../../../../shared/wlm/diffWlmConfigurations.ts';
import { parseWlmConfiguration } from '../../../../shared/wlm/parseWlmConfiguration.ts';
import { formatWlmProblems } from '../../../../shared/wlm/validateWlmConfiguration.ts';
import type { ActionReport } from '../runAction.ts';
import { defaultGroupRefusal, isDefaultParameterGroup } from './defaultParameterGroup.ts';
import { describeAwsError } from './describeAwsError.ts';
import { changedWordsOf, checkWlmJson } from './previewWlmChange.ts';
import { describeCluster, parameterGroupOf, readWlmParameter } from './readClusterWlm.ts';
import { WLM_PARAMETER, wlmApplyStatusOf } from './wlmApplyStatusOf.ts';

export interface WlmApplyExtra {
  applyStatus: WlmApplyStatus | null;
  currentJson: string | null;
}

export interface ApplyWlmChangeOptions {
  client: RedshiftClient;
  clusterIdentifier: string;
  json: string;
  baseVersion: string;
  actorAws: string;
}

type Report = ActionReport<WlmApplyExtra>;

export async function applyWlmChange(o: ApplyWlmChangeOptions): Promise<Report> {
  const { client } = o;
  const report = (
    outcome: Report['outcome'],
    message: string,
    fields: Partial<Omit<Report, 'outcome' | 'message' | 'extra'>> & { extra?: Partial<WlmApplyExtra> } = {},
  ): Report => {
    const { extra, ...rest } = fields;
    return {
      outcome,
      message,
      actorAws: o.actorAws,
      ...rest,
      extra: { applyStatus: null, currentJson: null, ...extra },
    };
  };

  let parameterGroup: string;
  let current: { json: string; version: string };
  try {
    parameterGroup = parameterGroupOf(await describeCluster(client, o.clusterIdentifier));
    current = await readWlmParameter(client, parameterGroup);
  } catch (error) {
    return report('failed', `Nothing was sent. ${describeAwsError(error, 'reading the parameter group')}`);
  }
  const before = current.json;

  if (isDefaultParameterGroup(parameterGroup)) {
    return report('refused', `Nothing was sent. ${defaultGroupRefusal(parameterGroup)}`, { before });
  }

  const checked = checkWlmJson(o.json);
  if (checked.config === null || checked.errors.length > 0) {
    return report(
      'refused',
      `Nothing was sent: the WLM configuration is not valid (${checked.errors.length} problem${checked.errors.length === 1 ? '' : 's'}): ${formatWlmProblems(checked.errors)}`,
      { before },
    );
  }
  // Sent compactly but as the user wrote it (key order kept), so the audit's before/after reads like
  // the editor showed it; the content is exactly what was validated.
  const after = JSON.stringify(JSON.parse(o.json));

  if (current.version !== o.baseVersion) {
    return report(
      'refused',
      `Nothing was sent: the WLM configuration of ${parameterGroup} changed since you loaded it (someone else applied a change). Review the newer configuration and make your change on top of it.`,
      { before, after, extra: { currentJson: current.json } },
    );
  }

  const parsedCurrent = parseWlmConfiguration(current.json);
  // A current value we cannot read cannot be diffed: send it as static (waits for a reboot).
  const diff: WlmDiff = parsedCurrent.ok
    ? diffWlmConfigurations(parsedCurrent.config, checked.config)
    : { changes: [], verdict: 'needs-reboot' };
  if (diff.verdict === 'no-change') {
    return report(
      'refused',
      'Nothing was sent: the configuration is the same as the one the cluster holds.',
      {
        before,
      },
    );
  }
  const applyType = diff.verdict === 'needs-reboot' ? 'static' : 'dynamic';

  try {
    await client.send(
      new ModifyClusterParameterGroupCommand({
        ParameterGroupName: parameterGroup,
        Parameters: [{ ParameterName: WLM_PARAMETER, ParameterValue: after, ApplyType: applyType }],
      }),
    );
  } catch (error) {
    return report('failed', describeAwsError(error, `modifying ${parameterGroup}`), { before, after });
  }

  let applyStatus: WlmApplyStatus | null = null;
  let statusWords: string;
  try {
    applyStatus = wlmApplyStatusOf(await describeCluster(client, o.clusterIdentifier));
    statusWords = applyStatus.detail;
  } catch (error) {
    statusWords = `the apply status could not be read: ${describeAwsError(error, 'reading the apply status')}`;
  }
  // A static change still waiting for a reboot holds back every later change too (REFERENCE 3.5).
  const waitsForReboot = applyType === 'static' || applyStatus?.state === 'pending-reboot';
  const headline = !waitsForReboot
    ? `Applied to ${parameterGroup}: the change is dynamic and takes effect without a reboot.`
    : applyType === 'static'
      ? `Saved in ${parameterGroup}, pending reboot: the change holds static properties, so none of it takes effect until the cluster is rebooted.`
      : `Saved in ${parameterGroup}, pending reboot: the change is dynamic, but the cluster already waits for a reboot for an earlier static change, so it takes effect with that reboot.`;
  const note = parsedCurrent.ok ? ` ${changedWordsOf(diff)}` : '';
  return report('done', `${headline}${note}`, {
    before,
    after,
    confirmation: `DescribeClusters: ${statusWords}`,
    extra: { applyStatus },
  });
}
