import { useSyncExternalStore } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { collectorFeedFor, type CollectorFeedState } from './collectorFeed.ts';

/** The collector's status, kept current by its events (see collectorFeed.ts). */
export function useCollectorStatus(): CollectorFeedState {
  const feed = collectorFeedFor(useApi());
  return useSyncExternalStore(feed.subscribe, feed.get);
}
