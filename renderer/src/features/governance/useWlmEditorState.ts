// The cluster's WLM as wlm.load reads it (parameter group, JSON, version, apply status), read again
// when the connection changes or on demand. Keyed by the connection: what was loaded for the previous
// one is not shown meanwhile.
import { useCallback, useState } from 'react';
import type { WlmEditorState } from '../../../../shared/model/governance.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { usePolled } from '../../hooks/usePolled.ts';

export interface WlmEditorLoad {
  state: WlmEditorState | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useWlmEditorState(connectionId: string | null): WlmEditorLoad {
  const { call } = useApi();
  const [request, setRequest] = useState(0);
  const load = usePolled(
    connectionId,
    () =>
      connectionId === null ? Promise.reject(new Error('no connection')) : call('wlm.load', { connectionId }),
    { reload: String(request) },
  );
  const reload = useCallback(() => setRequest((r) => r + 1), []);
  return { state: load.data, error: load.error, loading: load.loading, reload };
}
