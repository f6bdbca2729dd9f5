// Holds the ViewState for the frame: the time zone and the connection are remembered between
// launches; the range and connection follow `c` / `range` in the hash when a link carries them.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Connection } from '../../../shared/model/connection.ts';
import type { TimeZoneChoice } from '../time/formatTime.ts';
import { DEFAULT_RANGE, decodeRange, encodeRange, resolveRange, type TimeRange } from '../time/timeRange.ts';
import { hashForPage, paramsFromHash } from './route.ts';
import type { ViewState } from './ViewState.ts';

const ZONE_KEY = 'nightshift.timeZone';
const CONNECTION_KEY = 'nightshift.connection';

export function useViewStateStore(connections: readonly Connection[] | null): ViewState {
  const [zone, setZoneState] = useState<TimeZoneChoice>(() =>
    readStored(ZONE_KEY) === 'local' ? 'local' : 'utc',
  );
  const [chosen, setChosen] = useState<string | null>(() => readStored(CONNECTION_KEY));
  const [range, setRangeState] = useState<TimeRange>(
    () => decodeRange(paramsFromHash(window.location.hash).get('range')) ?? DEFAULT_RANGE,
  );
  const [now, setNow] = useState(() => Date.now());

  // A link that names a connection or a range wins over what was chosen before.
  useEffect(() => {
    const follow = () => {
      const params = paramsFromHash(window.location.hash);
      const linked = params.get('c');
      if (linked) setChosen(linked);
      const linkedRange = decodeRange(params.get('range'));
      if (linkedRange) {
        setRangeState(linkedRange);
        setNow(Date.now());
      }
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const connectionId = useMemo(() => {
    if (!connections || connections.length === 0) return chosen;
    return connections.some((c) => c.id === chosen) ? chosen : (connections[0]?.id ?? null);
  }, [connections, chosen]);

  const setConnectionId = useCallback((id: string) => {
    setChosen(id);
    writeStored(CONNECTION_KEY, id);
  }, []);
  const setZone = useCallback((next: TimeZoneChoice) => {
    setZoneState(next);
    writeStored(ZONE_KEY, next);
  }, []);
  const setRange = useCallback((next: TimeRange) => {
    setRangeState(next);
    setNow(Date.now());
  }, []);
  const refresh = useCallback(() => setNow(Date.now()), []);
  const resolved = useMemo(() => resolveRange(range, now), [range, now]);
  const linkTo = useCallback(
    (pageId: string, params?: Record<string, string | number | undefined>) =>
      hashForPage(pageId, { c: connectionId ?? undefined, range: encodeRange(range), ...params }),
    [connectionId, range],
  );

  return { connectionId, setConnectionId, range, setRange, resolved, refresh, zone, setZone, linkTo };
}

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Remembering is a convenience; the choice still holds for this page.
  }
}
