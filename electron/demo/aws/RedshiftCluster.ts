// The one provisioned cluster the stand-in serves, its parameter groups and its events, with the state
// machine of a parameter change (REFERENCE 3.5, 4.2, 4.5, 6.6):
//
//   ModifyClusterParameterGroup ─┬─ WLM change only dynamic ─> onWlmApplied(json) at once
//                                │     ClusterStatus `modifying`, ParameterApplyStatus `applying`
//                                │     for `dynamicApplySeconds`, then `available` / `in-sync`
//                                └─ WLM change static (or any static parameter changed)
//                                      ParameterApplyStatus `pending-reboot` until RebootCluster,
//                                      which applies everything (onWlmApplied) and shows `rebooting`
//                                      for `rebootSeconds`
//
// Time-dependent states are derived from `now()` when read, so a test can move an injected clock
// instead of waiting.
import { diffWlmConfigurations } from '../../../shared/wlm/diffWlmConfigurations.ts';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import {
  formatWlmProblems,
  validateWlmConfiguration,
  WLM_LIMITS,
} from '../../../shared/wlm/validateWlmConfiguration.ts';
import type { WlmConfiguration } from '../../../shared/wlm/types.ts';
import { AwsError, invalidParameter } from './AwsError.ts';
import {
  checkParameterValue,
  DEFAULT_PARAMETER_GROUP,
  ENGINE_DEFAULT_PARAMETERS,
  ENGINE_DEFAULT_WLM_JSON,
  PARAMETER_GROUP_FAMILY,
  WLM_PARAMETER,
  type ParameterDefinition,
} from './engineDefaultParameters.ts';

export interface ClusterIdentity {
  identifier: string;
  region: string;
  endpoint: { address: string; port: number };
  dbName: string;
  masterUsername: string;
  nodeType: string;
  numberOfNodes: number;
  /** When the cluster was "created": no metrics or events before it. */
  createdAt: Date;
}

export interface RedshiftEvent {
  sourceIdentifier: string;
  sourceType: 'cluster' | 'cluster-parameter-group';
  message: string;
  categories: string[];
  severity: 'INFO' | 'ERROR';
  date: Date;
  eventId: string;
}

export interface ParameterGroupState {
  name: string;
  family: string;
  description: string;
  isDefault: boolean;
  /** Values changed from the engine default (Source `user`). */
  userValues: Map<string, string>;
}

export type ParameterApplyStatus = 'in-sync' | 'pending-reboot' | 'applying' | 'apply-error';

export interface ClusterStatusView {
  clusterStatus: 'available' | 'modifying' | 'rebooting';
  availability: 'Available' | 'Modifying' | 'Unavailable';
  parameterApplyStatus: ParameterApplyStatus;
  parameters: { name: string; status: ParameterApplyStatus; error?: string }[];
}

export interface ClusterCallbacks {
  onWlmApplied(json: string): Promise<void>;
  onReboot?(): Promise<void>;
}

/** AWS's own status text for ModifyClusterParameterGroup (REFERENCE 4.5). */
export const PARAMETER_GROUP_UPDATED_STATUS =
  'Your parameter group has been updated. If you changed only dynamic parameters, associated clusters are being modified now. If you changed static parameters, all updates, including dynamic parameters, will be applied when you reboot the associated clusters.';

const EVENT_RETENTION_MS = 14 * 24 * 3600_000;
const MAX_PARAMETERS_PER_CALL = 20;

function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function parseOrThrow(json: string): WlmConfiguration {
  const parsed = parseWlmConfiguration(json);
  if (!parsed.ok) throw new Error(`invalid WLM configuration: ${formatWlmProblems(parsed.problems)}`);
  return parsed.config;
}

