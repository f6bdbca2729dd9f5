// The WLM editor through the core's dispatch against the AWS stand-in (real @aws-sdk clients): load,
// preview, apply only when valid and unchanged since loaded, the apply status, the default group
// refusal, exactly-once applies and one audit record per attempt.
import { ModifyClusterParameterGroupCommand } from '@aws-sdk/client-redshift';
import { afterEach, describe, expect, it } from 'vitest';
import { wlmVersion } from '../../../../electron/core/governance/wlm/wlmVersion.ts';
import { ENGINE_DEFAULT_WLM_JSON } from '../../../../electron/demo/aws/engineDefaultParameters.ts';
import { DEMO_WLM_CONFIGURATION, DEMO_WLM_JSON } from '../../../../electron/demo/defaultWlmConfiguration.ts';
import type {
  WlmApplyResult,
  WlmApplyStatus,
  WlmEditorState,
  WlmPreview,
} from '../../../../shared/model/governance.ts';
import { GROUP, redshiftClient } from '../../../demo/aws/standInHarness.ts';
import { startWlmBed, type WlmBed } from './wlmEditorBed.ts';

type Element = Record<string, unknown>;

/** A deep copy of the demo configuration with `edit` applied to its elements. */
function demoWith(edit: (elements: Element[]) => void): string {
  const elements = structuredClone(DEMO_WLM_CONFIGURATION) as Element[];
  edit(elements);
  return JSON.stringify(elements);
}

function queue(elements: Element[], i: number): Element {
  const q = elements[i];
  if (q === undefined) throw new Error(`no element ${i}`);
  return q;
}

let bed: WlmBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

let keySeq = 0;
const key = () => `wlm-apply-test-${process.pid}-${++keySeq}`;

/** wlm.apply on the bed's connection with a fresh idempotency key. */
function applyWlm(json: string, baseVersion: string, reason: string): Promise<WlmApplyResult> {
  if (!bed) throw new Error('no WLM bed started');
  return bed.call<WlmApplyResult>('wlm.apply', {
    connectionId: bed.connectionId,
    json,
    baseVersion,
    reason,
    idempotencyKey: key(),
  });
}

