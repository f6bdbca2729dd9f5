// The Redshift side of the AWS stand-in through the real @aws-sdk/client-redshift: every operation
// parses, paging works with the SDK's paginators, errors arrive as the SDK's typed exceptions, and
// WLM changes take effect at once (dynamic) or at the reboot (static).
// Long because it covers every operation of the Redshift API stand-in against one shared server.
import {
  ClusterNotFoundFault,
  ClusterParameterGroupNotFoundFault,
  DescribeClusterParameterGroupsCommand,
  DescribeClusterParametersCommand,
  DescribeClustersCommand,
  DescribeEventsCommand,
  GetClusterCredentialsCommand,
  GetClusterCredentialsWithIAMCommand,
  InvalidClusterParameterGroupStateFault,
  InvalidClusterStateFault,
  ModifyClusterParameterGroupCommand,
  paginateDescribeClusterParameters,
  paginateDescribeEvents,
  RebootClusterCommand,
  type RedshiftClient,
} from '@aws-sdk/client-redshift';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_WLM_CONFIGURATION, DEMO_WLM_JSON } from '../../../electron/demo/defaultWlmConfiguration.ts';
import {
  CLUSTER_ID,
  failure,
  GROUP,
  redshiftClient,
  startStandIn,
  testClock,
  type StandInFixture,
} from './standInHarness.ts';

let fixture: StandInFixture | undefined;
let client: RedshiftClient | undefined;

async function setup(options: Parameters<typeof startStandIn>[0] = {}) {
  fixture = await startStandIn(options);
  client = redshiftClient(fixture.standIn);
  return { fixture, client, standIn: fixture.standIn };
}

afterEach(async () => {
  client?.destroy();
  if (fixture) {
    expect(fixture.errors).toEqual([]);
    await fixture.standIn.close();
  }
  fixture = undefined;
  client = undefined;
});

function wlmWith(change: (queues: Record<string, unknown>[]) => void): string {
  const queues = structuredClone(DEMO_WLM_CONFIGURATION) as Record<string, unknown>[];
  change(queues);
  return JSON.stringify(queues);
}

function modifyWlm(c: RedshiftClient, json: string, group: string = GROUP) {
  return c.send(
    new ModifyClusterParameterGroupCommand({
      ParameterGroupName: group,
      Parameters: [{ ParameterName: 'wlm_json_configuration', ParameterValue: json, ApplyType: 'dynamic' }],
    }),
  );
}

async function clusterState(c: RedshiftClient) {
  const out = await c.send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER_ID }));
  const cluster = out.Clusters?.[0];
  const group = cluster?.ClusterParameterGroups?.[0];
  return {
    status: cluster?.ClusterStatus,
    apply: group?.ParameterApplyStatus,
    wlm: group?.ClusterParameterStatusList?.find((p) => p.ParameterName === 'wlm_json_configuration')
      ?.ParameterApplyStatus,
  };
}

