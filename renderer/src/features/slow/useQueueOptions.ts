// The queues a filter can pick: the WLM configuration in force (wlm.pressure's currentConfig, asked for
// the last hour at one point per queue so it is cheap), or the queues seen in that hour.
import { useMemo } from 'react';
import { useCall } from '../../hooks/useCall.ts';

export interface QueueOption {
  serviceClass: number;
  name: string;
}

export function useQueueOptions(connectionId: string | null, to: number): QueueOption[] {
  const args = useMemo(
    () =>
      connectionId === null
        ? null
        : {
            connectionId,
            from: new Date(to - 3_600_000).toISOString(),
            to: new Date(to).toISOString(),
            maxPoints: 1,
          },
    [connectionId, to],
  );
  const { data } = useCall('wlm.pressure', args);
  return useMemo(() => {
    if (!data) return [];
    const rows =
      data.currentConfig ?? data.queues.map((q) => ({ serviceClass: q.serviceClass, name: q.queueName }));
    const seen = new Set<number>();
    return rows
      .filter((r) => !seen.has(r.serviceClass) && seen.add(r.serviceClass))
      .map((r) => ({ serviceClass: r.serviceClass, name: r.name }))
      .sort((a, b) => a.serviceClass - b.serviceClass);
  }, [data]);
}
