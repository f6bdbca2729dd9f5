// WLM queue samples and configuration history as the store keeps them.

export interface WlmSample {
  /** Sample time, ISO-8601 UTC. */
  at: string;
  serviceClass: number;
  queueName: string;
  running: number;
  queued: number;
  /** Configured slots (num_query_tasks); -1 under automatic WLM. */
  slots: number;
}

export interface WlmConfigChange {
  at: string;
  json: string;
}

export interface WlmSamplesArgs {
  connectionId: string;
  from: string;
  to: string;
  serviceClass?: number;
}

export interface WlmSamplesResult {
  samples: WlmSample[];
  configChanges: WlmConfigChange[];
  /** Periods when the collector could not sample: draw them as gaps, never as zeros. */
  gaps: TimeGap[];
}

export interface TimeGap {
  from: string;
  to: string;
  reason: string;
}
