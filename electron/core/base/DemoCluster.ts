/**
 * The built-in demo cluster as the core sees it: an address to connect to, exactly as to a real
 * cluster. The embedded double (electron/demo/) provides it; the core never imports the double.
 */
export interface DemoCluster {
  /** Known before the double starts, so AWS clients can be built at once. */
  readonly clusterIdentifier: string;
  readonly region: string;
  address(): Promise<{ host: string; port: number; database: string; user: string; password: string }>;
  /** The demo's AWS stand-in (Redshift API and CloudWatch), with the static keys it accepts. */
  aws(): Promise<{
    endpoint: string;
    region: string;
    clusterIdentifier: string;
    accessKeyId: string;
    secretAccessKey: string;
  }>;
}
