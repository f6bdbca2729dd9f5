// The composed double, as a user of `npm run double` sees it: one ready line, a monitoring login that
// works through the Redshift proxy, and an AWS stand-in that points at it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DescribeClustersCommand,
  GetClusterCredentialsCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DEMO_AWS_CREDENTIALS } from '../../../electron/demo/aws/createDemoAwsStandIn.ts';
import { ROOT } from '../../support/serveProcess.ts';

interface ReadyLine {
  pg: { host: string; port: number; database: string; user: string; password: string };
  superuser: { user: string; password: string };
  aws: { endpoint: string; region: string; clusterIdentifier: string };
}

async function withClient<T>(login: pg.ClientConfig, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(login);
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe('npm run double', () => {
  it('prints one ready line, serves Redshift SQL and the AWS API, and stops on SIGTERM', async () => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['electron/demo/cli.ts', '--engine', 'postgres', '--nights', '3', '--seed', '7', '--live'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const lines: string[] = [];
    const firstLine = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (l) => {
        lines.push(l);
        resolve(l);
      });
      void exited.then(() => reject(new Error(`double exited early:\n${stderr}`)));
    });
    try {
      const ready = JSON.parse(await firstLine) as ReadyLine;
      expect(ready.pg).toMatchObject({ host: '127.0.0.1', database: 'dev', user: 'nightshift_monitor' });
      expect(ready.aws).toMatchObject({ region: 'eu-west-1', clusterIdentifier: 'nightshift-demo' });

      // The monitoring user is a regular user who sees every user's history (SYSLOG ACCESS UNRESTRICTED),
      // using Redshift statements PostgreSQL alone would reject.
      const seen = await withClient(ready.pg, async (c) => {
        await c.query("SET query_group TO 'nightshift'");
        const su = await c.query<{ usesuper: boolean }>(
          'SELECT usesuper FROM pg_user WHERE usename = current_user',
        );
        const users = await c.query<{ n: string }>(
          'SELECT count(DISTINCT userid) AS n FROM stl_query WHERE userid > 1',
        );
        return { superuser: su.rows[0]?.usesuper, users: Number(users.rows[0]?.n) };
      });
      expect(seen.superuser).toBe(false);
      expect(seen.users).toBeGreaterThan(2);

      // The stand-in describes the cluster at the proxy's address and issues a password that works there.
      const api = new RedshiftClient({
        region: ready.aws.region,
        endpoint: ready.aws.endpoint,
        credentials: DEMO_AWS_CREDENTIALS,
      });
      const described = await api.send(
        new DescribeClustersCommand({ ClusterIdentifier: ready.aws.clusterIdentifier }),
      );
      expect(described.Clusters?.[0]?.Endpoint).toEqual({ Address: ready.pg.host, Port: ready.pg.port });
      const creds = await api.send(
        new GetClusterCredentialsCommand({
          ClusterIdentifier: ready.aws.clusterIdentifier,
          DbUser: 'analyst_anna',
          DbName: 'dev',
        }),
      );
      api.destroy();
      expect(creds.DbUser).toBe('IAM:analyst_anna');
      const who = await withClient(
        {
          host: ready.pg.host,
          port: ready.pg.port,
          database: 'dev',
          user: creds.DbUser!,
          password: creds.DbPassword!,
        },
        async (c) => (await c.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u,
      );
      expect(who).toBe('IAM:analyst_anna');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(lines).toHaveLength(1);
  }, 180_000);
});
