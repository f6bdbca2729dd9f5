// A list that leaves out statements by the connection's hidden patterns (issue #14): polled, with its
// own "show" switch, and read again at once when the switch flips or the patterns are saved. Live
// activity, the overview and its newly slow tile each wrote these lines (issue #15).
import { useState } from 'react';
import { usePolled } from '../../hooks/usePolled.ts';
import { useHiddenVersion } from './hiddenVersion.ts';

export function usePolledWithHidden<T>(
  key: string | null,
  load: (showHidden: boolean) => Promise<T>,
  everyMs: number,
  /** Anything else that asks for a read at once (the toolbar's Refresh). */
  reload = '',
) {
  const [showHidden, setShowHidden] = useState(false);
  const hiddenVersion = useHiddenVersion();
  const polled = usePolled(key, () => load(showHidden), {
    everyMs,
    reload: `${reload}|${showHidden}|${hiddenVersion}`,
  });
  return { ...polled, showHidden, setShowHidden };
}
