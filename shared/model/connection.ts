// Domain types for the clusters Nightshift watches. No secrets travel in these types: a password goes
// in once (NewConnection) and is never sent back.

export type SslMode = 'disable' | 'require' | 'verify-full';

/** The built-in demo cluster (the Redshift double on an embedded engine). */
export interface DemoTarget {
  kind: 'demo';
}

/** A cluster reached directly over the PostgreSQL wire protocol. */
export interface DirectTarget {
  kind: 'direct';
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: SslMode;
}

/**
 * A provisioned cluster found through the Redshift API: endpoint from DescribeClusters, a temporary
 * password from GetClusterCredentials (REFERENCE 4.2, 4.6).
 */
export interface ClusterTarget {
  kind: 'cluster';
  region: string;
  clusterIdentifier: string;
  database: string;
  dbUser: string;
  /** Named profile from ~/.aws; absent means the default credential chain. */
  awsProfile?: string;
  /** Custom API endpoint (VPC endpoint, or the local stand-in); absent means AWS's public one. */
  awsEndpoint?: string;
}

export type ConnectionTarget = DemoTarget | DirectTarget | ClusterTarget;
export type ConnectionKind = ConnectionTarget['kind'];

/**
 * Where a connection's password comes from:
 * - keychain: stored encrypted with the OS keychain (desktop app, Electron safeStorage);
 * - session: held in memory for this run only (headless mode never writes one to disk);
 * - environment: PGPASSWORD or a pgpass file, looked up when connecting;
 * - temporary: GetClusterCredentials issues one per connect (cluster kind);
 * - none: the demo cluster needs none.
 */
export type PasswordSource = 'keychain' | 'session' | 'environment' | 'temporary' | 'none';

/** Whether the password can be had right now, and from where, in words (connections.list says). */
export interface PasswordStatus {
  available: boolean;
  detail: string;
}

export interface Connection {
  id: string;
  name: string;
  target: ConnectionTarget;
  passwordSource: PasswordSource;
  /** Filled in by connections.list and the connections.changed event. */
  passwordStatus?: PasswordStatus;
  createdAt: string;
}

export interface NewConnection {
  name: string;
  target: ConnectionTarget;
  /** Direct connections only. Omit it to use PGPASSWORD or a pgpass file. */
  password?: string;
}

export interface ConnectionTestOk {
  ok: true;
  serverVersion: string;
  latencyMs: number;
  /** The host and port actually reached (for cluster connections, the endpoint DescribeClusters gave). */
  reached: string;
}

export interface ConnectionTestFailed {
  ok: false;
  /** A stable code for the kind of failure, and the words a user can act on. */
  reason: 'auth' | 'unreachable' | 'timeout' | 'tls' | 'not_found' | 'aws' | 'other';
  message: string;
}

export type ConnectionTestResult = ConnectionTestOk | ConnectionTestFailed;
