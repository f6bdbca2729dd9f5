/**
 * The built-in demo cluster as the core sees it: an address to connect to, exactly as to a real
 * cluster. The embedded double (electron/demo/) provides it; the core never imports the double.
 */
export interface DemoCluster {
  /** Known before the double starts, so AWS clients can be built at once. */
  readonly clusterIdentifier: string;
  readonly region: string;
  address(): Promise<{ host: string; port: number; database: string; user: string; password: string }>;
  /**
   * Where its start stands: a first start generates nights of history before it can be reached.
   * Absent for a demo that is there at once (test beds).
   */
  progress?(): DemoClusterProgress;
  /**
   * Resolves true once a history the demo wrote while already reachable (a first start, newest night
   * first) is complete: what a collector read before then must be read again from the start.
   */
  lateHistory?(): Promise<boolean>;
  /** A collector's first poll of the demo is done (a restarted demo then writes what it missed). */
  collectorPolled?(): void;
  /** The demo's AWS stand-in (Redshift API and CloudWatch), with the static keys it accepts. */
  aws(): Promise<{
    endpoint: string;
    region: string;
    clusterIdentifier: string;
    accessKeyId: string;
    secretAccessKey: string;
  }>;
}

export type DemoClusterProgress =
  | { phase: 'not-started' }
  | { phase: 'starting' }
  | { phase: 'generating'; nightsWritten: number; nights: number }
  | { phase: 'ready' }
  | { phase: 'failed'; error: string };

/**
 * Where the demo's start stands, in words; null once its history is all there (or before it starts).
 * It can be reached while it generates its history.
 */
export function demoProgressText(progress: DemoClusterProgress): string | null {
  switch (progress.phase) {
    case 'starting':
      return 'Starting the demo cluster';
    case 'generating':
      return `Generating the demo cluster's history: ${progress.nightsWritten} of ${progress.nights} nights`;
    case 'not-started':
    case 'ready':
    case 'failed':
      return null;
  }
}
