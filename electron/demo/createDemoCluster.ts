// The built-in demo cluster: the embedded double, started on first use (it takes a minute to generate
// its history) and shared by every caller. It satisfies the core's DemoCluster shape
// (electron/core/redshift/DemoCluster.ts) structurally, so the double never imports the core.
import { DEMO_CLUSTER } from './defaultWlmConfiguration.ts';
import { startDouble, type PgLogin, type RedshiftDouble } from './startDouble.ts';

export interface DemoClusterHandle {
  readonly clusterIdentifier: string;
  readonly region: string;
  address(): Promise<PgLogin>;
  aws(): Promise<RedshiftDouble['aws']>;
  /** Starts the double now instead of on first use. */
  warmUp(): Promise<void>;
  stop(): Promise<void>;
}

export function createDemoCluster(log: (line: string) => void): DemoClusterHandle {
  let starting: Promise<RedshiftDouble> | undefined;
  const double = () =>
    (starting ??= startDouble({
      engine: 'embedded',
      live: true,
      log: (line) => log(`demo cluster: ${line}`),
    }));
  return {
    clusterIdentifier: DEMO_CLUSTER.clusterIdentifier,
    region: DEMO_CLUSTER.region,
    async address() {
      const { pg } = await double();
      return pg;
    },
    async aws() {
      return (await double()).aws;
    },
    async warmUp() {
      await double();
    },
    async stop() {
      if (starting) await (await starting.catch(() => null))?.stop();
    },
  };
}
