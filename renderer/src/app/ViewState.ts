// What every on-call view shares: the connection looked at, the time range and the time zone. Chosen
// once (toolbar) and shown everywhere; links from one view to another carry them in the hash
// (`c`, `range`) so a link opens the same slice of history.
import { createContext, useContext } from 'react';
import type { TimeZoneChoice } from '../time/formatTime.ts';
import type { ResolvedRange, TimeRange } from '../time/timeRange.ts';

export interface ViewState {
  /** The connection the views show; null while there is none. */
  connectionId: string | null;
  setConnectionId(id: string): void;
  range: TimeRange;
  setRange(range: TimeRange): void;
  /**
   * The range as instants. Presets are resolved against `now`, which advances when the user presses
   * Refresh or picks a preset again (not on every render, so a view's data is stable while read).
   */
  resolved: ResolvedRange;
  refresh(): void;
  zone: TimeZoneChoice;
  setZone(zone: TimeZoneChoice): void;
  /** The hash of a page link that keeps the current connection and range. */
  linkTo(pageId: string, params?: Record<string, string | number | undefined>): string;
}

export const ViewStateContext = createContext<ViewState | null>(null);

export function useView(): ViewState {
  const state = useContext(ViewStateContext);
  if (!state) throw new Error('useView() outside <ViewStateContext.Provider>');
  return state;
}
