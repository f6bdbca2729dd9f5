// Words for the connections table. Everything here becomes text nodes (React escapes it); nothing
// from a connection is ever used as markup, a URL or an attribute that the browser acts on.
import type {
  ConnectionKind,
  ConnectionTarget,
  ConnectionTestFailed,
  PasswordSource,
} from '../../../../shared/model/connection.ts';

const KIND_LABELS: Record<ConnectionKind, string> = {
  demo: 'Demo',
  direct: 'Direct',
  cluster: 'Cluster (IAM)',
};

export function kindLabel(kind: ConnectionKind): string {
  return KIND_LABELS[kind];
}

export interface TargetSummary {
  /** Where: host:port/database, or cluster (region). */
  primary: string;
  /** As whom and how. */
  secondary: string;
}

export function targetSummary(target: ConnectionTarget): TargetSummary {
  switch (target.kind) {
    case 'demo':
      return { primary: 'Built-in demo cluster', secondary: 'runs inside Nightshift' };
    case 'direct':
      return {
        primary: `${hostForDisplay(target.host)}:${target.port}/${target.database}`,
        secondary: `user ${target.user} · SSL ${target.sslMode}`,
      };
    case 'cluster': {
      const parts = [`db user ${target.dbUser}`, `database ${target.database}`];
      if (target.awsProfile !== undefined) parts.push(`profile ${target.awsProfile}`);
      if (target.awsEndpoint !== undefined) parts.push(`endpoint ${target.awsEndpoint}`);
      return { primary: `${target.clusterIdentifier} (${target.region})`, secondary: parts.join(' · ') };
    }
  }
}

/** IPv6 literals need brackets before `:port`. */
function hostForDisplay(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

const PASSWORD_SOURCE_LABELS: Record<PasswordSource, string> = {
  keychain: 'Keychain (encrypted)',
  session: 'This run only',
  environment: 'PGPASSWORD / pgpass',
  temporary: 'Temporary (IAM)',
  none: 'Not needed',
};

export function passwordSourceLabel(source: PasswordSource): string {
  return PASSWORD_SOURCE_LABELS[source];
}

const FAILURE_LABELS: Record<ConnectionTestFailed['reason'], string> = {
  auth: 'Sign-in refused',
  unreachable: 'Unreachable',
  timeout: 'Timed out',
  tls: 'TLS problem',
  not_found: 'Not found',
  aws: 'AWS error',
  other: 'Failed',
};

export function failureLabel(reason: ConnectionTestFailed['reason']): string {
  return FAILURE_LABELS[reason];
}

/**
 * `version()` is long: "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC ..., Redshift 1.0.12103"
 * on Redshift (REFERENCE 1.1, "Server identity"), "PostgreSQL 15.8 on x86_64-pc-linux-gnu, compiled by ..." on
 * PostgreSQL. Keep the product and release; the full string goes in a tooltip.
 */
export function shortServerVersion(version: string): string {
  const head = version.split(/ on |, compiled by /)[0]?.trim() || version.trim();
  const redshift = /\bRedshift \d+(\.\d+)*/.exec(version);
  return redshift ? `${redshift[0]} (${head})` : head;
}

export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
