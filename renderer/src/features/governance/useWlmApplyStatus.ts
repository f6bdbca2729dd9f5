// The apply status after loading or applying, followed with wlm.status while the cluster is still
// taking on a dynamic change ("applying"), until it settles (applied, pending reboot).
import { useEffect, useState } from 'react';
import type { WlmApplyStatus } from '../../../../shared/model/governance.ts';
import { useApi } from '../../api/ApiContext.tsx';

const FOLLOW_EVERY_MS = 2_000;

export function useWlmApplyStatus(
  connectionId: string | null,
  initial: WlmApplyStatus | null,
): [WlmApplyStatus | null, (s: WlmApplyStatus | null) => void] {
  const { call } = useApi();
  const [status, setStatus] = useState<WlmApplyStatus | null>(initial);

  // A new load brings a fresh status from DescribeClusters: it replaces what was shown.
  const [seen, setSeen] = useState(initial);
  if (initial !== seen) {
    setSeen(initial);
    setStatus(initial);
  }

  useEffect(() => {
    if (connectionId === null || status?.state !== 'applying') return;
    const timer = setTimeout(() => {
      // A failed read tries again at the next tick (a new object re-arms this effect).
      call('wlm.status', { connectionId }).then(setStatus, () => setStatus((s) => (s ? { ...s } : s)));
    }, FOLLOW_EVERY_MS);
    return () => clearTimeout(timer);
  }, [call, connectionId, status]);

  return [status, setStatus];
}
