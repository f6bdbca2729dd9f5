import { createContext, useContext } from 'react';
import type { AppInfo } from '../../../shared/model/app.ts';
import type { ConnectionsState } from '../features/connections/useConnections.ts';

/** What the frame loads once and every page may read. */
export interface AppState {
  info: AppInfo;
  connections: ConnectionsState;
}

export const AppStateContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState() outside <AppStateContext.Provider>');
  return state;
}
