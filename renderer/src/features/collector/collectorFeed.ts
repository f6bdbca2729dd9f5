// The collector's status for the whole page: one `collector.status` call, then every pushed
// 'collector.status' event, and a fresh call when the event stream comes back after a gap (events sent
// meanwhile are lost). One feed per Api, shared by every component that asks (status bar, connections
// table), so the page makes one call and holds one subscription however many read it.
import type { CollectorStatus } from '../../../../shared/model/collector.ts';
import type { Api } from '../../api/Api.ts';
import { errorMessage } from '../../api/ApiCallError.ts';

export interface CollectorFeedState {
  /** null until the first answer (call or event). */
  status: CollectorStatus | null;
  /** Why the last load failed (e.g. the core has no collector); cleared by the next answer. */
  error: string | null;
}

export interface CollectorFeed {
  get(): CollectorFeedState;
  /** For useSyncExternalStore. The first subscriber starts the feed; it then runs for the Api's life. */
  subscribe(listener: () => void): () => void;
}

const feeds = new WeakMap<Api, CollectorFeed>();

export function collectorFeedFor(api: Api): CollectorFeed {
  let feed = feeds.get(api);
  if (!feed) {
    feed = createCollectorFeed(api);
    feeds.set(api, feed);
  }
  return feed;
}

function createCollectorFeed(api: Api): CollectorFeed {
  let state: CollectorFeedState = { status: null, error: null };
  let started = false;
  /** Bumped by every event: a call that started before an event must not overwrite it with older data. */
  let pushed = 0;
  const listeners = new Set<() => void>();

  const set = (next: CollectorFeedState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  const load = () => {
    const before = pushed;
    api.call('collector.status', {}).then(
      (status) => {
        if (pushed === before) set({ status, error: null });
      },
      (e: unknown) => {
        if (pushed === before) set({ status: state.status, error: errorMessage(e) });
      },
    );
  };

  const start = () => {
    started = true;
    api.events.on('collector.status', (status) => {
      pushed++;
      set({ status, error: null });
    });
    let stream = api.events.state();
    api.events.onStateChange(() => {
      const next = api.events.state();
      if (stream === 'reconnecting' && next === 'live') load();
      stream = next;
    });
    load();
  };

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      if (!started) start();
      return () => listeners.delete(listener);
    },
  };
}
