// The skeleton every system-table job shares: Redshift has an STL and a SYS variant of what it reads,
// so it runs on provisioned and serverless connections alike, at the interval the settings give its
// name. One place, so a new job cannot pick a different interval key or forget a capability.
import type { JobName } from '../../../../shared/model/collector.ts';
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobDefinition } from '../Job.ts';

export function systemTableJob(
  name: JobName,
  settings: CollectorSettings,
  run: JobDefinition['run'],
): JobDefinition {
  return {
    name,
    defaultIntervalMs: settings.intervalsMs[name],
    requires: ['provisioned', 'serverless'],
    run,
  };
}
