// The selected statement's full text, read once per selection (live.text reads the cluster, so it is not
// repeated on every 5-second poll). A later selection wins over an earlier answer still on its way.
import { useEffect, useState } from 'react';
import type { LiveText } from '../../../../shared/model/live.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';

export interface LiveTextState {
  text: LiveText | null;
  error: string | null;
  loading: boolean;
}

export function useLiveText(connectionId: string | null, query: number | null): LiveTextState {
  const { call } = useApi();
  const [held, setHeld] = useState<{ for: string; text: LiveText | null; error: string | null } | null>(null);
  const key = connectionId === null || query === null ? null : `${connectionId}:${query}`;

  useEffect(() => {
    if (connectionId === null || query === null || key === null) return;
    let stopped = false;
    call('live.text', { connectionId, query }).then(
      (text) => {
        if (!stopped) setHeld({ for: key, text, error: null });
      },
      (e: unknown) => {
        if (!stopped) setHeld({ for: key, text: null, error: errorMessage(e) });
      },
    );
    return () => {
      stopped = true;
    };
  }, [call, connectionId, query, key]);

  if (key === null) return { text: null, error: null, loading: false };
  if (held === null || held.for !== key) return { text: null, error: null, loading: true };
  return { text: held.text, error: held.error, loading: false };
}