describe('wlm.load', () => {
  it('reads the parameter group, its configuration, a version and the apply status', async () => {
    bed = await startWlmBed();
    const state = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    expect(state.parameterGroup).toBe(GROUP);
    expect(state.editable).toBe(true);
    expect(state.notEditableReason).toBeNull();
    expect(state.json).toBe(DEMO_WLM_JSON);
    expect(state.version).toBe(wlmVersion(DEMO_WLM_JSON));
    expect(state.config?.queues.map((q) => q.name)).toEqual([
      'etl_nightly',
      'bi_dashboards',
      'Default queue',
    ]);
    expect(state.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(state.applyStatus.state).toBe('in-sync');
    expect(state.applyStatus.clusterStatus).toBe('available');
  });

  it('loads automatic WLM too', async () => {
    const auto = JSON.stringify([
      { name: 'etl', queue_type: 'auto', auto_wlm: true, user_group: ['etl_users'], priority: 'high' },
      { name: 'Default queue', queue_type: 'auto', auto_wlm: true },
    ]);
    bed = await startWlmBed({ initialWlmJson: auto });
    const state = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    expect(state.json).toBe(auto);
    expect(state.config?.queues[0]?.priority).toBe('high');
    expect(state.editable).toBe(true);
  });
});

describe('wlm.apply', () => {
  it('refuses an invalid change before sending anything, naming both problems', async () => {
    bed = await startWlmBed();
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    const json = demoWith((e) => {
      queue(e, 0).query_concurrency = 60;
      queue(e, 0).memory_percent_to_use = 70; // 70 + 30 + 20 = 120 %
    });

    const preview = await bed.call<WlmPreview>('wlm.preview', {
      connectionId: bed.connectionId,
      json,
      baseVersion: version,
    });
    const errors = preview.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors.join(' | ')).toMatch(/got 60/);
    expect(errors.join(' | ')).toMatch(/120%/);

    const result = await applyWlm(json, version, 'more slots for the nightly load');
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(/Nothing was sent/);
    expect(result.message).toMatch(/from 1 to 50 \(got 60\)/);
    expect(result.message).toMatch(/adds up to 120%; the limit is 100%/);
    expect(bed.modifyCalls()).toBe(0);
    expect(bed.fixture.standIn.state.parameterGroupWlmJson).toBe(DEMO_WLM_JSON);

    const audit = await bed.audit('wlm.apply');
    expect(audit.total).toBe(1);
    expect(audit.rows[0]?.outcome).toBe('refused');
    expect(audit.rows[0]?.reason).toBe('more slots for the nightly load');
  });

  it('applies a dynamic change (concurrency 3 → 4) without a reboot', async () => {
    bed = await startWlmBed();
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    const json = demoWith((e) => {
      queue(e, 0).query_concurrency = 4;
    });
    const preview = await bed.call<WlmPreview>('wlm.preview', {
      connectionId: bed.connectionId,
      json,
      baseVersion: version,
    });
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview.baseIsCurrent).toBe(true);
    expect(preview.applyKind).toBe('dynamic');
    expect(preview.changes.map((c) => c.description)).toEqual(['queue "etl_nightly": concurrency 3 → 4']);
    expect(preview.applyNote).toMatch(/without a reboot/);

    const result = await applyWlm(json, version, 'nightly load queues too long');
    expect(result.outcome).toBe('done');
    expect(result.message).toMatch(/^Applied/);
    expect(bed.modifyCalls()).toBe(1);
    expect(bed.fixture.standIn.state.parameterGroupWlmJson).toBe(json);
    expect(bed.fixture.standIn.state.activeWlmJson).toBe(json);
    // Right after the call the stand-in is still taking it on; then it is in sync.
    expect(['applying', 'in-sync']).toContain(result.applyStatus?.state);
    bed.clock.advance(60_000);
    const status = await bed.call<WlmApplyStatus>('wlm.status', { connectionId: bed.connectionId });
    expect(status.state).toBe('in-sync');
    expect(status.clusterStatus).toBe('available');
    expect(status.detail).toMatch(/^applied/);

    const audit = await bed.audit('wlm.apply');
    expect(audit.total).toBe(1);
    const record = audit.rows[0];
    expect(record?.outcome).toBe('ok');
    expect(record?.before).toBe(DEMO_WLM_JSON);
    expect(record?.after).toBe(json);
    expect(record?.actorAws).toBe('AKIDNIGHTSHIFTTEST');
  });

  it('shows pending reboot for a static change (user groups under manual WLM)', async () => {
    bed = await startWlmBed();
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    const json = demoWith((e) => {
      queue(e, 0).user_group = ['etl_users', 'loaders'];
    });
    const preview = await bed.call<WlmPreview>('wlm.preview', {
      connectionId: bed.connectionId,
      json,
      baseVersion: version,
    });
    expect(preview.applyKind).toBe('static');
    expect(preview.applyNote).toMatch(/reboot/);
    expect(preview.applyNote).toMatch(/user groups/);

    const result = await applyWlm(json, version, 'loaders join the ETL queue');
    expect(result.outcome).toBe('done');
    expect(result.message).toMatch(/pending reboot/);
    expect(result.applyStatus?.state).toBe('pending-reboot');
    expect(bed.fixture.standIn.state.parameterGroupWlmJson).toBe(json);
    expect(bed.fixture.standIn.state.activeWlmJson).toBe(DEMO_WLM_JSON);
    const status = await bed.call<WlmApplyStatus>('wlm.status', { connectionId: bed.connectionId });
    expect(status.state).toBe('pending-reboot');
    expect(status.detail).toMatch(/rebooted/);

    // A dynamic change on top now waits for the same reboot, and the editor says so.
    const reloaded = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    expect(reloaded.json).toBe(json);
    const next = demoWith((e) => {
      queue(e, 0).user_group = ['etl_users', 'loaders'];
      queue(e, 0).query_concurrency = 4;
    });
    const nextPreview = await bed.call<WlmPreview>('wlm.preview', {
      connectionId: bed.connectionId,
      json: next,
      baseVersion: reloaded.version,
    });
    expect(nextPreview.changes.map((c) => c.kind)).toEqual(['dynamic']);
    expect(nextPreview.applyKind).toBe('static');
    expect(nextPreview.applyNote).toMatch(/already waits for a reboot/);
    const nextResult = await applyWlm(next, reloaded.version, 'and one more slot');
    expect(nextResult.outcome).toBe('done');
    expect(nextResult.message).toMatch(/pending reboot: the change is dynamic, but/);
    expect(bed.fixture.standIn.state.activeWlmJson).toBe(DEMO_WLM_JSON);
  });

  it('previews an added queue under manual WLM as needing a reboot, dynamic edits included', async () => {
    bed = await startWlmBed();
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    const json = demoWith((e) => {
      queue(e, 1).memory_percent_to_use = 20;
      e.splice(2, 0, {
        name: 'adhoc',
        queue_type: 'manual',
        user_group: ['adhoc'],
        query_concurrency: 2,
        memory_percent_to_use: 10,
      });
    });
    const preview = await bed.call<WlmPreview>('wlm.preview', {
      connectionId: bed.connectionId,
      json,
      baseVersion: version,
    });
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview.applyKind).toBe('static');
    expect(preview.changes.find((c) => c.description.includes('"adhoc" is added'))?.kind).toBe('static');
    expect(preview.changes.find((c) => c.description.includes('memory %'))?.kind).toBe('dynamic');
    expect(preview.applyNote).toMatch(/waits for the same reboot/);
  });

  it('refuses a change on top of a configuration modified meanwhile, and shows the newer one', async () => {
    bed = await startWlmBed({ dynamicApplySeconds: 0 });
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    // A colleague changes the bi queue's concurrency from the console after we loaded.
    const theirs = demoWith((e) => {
      queue(e, 1).query_concurrency = 6;
    });
    const sdk = redshiftClient(bed.fixture.standIn);
    await sdk.send(
      new ModifyClusterParameterGroupCommand({
        ParameterGroupName: GROUP,
        Parameters: [
          { ParameterName: 'wlm_json_configuration', ParameterValue: theirs, ApplyType: 'dynamic' },
        ],
      }),
    );
    sdk.destroy();
    const mine = demoWith((e) => {
      queue(e, 0).query_concurrency = 4;
    });

    const preview = await bed.call<WlmPreview>('wlm.preview', {
      connectionId: bed.connectionId,
      json: mine,
      baseVersion: version,
    });
    expect(preview.baseIsCurrent).toBe(false);
    expect(preview.currentJson).toBe(theirs);
    expect(preview.currentVersion).toBe(wlmVersion(theirs));

    const result = await applyWlm(mine, version, 'more ETL slots');
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(/changed since you loaded it/);
    expect(result.currentJson).toBe(theirs);
    expect(bed.modifyCalls()).toBe(1); // theirs only
    expect(bed.fixture.standIn.state.parameterGroupWlmJson).toBe(theirs);
    const audit = await bed.audit('wlm.apply');
    expect(audit.total).toBe(1);
    expect(audit.rows[0]?.outcome).toBe('refused');
    expect(audit.rows[0]?.before).toBe(theirs);
  });

  it('applies exactly once for one idempotency key: double submit and retry', async () => {
    bed = await startWlmBed();
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    const json = demoWith((e) => {
      queue(e, 0).query_concurrency = 4;
    });
    const args = {
      connectionId: bed.connectionId,
      json,
      baseVersion: version,
      reason: 'nightly load queues too long',
      idempotencyKey: key(),
    };
    const [a, b] = await Promise.all([
      bed.call<WlmApplyResult>('wlm.apply', args),
      bed.call<WlmApplyResult>('wlm.apply', args),
    ]);
    const retry = await bed.call<WlmApplyResult>('wlm.apply', args);
    expect([a.outcome, b.outcome, retry.outcome]).toEqual(['done', 'done', 'done']);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(retry.replayed).toBe(true);
    expect(new Set([a.requestId, b.requestId, retry.requestId]).size).toBe(1);
    expect(bed.modifyCalls()).toBe(1);
    expect((await bed.audit('wlm.apply')).total).toBe(1);
  });

  it('reports an AWS failure in words and keeps the configuration', async () => {
    bed = await startWlmBed();
    const { version } = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    const json = demoWith((e) => {
      queue(e, 0).query_concurrency = 4;
    });
    bed.fixture.standIn.faults.set({ throttle: 100, scope: 'redshift' });
    const result = await applyWlm(json, version, 'nightly load queues too long');
    bed.fixture.standIn.faults.reset();
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/throttling/);
    expect(bed.fixture.standIn.state.parameterGroupWlmJson).toBe(DEMO_WLM_JSON);
    const audit = await bed.audit('wlm.apply');
    expect(audit.rows.map((r) => r.outcome)).toEqual(['failed']);
  });
});