describe('Redshift stand-in: describing the cluster', () => {
  it('DescribeClusters returns the demo cluster with endpoint, nodes and parameter group', async () => {
    const { client: c } = await setup();
    const out = await c.send(new DescribeClustersCommand({}));
    expect(out.Clusters).toHaveLength(1);
    const cluster = out.Clusters?.[0];
    expect(cluster?.ClusterIdentifier).toBe(CLUSTER_ID);
    expect(cluster?.ClusterStatus).toBe('available');
    expect(cluster?.Endpoint).toEqual({ Address: '127.0.0.1', Port: 5439 });
    expect(cluster?.DBName).toBe('dev');
    expect(cluster?.NumberOfNodes).toBe(2);
    expect(cluster?.ClusterNodes?.map((n) => n.NodeRole)).toEqual(['LEADER', 'COMPUTE-0', 'COMPUTE-1']);
    expect(cluster?.ClusterCreateTime).toBeInstanceOf(Date);
    expect(cluster?.ClusterParameterGroups?.[0]?.ParameterGroupName).toBe(GROUP);
    expect(cluster?.ClusterParameterGroups?.[0]?.ParameterApplyStatus).toBe('in-sync');
    expect(cluster?.ClusterParameterGroups?.[0]?.ClusterParameterStatusList?.length).toBe(12);
    expect(cluster?.IamRoles).toEqual([]);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown cluster is ClusterNotFoundFault (404)', async () => {
    const { client: c } = await setup();
    const error = c.send(new DescribeClustersCommand({ ClusterIdentifier: 'nope' }));
    await expect(error).rejects.toBeInstanceOf(ClusterNotFoundFault);
    expect(await failure(c.send(new DescribeClustersCommand({ ClusterIdentifier: 'nope' })))).toMatchObject({
      name: 'ClusterNotFoundFault',
      status: 404,
      message: 'Cluster nope not found.',
    });
  });

  it('DescribeClusterParameterGroups lists the default and the custom group', async () => {
    const { client: c } = await setup();
    const out = await c.send(new DescribeClusterParameterGroupsCommand({}));
    expect(out.ParameterGroups?.map((g) => [g.ParameterGroupName, g.ParameterGroupFamily])).toEqual([
      ['default.redshift-1.0', 'redshift-1.0'],
      [GROUP, 'redshift-1.0'],
    ]);
    await expect(
      c.send(new DescribeClusterParameterGroupsCommand({ ParameterGroupName: 'missing' })),
    ).rejects.toBeInstanceOf(ClusterParameterGroupNotFoundFault);
  });

  it('DescribeClusterParameters filters by Source and pages with the SDK paginator', async () => {
    const { client: c } = await setup();
    const user = await c.send(
      new DescribeClusterParametersCommand({ ParameterGroupName: GROUP, Source: 'user' }),
    );
    expect(user.Parameters?.map((p) => [p.ParameterName, p.Source])).toEqual([
      ['wlm_json_configuration', 'user'],
    ]);
    expect(user.Parameters?.[0]?.ParameterValue).toBe(DEMO_WLM_JSON);

    const defaults = await c.send(
      new DescribeClusterParametersCommand({
        ParameterGroupName: 'default.redshift-1.0',
        Source: 'engine-default',
      }),
    );
    const byName = new Map(defaults.Parameters?.map((p) => [p.ParameterName, p]));
    expect(byName.get('wlm_json_configuration')?.ParameterValue).toBe('[{"auto_wlm":true}]');
    expect(byName.get('statement_timeout')).toMatchObject({
      ParameterValue: '0',
      AllowedValues: '0,100-2147483647',
    });
    expect(byName.get('datestyle')?.ParameterValue).toBe('ISO, MDY');

    // The redshift-1.0 family has 12 parameters: one page of MaxRecords 20, no Marker.
    const pages = [];
    for await (const page of paginateDescribeClusterParameters(
      { client: c, pageSize: 20 },
      { ParameterGroupName: GROUP },
    )) {
      pages.push(page.Parameters?.length);
      expect(page.Marker).toBeUndefined();
    }
    expect(pages).toEqual([12]);
    expect(
      await failure(
        c.send(new DescribeClusterParametersCommand({ ParameterGroupName: GROUP, MaxRecords: 10 })),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValue',
      status: 400,
      message: 'MaxRecords must be between 20 and 100 (got 10).',
    });
  });
});

