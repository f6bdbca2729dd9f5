import { testIds } from '../../../../shared/testIds.ts';
import { useNow } from '../../hooks/useNow.ts';
import { pollAge } from './liveRows.ts';

/** "Last polled 4 s ago", ticking every second; stale (and said so) past 30 s. */
export function PolledAge({ polledAt }: { polledAt: string | null }) {
  const now = useNow(1_000);
  const age = pollAge(polledAt, now.getTime());
  return (
    <span
      className={`live-polled${age?.stale ? ' live-polled-stale' : ''}`}
      data-testid={testIds.live.polled}
      data-stale={age === null ? undefined : age.stale ? 'true' : 'false'}
      role="status"
    >
      {age === null
        ? 'Not polled yet'
        : `Last polled ${age.seconds} s ago${age.stale ? ' — stale: the collector has not polled live activity lately' : ''}`}
    </span>
  );
}
