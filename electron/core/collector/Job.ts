// The shape every collector job has. A job reads one subject from one connection, incrementally from
// its watermark, writes it to the store with idempotent upserts, and says how much it read. The
// scheduler (one per connection) owns timing, single-flight, backoff, state and gap recording; a job
// only does one run.
import type Database from 'better-sqlite3';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { BackfillProgress, Capability, JobName } from '../../../shared/model/collector.ts';
import type { Logger } from '../base/Logger.ts';
import type { RedshiftSession } from '../redshift/RedshiftSession.ts';

export interface JobContext {
  connectionId: string;
  /** Aborted when the app stops or the connection is removed: pass it to every await that can take long. */
  signal: AbortSignal;
  db: Database.Database;
  redshift: RedshiftSession;
  /** CloudWatch for cluster connections (and the demo's stand-in); null for direct connections. */
  cloudwatch: { client: CloudWatchClient; clusterIdentifier: string } | null;
  /** The Redshift management API for cluster connections (DescribeClusters, parameter groups); absent otherwise. */
  redshiftApi?: { client: RedshiftClient; clusterIdentifier: string } | null;
  capabilities: Capability[];
  log: Logger;
  now(): Date;
  /** Backfill progress during a run (a run reads many pages): shown at once, not at the run's end. */
  progress?(backfill: BackfillProgress): void;
}

export interface JobRunResult {
  rowsRead: number;
  /** Set while the first run(s) on a connection read what the cluster still holds. */
  backfill?: BackfillProgress;
  /** The job wants to run again soon (backfill not finished) rather than wait a full interval. */
  more?: boolean;
}

export interface JobDefinition {
  name: JobName;
  defaultIntervalMs: number;
  /**
   * Capabilities it can work with: the scheduler runs it on connections that have at least one of them
   * (e.g. ['provisioned', 'serverless'] for a job with STL and SYS variants) and skips it, saying so in
   * the status, on the others. Empty: runs everywhere.
   */
  requires: Capability[];
  /** Needs CloudWatch (skipped on connections without it). */
  needsCloudWatch?: boolean;
  /** Needs the Redshift management API (skipped on connections without it, e.g. direct ones). */
  needsRedshiftApi?: boolean;
  run(ctx: JobContext): Promise<JobRunResult>;
}
