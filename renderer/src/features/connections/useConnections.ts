// The saved connections, kept current: loaded once, replaced by every `connections.changed` event,
// and reloaded when the event stream comes back after a gap (events sent meanwhile are lost).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Connection } from '../../../../shared/model/connection.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi, useEvent, useStreamState } from '../../api/ApiContext.tsx';

export interface ConnectionsState {
  /** null until the first load answers. */
  list: Connection[] | null;
  /** Why the last load failed; cleared by the next success. */
  error: string | null;
  reload(): Promise<void>;
}

export function useConnections(): ConnectionsState {
  const { call } = useApi();
  const [list, setList] = useState<Connection[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      call('connections.list', {}).then(
        (connections) => {
          setList(connections);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      ),
    [call],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  useEvent('connections.changed', ({ connections }) => {
    setList(connections);
    setError(null);
  });

  const stream = useStreamState();
  const previous = useRef(stream);
  useEffect(() => {
    if (previous.current === 'reconnecting' && stream === 'live') void reload();
    previous.current = stream;
  }, [stream, reload]);

  return { list, error, reload };
}
