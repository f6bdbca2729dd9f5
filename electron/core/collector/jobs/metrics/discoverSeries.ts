// Which series to collect on a cluster: the cluster-wide ones, plus the per-queue and per-latency ones
// ListMetrics reports under this ClusterIdentifier with exactly the wanted dimension set (REFERENCE 5.1).
// Queue names change when WLM is edited, so the list is refreshed every few minutes.
import { ListMetricsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { dimensionsKey } from '../../../store/metrics/dimensionsKey.ts';
import {
  CLUSTER_DIMENSION,
  NAMESPACE,
  clusterWideSeries,
  matchWanted,
  type WantedSeries,
} from './wantedMetrics.ts';
import { withRetries } from './withRetries.ts';

const MAX_PAGES = 50;

export async function discoverSeries(
  client: CloudWatchClient,
  clusterIdentifier: string,
  options: { signal: AbortSignal; retryDelaysMs: readonly number[] },
): Promise<WantedSeries[]> {
  const found = new Map<string, WantedSeries>();
  for (const s of clusterWideSeries(clusterIdentifier))
    found.set(`${s.metric} ${dimensionsKey(s.dimensions)}`, s);
  let token: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await withRetries(
      'CloudWatch ListMetrics',
      () =>
        client.send(
          new ListMetricsCommand({
            Namespace: NAMESPACE,
            Dimensions: [{ Name: CLUSTER_DIMENSION, Value: clusterIdentifier }],
            ...(token !== undefined ? { NextToken: token } : {}),
          }),
          { abortSignal: options.signal },
        ),
      { delaysMs: options.retryDelaysMs, signal: options.signal },
    );
    for (const m of page.Metrics ?? []) {
      if (m.Namespace !== undefined && m.Namespace !== NAMESPACE) continue;
      const dims = m.Dimensions ?? [];
      const dimensions: Record<string, string> = {};
      for (const d of dims) if (d.Name !== undefined && d.Value !== undefined) dimensions[d.Name] = d.Value;
      if (dimensions[CLUSTER_DIMENSION] !== clusterIdentifier || m.MetricName === undefined) continue;
      const wanted = matchWanted(m.MetricName, Object.keys(dimensions));
      if (wanted === undefined) continue;
      found.set(`${m.MetricName} ${dimensionsKey(dimensions)}`, {
        metric: m.MetricName,
        dimensions,
        period: wanted.period,
      });
    }
    const next = page.NextToken || undefined;
    if (next === undefined || next === token) break;
    token = next;
  }
  return [...found.values()];
}
