// The cluster's WLM as wlm.load reads it (parameter group, JSON, version, apply status), read again
// when the connection changes or on demand.
import { useCallback, useEffect, useState } from 'react';
import type { WlmEditorState } from '../../../../shared/model/governance.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';

export interface WlmEditorLoad {
  state: WlmEditorState | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useWlmEditorState(connectionId: string | null): WlmEditorLoad {
  const { call } = useApi();
  const [state, setState] = useState<WlmEditorState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [request, setRequest] = useState(0);
  const [answered, setAnswered] = useState<string | null>(null);
  const key = `${connectionId ?? ''}#${request}`;

  // Another connection: what was loaded for the previous one is not shown meanwhile.
  const [loadedFor, setLoadedFor] = useState(connectionId);
  if (connectionId !== loadedFor) {
    setLoadedFor(connectionId);
    setState(null);
    setError(null);
  }

  useEffect(() => {
    if (connectionId === null) return;
    let live = true;
    const asked = `${connectionId}#${request}`;
    call('wlm.load', { connectionId }).then(
      (next) => {
        if (!live) return;
        setState(next);
        setError(null);
        setAnswered(asked);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setAnswered(asked);
      },
    );
    return () => {
      live = false;
    };
  }, [call, connectionId, request]);

  const reload = useCallback(() => setRequest((r) => r + 1), []);
  return { state, error, loading: connectionId !== null && answered !== key, reload };
}
