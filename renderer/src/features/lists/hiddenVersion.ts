// Every list that hides statements by pattern reads again once the patterns are saved (issue #14): one
// counter for the renderer, bumped by the editor, read by the lists as part of their reload value.
import { useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

export function bumpHiddenVersion(): void {
  version++;
  for (const listener of listeners) listener();
}

export function useHiddenVersion(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
  );
}
