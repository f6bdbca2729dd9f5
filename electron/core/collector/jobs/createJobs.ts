// Every job this part of the collector runs (the metrics job is added by whoever wires CloudWatch in).
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobDefinition } from '../Job.ts';
import { createAlertsJob } from './alertsJob.ts';
import { createClusterJob } from './clusterJob.ts';
import { createLiveActivityJob } from './liveActivityJob.ts';
import { createLoadsJob } from './loadsJob.ts';
import { createTableAccessJob } from './tableAccessJob.ts';
import { createQueryHistoryJob } from './queryHistoryJob.ts';
import { createQueryMetricsJob } from './queryMetricsJob.ts';
import { createWlmConfigJob } from './wlmConfigJob.ts';
import { createWlmStateJob } from './wlmStateJob.ts';

export function createJobs(settings: CollectorSettings): JobDefinition[] {
  return [
    createLiveActivityJob(settings),
    createQueryHistoryJob(settings),
    createQueryMetricsJob(settings),
    createWlmStateJob(settings),
    createWlmConfigJob(settings),
    createLoadsJob(settings),
    createTableAccessJob(settings),
    createAlertsJob(settings),
    createClusterJob(settings),
  ];
}
