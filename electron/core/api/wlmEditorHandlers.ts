// The WLM editor's API (issue #6): load the cluster's parameter group and wlm_json_configuration,
// preview a change (validation, diff, dynamic or reboot, still based on the current value), what-if
// of its QMR rules over the cached history, apply it exactly once and on the record, and the apply
// status afterwards. Everything about the cluster is read from the Redshift API at call time.
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type Database from 'better-sqlite3';
import type { WlmApplyResult } from '../../../shared/model/governance.ts';
import { formatWlmProblems } from '../../../shared/wlm/validateWlmConfiguration.ts';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { validateWlmConfiguration } from '../../../shared/wlm/validateWlmConfiguration.ts';
import type { Logger } from '../base/Logger.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import type { ActionRunner } from '../governance/runAction.ts';
import { applyWlmChange, type WlmApplyExtra } from '../governance/wlm/applyWlmChange.ts';
import { awsIdentityOf } from '../governance/wlm/awsIdentityOf.ts';
import { DEFAULT_GROUP_REASON, isDefaultParameterGroup } from '../governance/wlm/defaultParameterGroup.ts';
import { describeAwsError } from '../governance/wlm/describeAwsError.ts';
import { previewWlmChange } from '../governance/wlm/previewWlmChange.ts';
import { qmrWhatIf } from '../governance/wlm/qmrWhatIf.ts';
import { describeCluster, readClusterWlm } from '../governance/wlm/readClusterWlm.ts';
import { wlmApplyStatusOf } from '../governance/wlm/wlmApplyStatusOf.ts';
import { ApiError } from '../base/ApiError.ts';
import type { ApiHandlers } from './dispatch.ts';

export interface WlmEditorDeps {
  db: Database.Database;
  access: ClusterAccess;
  actions: ActionRunner;
  log: Logger;
  /** The clock for the what-if window; tests pin it. */
  now?: () => Date;
}

type WlmEditorMethods = 'wlm.load' | 'wlm.preview' | 'wlm.whatIf' | 'wlm.apply' | 'wlm.status';

const NO_API =
  "WLM lives in the cluster's parameter group, reached through the Redshift API; this connection is a direct database connection.";

const DEFAULT_WHAT_IF_DAYS = 30;

export function wlmEditorHandlers(deps: WlmEditorDeps): Pick<ApiHandlers, WlmEditorMethods> {
  const now = deps.now ?? (() => new Date());

  const connectionOf = (connectionId: string) => {
    const connection = deps.access.connection(connectionId);
    if (!connection) throw new ApiError('not_found', 'There is no such connection.');
    return connection;
  };

  /** The connection's Redshift API client, or null for direct connections (no API). */
  const redshiftOf = (connectionId: string): { client: RedshiftClient; clusterIdentifier: string } | null => {
    connectionOf(connectionId);
    return deps.access.aws(connectionId)?.redshift ?? null;
  };

  const requireRedshift = (connectionId: string) => {
    const redshift = redshiftOf(connectionId);
    if (redshift === null) throw new ApiError('unavailable', NO_API);
    return redshift;
  };

  const aws = async <T>(doing: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const message = describeAwsError(error, doing);
      deps.log.warn(`wlm editor: ${message}`);
      throw new ApiError('unavailable', message);
    }
  };

  return {
    'wlm.load': async ({ connectionId }) => {
      const { client, clusterIdentifier } = requireRedshift(connectionId);
      const current = await aws('reading the WLM configuration', () =>
        readClusterWlm(client, clusterIdentifier),
      );
      const parsed = parseWlmConfiguration(current.json);
      const isDefault = isDefaultParameterGroup(current.parameterGroup);
      return {
        connectionId,
        clusterIdentifier,
        parameterGroup: current.parameterGroup,
        editable: !isDefault,
        notEditableReason: isDefault ? DEFAULT_GROUP_REASON : null,
        json: current.json,
        config: parsed.ok ? parsed.config : null,
        problems: parsed.ok ? validateWlmConfiguration(parsed.config, current.json) : parsed.problems,
        version: current.version,
        loadedAt: now().toISOString(),
        applyStatus: wlmApplyStatusOf(current.cluster),
      };
    },

    'wlm.preview': async ({ connectionId, json, baseVersion }) => {
      const { client, clusterIdentifier } = requireRedshift(connectionId);
      // Diffed against what the cluster holds now, not what was loaded: that is what an apply replaces.
      const current = await aws('reading the WLM configuration', () =>
        readClusterWlm(client, clusterIdentifier),
      );
      const preview = previewWlmChange(current, json, baseVersion);
      const status = wlmApplyStatusOf(current.cluster);
      if (status.state === 'pending-reboot' && preview.applyKind === 'dynamic') {
        // An earlier static change is waiting for a reboot: this one will wait with it (REFERENCE 3.5).
        return {
          ...preview,
          applyKind: 'static',
          applyNote: `The cluster already waits for a reboot for an earlier static change, so this change takes effect with that reboot too. ${preview.applyNote}`,
        };
      }
      return preview;
    },

    'wlm.whatIf': async ({ connectionId, json, days }) => {
      connectionOf(connectionId);
      const parsed = parseWlmConfiguration(json);
      if (!parsed.ok) {
        throw new ApiError(
          'invalid_args',
          `The WLM configuration cannot be read: ${formatWlmProblems(parsed.problems)}`,
        );
      }
      return qmrWhatIf({
        db: deps.db,
        connectionId,
        config: parsed.config,
        days: days ?? DEFAULT_WHAT_IF_DAYS,
        now: now(),
      });
    },

    'wlm.apply': async ({ connectionId, json, baseVersion, reason, idempotencyKey }) => {
      const connection = connectionOf(connectionId);
      const redshift = redshiftOf(connectionId);
      const spec = {
        action: 'wlm.apply',
        connectionId,
        idempotencyKey,
        target: {
          clusterIdentifier: redshift?.clusterIdentifier ?? null,
          parameter: 'wlm_json_configuration',
        },
        targetKey: `${connectionId}/wlm`,
        targetLabel: `the WLM configuration of ${connection.name}`,
        request: { json, baseVersion },
        params: { baseVersion },
        reason,
      };
      return deps.actions.run<WlmApplyExtra>(spec, async () => {
        if (redshift === null) {
          return {
            outcome: 'refused',
            message: `Nothing was sent. ${NO_API}`,
            extra: { applyStatus: null, currentJson: null },
          };
        }
        const actorAws = await awsIdentityOf(redshift.client, connection);
        return applyWlmChange({
          client: redshift.client,
          clusterIdentifier: redshift.clusterIdentifier,
          json,
          baseVersion,
          actorAws,
        });
      }) satisfies Promise<WlmApplyResult>;
    },

    'wlm.status': async ({ connectionId }) => {
      const { client, clusterIdentifier } = requireRedshift(connectionId);
      const cluster = await aws('reading the cluster status', () =>
        describeCluster(client, clusterIdentifier),
      );
      return wlmApplyStatusOf(cluster);
    },
  };
}
