// The built-in demo cluster as the core sees it (electron/core/redshift/DemoCluster.ts): the embedded
// double, started on first use (it takes a minute to generate its history) and shared by every caller.
import type { DemoCluster } from '../core/redshift/DemoCluster.ts';
import { startDouble, type RedshiftDouble } from './startDouble.ts';

export interface DemoClusterHandle extends DemoCluster {
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