describe('Redshift stand-in: changing WLM', () => {
  it('refuses concurrency 60 and memory 120% with the problems in the message', async () => {
    const { client: c, fixture: f } = await setup();
    const tooMany = await failure(
      modifyWlm(
        c,
        wlmWith((q) => (q[0]!.query_concurrency = 60)),
      ),
    );
    expect(tooMany).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
    expect(tooMany.message).toContain(
      '[0].query_concurrency: concurrency must be a whole number from 1 to 50 (got 60)',
    );
    expect(tooMany.message).toContain('the queues have 72 slots in total; the limit is 50');
    const tooMuch = await failure(
      modifyWlm(
        c,
        wlmWith((q) => (q[1]!.memory_percent_to_use = 120)),
      ),
    );
    expect(tooMuch.message).toContain('memory must be a whole percentage from 1 to 100 (got 120)');
    expect(tooMuch.message).toContain('memory_percent_to_use adds up to 190%');
    const broken = await failure(modifyWlm(c, '[{"query_concurrency": 5'));
    expect(broken.message).toMatch(/^Invalid wlm_json_configuration: not valid JSON/);
    expect(f.applied).toEqual([]);
    expect((await clusterState(c)).apply).toBe('in-sync');
  });

  it('refuses the default parameter group, unknown groups and parameters, and more than 20 parameters', async () => {
    const { client: c } = await setup();
    expect(await failure(modifyWlm(c, DEMO_WLM_JSON, 'default.redshift-1.0'))).toMatchObject({
      name: 'InvalidParameterValue',
      status: 400,
      message: expect.stringContaining('Cannot modify the default parameter group default.redshift-1.0'),
    });
    await expect(modifyWlm(c, DEMO_WLM_JSON, 'other-group')).rejects.toBeInstanceOf(
      ClusterParameterGroupNotFoundFault,
    );
    expect(
      await failure(
        c.send(
          new ModifyClusterParameterGroupCommand({
            ParameterGroupName: GROUP,
            Parameters: [{ ParameterName: 'work_mem', ParameterValue: '64MB' }],
          }),
        ),
      ),
    ).toMatchObject({ message: 'Could not find parameter with name: work_mem' });
    const many = Array.from({ length: 21 }, () => ({
      ParameterName: 'statement_timeout',
      ParameterValue: '60000',
    }));
    expect(
      await failure(
        c.send(new ModifyClusterParameterGroupCommand({ ParameterGroupName: GROUP, Parameters: many })),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'A maximum of 20 parameters can be modified in a single request (got 21).',
    });
  });

  it('a static change waits as pending-reboot until RebootCluster, which applies it', async () => {
    const clock = testClock();
    const { client: c, fixture: f, standIn } = await setup({ now: clock.now });
    // User groups of a manual queue are static (REFERENCE 3.5).
    const json = wlmWith((q) => (q[1]!.user_group = ['analysts', 'bi_users']));
    const out = await modifyWlm(c, json);
    expect(out.ParameterGroupName).toBe(GROUP);
    expect(out.ParameterGroupStatus).toMatch(/^Your parameter group has been updated\./);
    expect(await clusterState(c)).toEqual({
      status: 'available',
      apply: 'pending-reboot',
      wlm: 'pending-reboot',
    });
    expect(f.applied).toEqual([]);
    expect(standIn.state.activeWlmJson).toBe(DEMO_WLM_JSON);
    expect(standIn.state.parameterGroupWlmJson).toBe(json);

    const rebooted = await c.send(new RebootClusterCommand({ ClusterIdentifier: CLUSTER_ID }));
    expect(rebooted.Cluster?.ClusterStatus).toBe('rebooting');
    expect(f.applied).toEqual([json]);
    expect(f.reboots).toBe(1);
    expect(await clusterState(c)).toEqual({ status: 'rebooting', apply: 'in-sync', wlm: 'in-sync' });
    expect(await failure(c.send(new RebootClusterCommand({ ClusterIdentifier: CLUSTER_ID })))).toMatchObject({
      name: 'InvalidClusterStateFault',
      status: 400,
    });
    clock.advance(11_000);
    expect(await clusterState(c)).toEqual({ status: 'available', apply: 'in-sync', wlm: 'in-sync' });
    expect(standIn.state.activeWlmJson).toBe(json);
  });

  it('a dynamic change is applied at once: modifying/applying briefly, then available/in-sync', async () => {
    const clock = testClock();
    const { client: c, fixture: f } = await setup({ now: clock.now });
    // Concurrency and memory of manual queues are dynamic (REFERENCE 3.5).
    const json = wlmWith((q) => {
      q[0]!.query_concurrency = 4;
      q[2]!.query_concurrency = 3;
    });
    await modifyWlm(c, json);
    expect(f.applied).toEqual([json]);
    expect(await clusterState(c)).toEqual({ status: 'modifying', apply: 'applying', wlm: 'applying' });
    // Another change while the first one is applying is refused; so is a reboot.
    await expect(modifyWlm(c, DEMO_WLM_JSON)).rejects.toBeInstanceOf(InvalidClusterParameterGroupStateFault);
    await expect(c.send(new RebootClusterCommand({ ClusterIdentifier: CLUSTER_ID }))).rejects.toBeInstanceOf(
      InvalidClusterStateFault,
    );
    clock.advance(6_000);
    expect(await clusterState(c)).toEqual({ status: 'available', apply: 'in-sync', wlm: 'in-sync' });
    expect(f.reboots).toBe(0);
  });

  it('a change that mixes dynamic and static properties waits for the reboot as a whole', async () => {
    const { client: c, fixture: f } = await setup();
    const json = wlmWith((q) => {
      q[0]!.query_concurrency = 4; // dynamic
      q[0]!.query_group = ['nightly_*', 'backfill_*']; // static under manual WLM
    });
    await modifyWlm(c, json);
    expect(f.applied).toEqual([]);
    expect((await clusterState(c)).apply).toBe('pending-reboot');
  });

  it('a failing onWlmApplied shows as apply-error with the reason', async () => {
    const { client: c } = await setup({
      onWlmApplied: async () => {
        throw new Error('proxy is down');
      },
    });
    await modifyWlm(
      c,
      wlmWith((q) => (q[0]!.query_concurrency = 4)),
    );
    const out = await c.send(new DescribeClustersCommand({}));
    const group = out.Clusters?.[0]?.ClusterParameterGroups?.[0];
    expect(group?.ParameterApplyStatus).toBe('apply-error');
    expect(
      group?.ClusterParameterStatusList?.find((p) => p.ParameterName === 'wlm_json_configuration'),
    ).toMatchObject({
      ParameterApplyStatus: 'apply-error',
      ParameterApplyErrorDescription: 'proxy is down',
    });
  });
});

