import type { JobName } from '../../../shared/model/collector.ts';
import { useView } from '../app/ViewState.ts';
import { useCollectorStatus } from '../features/collector/useCollectorStatus.ts';
import { useNow } from '../hooks/useNow.ts';
import { whyEmpty } from './whyEmpty.ts';

/**
 * Why the current view (its connection and range) has nothing to show: the collector's state, the
 * retention, or the filters. `filtered`: the user narrowed the view.
 */
export function useWhyEmpty(options: { filtered?: boolean; job?: JobName } = {}): string {
  const { status, error } = useCollectorStatus();
  const { connectionId, resolved } = useView();
  const now = useNow(60_000);
  return whyEmpty({
    status,
    statusError: error,
    connectionId,
    from: resolved.from,
    to: resolved.to,
    now: Math.max(resolved.to, now.getTime()),
    filtered: options.filtered,
    job: options.job,
  });
}
