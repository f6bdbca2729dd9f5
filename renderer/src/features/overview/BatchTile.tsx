// The overview's batch tile (issue #10): last night's finish against the SLA, the trend of the finish
// time (arrow), and the job that moved it most: the one that ran longest past its own median, or else
// the one that ran most longer than on the same weekday a week before (batches.compare), linking to
// that job's drift; it opens the Batches page on that night.
import { useMemo } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useCall } from '../../hooks/useCall.ts';
import { Tile } from './Tile.tsx';

const FEEDS = ['query_history'] as const;
/** Minutes a night below which the finish is said to hold. */
const FLAT = 0.5;

export function BatchTile({ connectionId }: { connectionId: string }) {
  const nightArgs = useMemo(() => ({ connectionId }), [connectionId]);
  const driftArgs = useMemo(() => ({ connectionId, nights: 28 }), [connectionId]);
  const night = useCall('batches.night', nightArgs).data;
  const drift = useCall('batches.drift', driftArgs).data;
  const compare = useCall('batches.compare', nightArgs).data;
  const { linkTo } = useView();
  const shifted = compare?.jobs.find((j) => j.presence === 'both' && (j.durationDeltaMs ?? 0) > 60_000);
  const mover =
    night && night.movers.length > 0
      ? { label: night.movers[0]!, why: 'longest past its median' }
      : shifted && compare
        ? {
            label: shifted.label,
            why: `ran ${Math.round(shifted.durationDeltaMs! / 60_000)} min longer than on ${compare.other}`,
          }
        : null;
  const finish = night?.finish ?? null;
  const slope = drift?.trend?.minutesPerNight ?? null;
  const trend = slope === null ? 'flat' : slope > FLAT ? 'up' : slope < -FLAT ? 'down' : 'flat';
  const sla = finish?.slaMarginMinutes == null ? 'none' : finish.slaMarginMinutes > 0 ? 'missed' : 'met';
  return (
    <Tile
      title="Nightly batch"
      target="batches"
      linkText="Batches"
      linkParams={{ night: night?.night ?? undefined }}
      testId={testIds.batches.tile}
      feeds={FEEDS}
      tone={sla === 'missed' ? 'warn' : 'ok'}
      extra={{ sla, trend }}
    >
      {night === null || finish === null ? (
        <p className="muted ov-none">{night?.story ?? 'Reading the batch…'}</p>
      ) : (
        <div>
          <p className="ov-duration">
            {night.night}: finished {finish.clock}
            {finish.sla !== null &&
              (sla === 'missed'
                ? ` — ${finish.slaMarginMinutes} min past the ${finish.sla} SLA`
                : ` — SLA ${finish.sla} met`)}
          </p>
          {slope !== null && (
            <p className="small">
              <span aria-hidden="true">{trend === 'up' ? '↗' : trend === 'down' ? '↘' : '→'}</span> finish{' '}
              {trend === 'flat'
                ? 'holds steady'
                : `${slope > 0 ? '+' : '−'}${Math.abs(slope).toFixed(1)} min a night`}{' '}
              over 28 nights
            </p>
          )}
          {mover !== null && (
            <p className="small" data-testid={testIds.batches.tileMover}>
              Moved most:{' '}
              <a className="mono" href={linkTo('batch-jobs', { job: mover.label })}>
                {mover.label}
              </a>{' '}
              <span className="muted">({mover.why})</span>
            </p>
          )}
        </div>
      )}
    </Tile>
  );
}