describe('Redshift stand-in: events', () => {
  it('records parameter group updates and reboots, pages them by Marker with MaxRecords 20', async () => {
    const clock = testClock();
    const { client: c } = await setup({ now: clock.now });
    for (let i = 0; i < 24; i++) {
      clock.advance(1000);
      await c.send(
        new ModifyClusterParameterGroupCommand({
          ParameterGroupName: GROUP,
          Parameters: [{ ParameterName: 'statement_timeout', ParameterValue: String(60_000 + i) }],
        }),
      );
    }
    await c.send(new RebootClusterCommand({ ClusterIdentifier: CLUSTER_ID }));
    clock.advance(60_000); // the reboot event is logged when the reboot completes

    const sizes: number[] = [];
    const events = [];
    for await (const page of paginateDescribeEvents({ client: c, pageSize: 20 }, {})) {
      sizes.push(page.Events?.length ?? 0);
      events.push(...(page.Events ?? []));
    }
    expect(sizes).toEqual([20, 5]);
    expect(events[0]).toMatchObject({
      SourceIdentifier: CLUSTER_ID,
      SourceType: 'cluster',
      EventCategories: ['configuration'],
      Severity: 'INFO',
      EventId: 'REDSHIFT-EVENT-1000',
    });
    expect(events[0]?.Message).toMatch(
      /^The parameter group nightshift-demo-params was updated at \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    );
    expect(events[24]).toMatchObject({ EventId: 'REDSHIFT-EVENT-2008', EventCategories: ['management'] });
    expect(events[24]?.Message).toMatch(/has been rebooted/);
    const dates = events.map((e) => e.Date?.getTime() ?? 0);
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);

    const first = await c.send(new DescribeEventsCommand({ MaxRecords: 20 }));
    expect(first.Marker).toBeDefined();
    expect(
      await failure(
        c.send(new DescribeEventsCommand({ MaxRecords: 20, Duration: 30, Marker: first.Marker })),
      ),
    ).toMatchObject({ name: 'InvalidParameterValue', message: 'The marker is not valid for this request.' });
  });

  it('defaults to the last hour, filters by source and keeps 14 days', async () => {
    const clock = testClock();
    const { client: c } = await setup({ now: clock.now });
    await modifyWlm(
      c,
      wlmWith((q) => (q[1]!.user_group = ['analysts', 'bi_users'])),
    );
    expect((await c.send(new DescribeEventsCommand({}))).Events).toHaveLength(1);
    expect(
      (await c.send(new DescribeEventsCommand({ SourceType: 'cluster', SourceIdentifier: 'other' }))).Events,
    ).toHaveLength(0);
    expect(await failure(c.send(new DescribeEventsCommand({ SourceType: 'cluster' })))).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'SourceIdentifier and SourceType must be given together.',
    });
    clock.advance(2 * 3600_000);
    expect((await c.send(new DescribeEventsCommand({}))).Events).toHaveLength(0);
    expect((await c.send(new DescribeEventsCommand({ Duration: 180 }))).Events).toHaveLength(1);
    clock.advance(15 * 24 * 3600_000);
    const longAgo = new Date(clock.now().getTime() - 20 * 24 * 3600_000);
    expect((await c.send(new DescribeEventsCommand({ StartTime: longAgo }))).Events).toHaveLength(0);
  });
});