describe('the default parameter group', () => {
  it('loads read-only and refuses an apply with the reason', async () => {
    bed = await startWlmBed({
      parameterGroupName: 'default.redshift-1.0',
      initialWlmJson: ENGINE_DEFAULT_WLM_JSON,
    });
    const state = await bed.call<WlmEditorState>('wlm.load', { connectionId: bed.connectionId });
    expect(state.parameterGroup).toBe('default.redshift-1.0');
    expect(state.json).toBe(ENGINE_DEFAULT_WLM_JSON);
    expect(state.editable).toBe(false);
    expect(state.notEditableReason).toBe(
      'Default parameter groups cannot be modified: create a custom parameter group, attach it to the cluster, then edit it here.',
    );
    const result = await bed.call<WlmApplyResult>('wlm.apply', {
      connectionId: bed.connectionId,
      json: JSON.stringify([{ auto_wlm: true, priority: 'high' }]),
      baseVersion: state.version,
      reason: 'try the default group',
      idempotencyKey: key(),
    });
    expect(result.outcome).toBe('refused');
    expect(result.message).toMatch(
      /Default parameter groups cannot be modified: create a custom parameter group/,
    );
    expect(bed.modifyCalls()).toBe(0);
    expect((await bed.audit('wlm.apply')).rows.map((r) => r.outcome)).toEqual(['refused']);
  });
});

describe('a direct connection', () => {
  it('has no parameter group to edit, and an apply is refused on the record', async () => {
    bed = await startWlmBed();
    const direct = await bed.call<{ id: string }>('connections.add', {
      name: 'direct',
      target: { kind: 'direct', host: '127.0.0.1', port: 1, database: 'dev', user: 'x', sslMode: 'disable' },
      password: 'not-used',
    });
    const load = await bed.raw('wlm.load', { connectionId: direct.id });
    expect(load.ok).toBe(false);
    if (!load.ok) {
      expect(load.error.code).toBe('unavailable');
      expect(load.error.message).toMatch(/direct database connection/);
    }
    const result = await bed.call<WlmApplyResult>('wlm.apply', {
      connectionId: direct.id,
      json: DEMO_WLM_JSON,
      baseVersion: 'x',
      reason: 'no API here',
      idempotencyKey: key(),
    });
    expect(result.outcome).toBe('refused');
    expect((await bed.audit('wlm.apply')).total).toBe(1);
  });
});