export class RedshiftCluster {
  readonly identity: ClusterIdentity;
  readonly parameterGroupName: string;
  readonly groups = new Map<string, ParameterGroupState>();
  private activeWlm: string;
  private readonly applied = new Map<string, string>();
  private applyingUntil = 0;
  private rebootingUntil = 0;
  private applyError: string | null = null;
  private readonly eventLog: RedshiftEvent[] = [];
  /** [start, end) of every reboot, in ms. */
  private readonly reboots: [number, number][] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    identity: ClusterIdentity,
    parameterGroupName: string,
    initialWlmJson: string,
    private readonly callbacks: ClusterCallbacks,
    private readonly now: () => Date,
    private readonly timing: { dynamicApplySeconds: number; rebootSeconds: number },
  ) {
    // A cluster may stay on the default group (as new clusters do), but then it runs the engine
    // default WLM: the default group cannot be modified (REFERENCE 3.1).
    if (parameterGroupName === DEFAULT_PARAMETER_GROUP && initialWlmJson !== ENGINE_DEFAULT_WLM_JSON) {
      throw new Error(
        `the cluster needs a custom parameter group to run a WLM other than ${ENGINE_DEFAULT_WLM_JSON}; ${DEFAULT_PARAMETER_GROUP} cannot hold one`,
      );
    }
    parseOrThrow(initialWlmJson);
    this.identity = identity;
    this.parameterGroupName = parameterGroupName;
    this.groups.set(DEFAULT_PARAMETER_GROUP, {
      name: DEFAULT_PARAMETER_GROUP,
      family: PARAMETER_GROUP_FAMILY,
      description: 'Default parameter group for redshift-1.0',
      isDefault: true,
      userValues: new Map(),
    });
    if (parameterGroupName !== DEFAULT_PARAMETER_GROUP) {
      const custom: ParameterGroupState = {
        name: parameterGroupName,
        family: PARAMETER_GROUP_FAMILY,
        description: `Parameters of ${identity.identifier}`,
        isDefault: false,
        userValues: new Map(),
      };
      if (initialWlmJson !== ENGINE_DEFAULT_WLM_JSON) custom.userValues.set(WLM_PARAMETER, initialWlmJson);
      this.groups.set(parameterGroupName, custom);
    }
    for (const def of ENGINE_DEFAULT_PARAMETERS) this.applied.set(def.name, def.defaultValue);
    this.activeWlm = initialWlmJson;
    this.applied.set(WLM_PARAMETER, initialWlmJson);
    this.eventLog.push({
      sourceIdentifier: identity.identifier,
      sourceType: 'cluster',
      // REFERENCE 4.8 sample wording.
      message: `Amazon Redshift cluster '${identity.identifier}' has been created at ${utcMinute(identity.createdAt)} and is ready for use.`,
      categories: ['management'],
      severity: 'INFO',
      date: identity.createdAt,
      eventId: 'REDSHIFT-EVENT-2000',
    });
  }

  /** The WLM configuration in effect (what the double's queues run with). */
  get activeWlmJson(): string {
    return this.activeWlm;
  }

  /** A parameter's value in a group, and whether it is the engine default or set by the user. */
  parameterValue(
    group: ParameterGroupState,
    def: ParameterDefinition,
  ): { value: string; source: 'user' | 'engine-default' } {
    const user = group.userValues.get(def.name);
    return user === undefined
      ? { value: def.defaultValue, source: 'engine-default' }
      : { value: user, source: 'user' };
  }

  /** The value the cluster currently runs with for a (non-WLM) parameter. */
  appliedValue(name: string): string | undefined {
    return this.applied.get(name);
  }

  getGroup(name: string): ParameterGroupState {
    const group = this.groups.get(name);
    if (group === undefined) {
      throw new AwsError('ClusterParameterGroupNotFound', `The parameter group ${name} was not found.`, 404);
    }
    return group;
  }

  status(): ClusterStatusView {
    const now = this.now().getTime();
    const group = this.getGroup(this.parameterGroupName);
    const applying = now < this.applyingUntil;
    const parameters = ENGINE_DEFAULT_PARAMETERS.map((def) => {
      const wanted = this.parameterValue(group, def).value;
      let status: ParameterApplyStatus = 'in-sync';
      if (def.name === WLM_PARAMETER) {
        if (this.applyError !== null) status = 'apply-error';
        else if (wanted !== this.activeWlm) status = 'pending-reboot';
        else if (applying) status = 'applying';
      } else if (wanted !== this.applied.get(def.name)) {
        status = 'pending-reboot';
      }
      return status === 'apply-error' && this.applyError !== null
        ? { name: def.name, status, error: this.applyError }
        : { name: def.name, status };
    });
    const parameterApplyStatus: ParameterApplyStatus = parameters.some((p) => p.status === 'apply-error')
      ? 'apply-error'
      : applying
        ? 'applying'
        : parameters.some((p) => p.status === 'pending-reboot')
          ? 'pending-reboot'
          : 'in-sync';
    if (now < this.rebootingUntil) {
      return { clusterStatus: 'rebooting', availability: 'Unavailable', parameterApplyStatus, parameters };
    }
    if (applying)
      return { clusterStatus: 'modifying', availability: 'Modifying', parameterApplyStatus, parameters };
    return { clusterStatus: 'available', availability: 'Available', parameterApplyStatus, parameters };
  }

  /** Whether the cluster was rebooting at some point of [fromMs, toMs) (HealthStatus 0). */
  wasRebooting(fromMs: number, toMs: number): boolean {
    return this.reboots.some(([a, b]) => a < toMs && b > fromMs);
  }

  events(): RedshiftEvent[] {
    const now = this.now().getTime();
    return this.eventLog.filter(
      (e) => e.date.getTime() <= now && e.date.getTime() >= now - EVENT_RETENTION_MS,
    );
  }

  /** Mutations run one at a time, so a Modify and a Reboot never interleave. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  modifyParameterGroup(groupName: string, changes: { name: string; value: string }[]): Promise<void> {
    return this.serialized(async () => {
      const group = this.getGroup(groupName);
      if (group.isDefault) {
        // The exact error code AWS uses here is unverified (REFERENCE 7.9).
        throw invalidParameter(
          `Cannot modify the default parameter group ${group.name}. Create a custom parameter group and modify that one.`,
        );
      }
      if (changes.length === 0) throw invalidParameter('At least one parameter must be given.');
      if (changes.length > MAX_PARAMETERS_PER_CALL) {
        throw invalidParameter(
          `A maximum of ${MAX_PARAMETERS_PER_CALL} parameters can be modified in a single request (got ${changes.length}).`,
        );
      }
      const now = this.now();
      if (group.name === this.parameterGroupName && now.getTime() < this.applyingUntil) {
        throw new AwsError(
          'InvalidClusterParameterGroupState',
          `The parameter group ${group.name} is being applied to cluster ${this.identity.identifier}; try again when the cluster is available.`,
          400,
        );
      }
      for (const change of changes) {
        const def = ENGINE_DEFAULT_PARAMETERS.find((d) => d.name === change.name);
        if (def === undefined) throw invalidParameter(`Could not find parameter with name: ${change.name}`);
        if (def.name === WLM_PARAMETER) {
          if (change.value.length > WLM_LIMITS.maxSerializedLength) {
            throw invalidParameter(
              `The value of wlm_json_configuration is ${change.value.length} characters long; the maximum is ${WLM_LIMITS.maxSerializedLength}.`,
            );
          }
          const parsed = parseWlmConfiguration(change.value);
          const problems = parsed.ok
            ? validateWlmConfiguration(parsed.config, change.value).filter((p) => p.severity === 'error')
            : parsed.problems;
          if (problems.length > 0) {
            throw invalidParameter(`Invalid wlm_json_configuration: ${formatWlmProblems(problems)}`);
          }
        } else {
          const problem = checkParameterValue(def, change.value);
          if (problem !== null)
            throw invalidParameter(`Invalid value for parameter ${def.name}: ${problem}.`);
        }
      }
      for (const change of changes) {
        const def = ENGINE_DEFAULT_PARAMETERS.find((d) => d.name === change.name);
        if (def === undefined) continue;
        if (change.value === def.defaultValue) group.userValues.delete(def.name);
        else group.userValues.set(def.name, change.value);
      }
      this.eventLog.push({
        sourceIdentifier: this.identity.identifier,
        sourceType: 'cluster',
        // REDSHIFT-EVENT-1000 wording from the MG event table.
        message: `The parameter group ${group.name} was updated at ${utcMinute(now)}. If you changed only dynamic parameters, associated clusters are being modified now. If you changed static parameters, all updates, including dynamic parameters, will be applied when you reboot the associated clusters.`,
        categories: ['configuration'],
        severity: 'INFO',
        date: now,
        eventId: 'REDSHIFT-EVENT-1000',
      });
      if (group.name !== this.parameterGroupName) return;

      // Dynamic parameters other than WLM take effect at once.
      for (const def of ENGINE_DEFAULT_PARAMETERS) {
        if (def.applyType === 'dynamic' && def.name !== WLM_PARAMETER) {
          this.applied.set(def.name, this.parameterValue(group, def).value);
        }
      }
      const wlmDef = ENGINE_DEFAULT_PARAMETERS.find((d) => d.name === WLM_PARAMETER);
      if (wlmDef === undefined) return;
      const wanted = this.parameterValue(group, wlmDef).value;
      if (wanted === this.activeWlm) return;
      const diff = diffWlmConfigurations(parseOrThrow(this.activeWlm), parseOrThrow(wanted));
      if (diff.verdict !== 'applies-at-once') return; // waits for RebootCluster (pending-reboot)
      this.applyingUntil = now.getTime() + this.timing.dynamicApplySeconds * 1000;
      await this.applyWlm(wanted);
    });
  }

  reboot(): Promise<void> {
    return this.serialized(async () => {
      const status = this.status();
      if (status.clusterStatus !== 'available') {
        throw new AwsError(
          'InvalidClusterState',
          `The cluster ${this.identity.identifier} is not in the available state (it is ${status.clusterStatus}).`,
          400,
        );
      }
      const now = this.now().getTime();
      const group = this.getGroup(this.parameterGroupName);
      for (const def of ENGINE_DEFAULT_PARAMETERS) {
        if (def.name !== WLM_PARAMETER) this.applied.set(def.name, this.parameterValue(group, def).value);
      }
      this.rebootingUntil = now + this.timing.rebootSeconds * 1000;
      this.reboots.push([now, this.rebootingUntil]);
      if (this.callbacks.onReboot !== undefined) await this.callbacks.onReboot();
      const wlmDef = ENGINE_DEFAULT_PARAMETERS.find((d) => d.name === WLM_PARAMETER);
      const wanted = wlmDef === undefined ? this.activeWlm : this.parameterValue(group, wlmDef).value;
      if (wanted !== this.activeWlm || this.applyError !== null) await this.applyWlm(wanted);
      const done = new Date(this.rebootingUntil);
      this.eventLog.push({
        sourceIdentifier: this.identity.identifier,
        sourceType: 'cluster',
        // Logged when the reboot completes (API_RebootCluster). Event ID our choice [unverified].
        message: `Amazon Redshift cluster '${this.identity.identifier}' has been rebooted at ${utcMinute(done)}.`,
        categories: ['management'],
        severity: 'INFO',
        date: done,
        eventId: 'REDSHIFT-EVENT-2008',
      });
    });
  }

  private async applyWlm(json: string): Promise<void> {
    try {
      await this.callbacks.onWlmApplied(json);
      this.activeWlm = json;
      this.applied.set(WLM_PARAMETER, json);
      this.applyError = null;
    } catch (error) {
      // AWS accepted the value; applying it failed: ParameterApplyStatus apply-error until the next try.
      this.applyError = error instanceof Error ? error.message : String(error);
      this.applyingUntil = 0;
    }
  }
}