describe('Redshift stand-in: credentials requests', () => {
  it('prefixes DbUser with IAM: or IAMA: and checks the request', async () => {
    const issued: unknown[] = [];
    const clock = testClock(new Date('2025-03-01T10:00:00Z'));
    const { client: c } = await setup({
      now: clock.now,
      issueTemporaryPassword: async (dbUser, autoCreate, dbGroups, expiresAt) => {
        issued.push({ dbUser, autoCreate, dbGroups, expiresAt: expiresAt.toISOString() });
        return 'pw-123';
      },
    });
    const plain = await c.send(
      new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER_ID, DbUser: 'bi_user' }),
    );
    expect(plain).toMatchObject({ DbUser: 'IAM:bi_user', DbPassword: 'pw-123' });
    expect(plain.Expiration?.toISOString()).toBe('2025-03-01T10:15:00.000Z');
    const auto = await c.send(
      new GetClusterCredentialsCommand({
        ClusterIdentifier: CLUSTER_ID,
        DbUser: 'newcomer',
        AutoCreate: true,
        DbGroups: ['analysts', 'loaders'],
        DurationSeconds: 3600,
      }),
    );
    expect(auto.DbUser).toBe('IAMA:newcomer');
    const iam = await c.send(new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER_ID }));
    expect(iam.DbUser).toBe('IAM:nightshift_admin');
    expect(iam.NextRefreshTime).toBeInstanceOf(Date);
    expect(issued).toEqual([
      { dbUser: 'IAM:bi_user', autoCreate: false, dbGroups: [], expiresAt: '2025-03-01T10:15:00.000Z' },
      {
        dbUser: 'IAMA:newcomer',
        autoCreate: true,
        dbGroups: ['analysts', 'loaders'],
        expiresAt: '2025-03-01T11:00:00.000Z',
      },
      {
        dbUser: 'IAM:nightshift_admin',
        autoCreate: true,
        dbGroups: [],
        expiresAt: '2025-03-01T10:15:00.000Z',
      },
    ]);

    for (const [input, message] of [
      [{ DbUser: 'PUBLIC' }, /DbUser "PUBLIC" is not valid/],
      [{ DbUser: 'x:y' }, /DbUser "x:y" is not valid/],
      [
        { DbUser: 'bi_user', DurationSeconds: 600 },
        /DurationSeconds must be between 900 and 3600 \(got 600\)/,
      ],
    ] as const) {
      expect(
        await failure(c.send(new GetClusterCredentialsCommand({ ClusterIdentifier: CLUSTER_ID, ...input }))),
      ).toMatchObject({
        name: 'InvalidParameterValue',
        status: 400,
        message: expect.stringMatching(message),
      });
    }
    await expect(
      c.send(new GetClusterCredentialsCommand({ ClusterIdentifier: 'nope', DbUser: 'bi_user' })),
    ).rejects.toBeInstanceOf(ClusterNotFoundFault);
  });
});

