// collector.status: what the collector is doing for each connection, from memory (never from Redshift).
import type { Collector } from '../collector/Collector.ts';
import type { ApiHandlers } from './dispatch.ts';

export function collectorHandlers(deps: { collector: Collector }): Pick<ApiHandlers, 'collector.status'> {
  return {
    'collector.status': async () => deps.collector.status(),
  };
}