describe('Redshift stand-in: authentication and faults', () => {
  it('rejects unknown access keys with InvalidClientTokenId and unsigned requests', async () => {
    const { standIn } = await setup();
    const stranger = redshiftClient(standIn, { accessKeyId: 'AKIDSTRANGER' });
    expect(await failure(stranger.send(new DescribeClustersCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    stranger.destroy();
    const raw = await fetch(standIn.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeClusters&Version=2012-12-01',
    });
    expect(raw.status).toBe(403);
    expect(await raw.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('throttling reaches the caller as Throttling (400) when it does not retry', async () => {
    const { standIn } = await setup();
    standIn.faults.set({ throttle: 5 });
    const once = redshiftClient(standIn, { maxAttempts: 1 });
    expect(await failure(once.send(new DescribeClustersCommand({})))).toMatchObject({
      name: 'Throttling',
      status: 400,
      message: 'Rate exceeded',
      attempts: 1,
    });
    once.destroy();
  });

  it('the SDK retries throttled requests and succeeds once the throttle passes', async () => {
    const { client: c, standIn } = await setup();
    standIn.faults.set({ throttle: 2 });
    const out = await c.send(new DescribeClustersCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(standIn.state.requests.map((r) => r.code ?? r.status)).toEqual(['Throttling', 'Throttling', 200]);
  });

  it('5xx answers are InternalFailure (500) or ServiceUnavailable (503)', async () => {
    const { standIn } = await setup();
    const once = redshiftClient(standIn, { maxAttempts: 1 });
    standIn.faults.set({ serverError: 1 });
    expect(await failure(once.send(new DescribeClustersCommand({})))).toMatchObject({
      name: 'InternalFailure',
      status: 500,
    });
    standIn.faults.set({ serverError: 1, serverErrorCode: 'ServiceUnavailable' });
    expect(await failure(once.send(new DescribeClustersCommand({})))).toMatchObject({
      name: 'ServiceUnavailable',
      status: 503,
    });
    expect((await once.send(new DescribeClustersCommand({}))).Clusters).toHaveLength(1);
    once.destroy();
  });

  it('the control API sets and resets the knobs from outside the process', async () => {
    const { standIn } = await setup();
    const set = await fetch(`${standIn.endpoint}/__standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle: 1, latencyMs: 0, scope: 'redshift' }),
    });
    expect(await set.json()).toMatchObject({ throttle: 1, scope: 'redshift' });
    const once = redshiftClient(standIn, { maxAttempts: 1 });
    expect((await failure(once.send(new DescribeClustersCommand({})))).name).toBe('Throttling');
    const bad = await fetch(`${standIn.endpoint}/__standin/faults`, {
      method: 'POST',
      body: '{"explode":true}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'unknown fault knob "explode"' });
    await fetch(`${standIn.endpoint}/__standin/faults`, { method: 'DELETE' });
    expect((await (await fetch(`${standIn.endpoint}/__standin/faults`)).json()).throttle).toBe(0);
    const state = await (await fetch(`${standIn.endpoint}/__standin/state`)).json();
    expect(state).toMatchObject({ clusterStatus: 'available', parameterApplyStatus: 'in-sync' });
    once.destroy();
  });
});
