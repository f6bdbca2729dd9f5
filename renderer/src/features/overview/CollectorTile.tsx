import { testIds } from '../../../../shared/testIds.ts';
import { describeConnectionCollector } from '../collector/describeCollector.ts';
import { useCollectorStatus } from '../collector/useCollectorStatus.ts';
import { useNow } from '../../hooks/useNow.ts';
import { Tile } from './Tile.tsx';

const MAX_DETAILS = 3;

/** The collector's state for this connection, in the words the connections page uses. */
export function CollectorTile({ connectionId }: { connectionId: string }) {
  const { status, error } = useCollectorStatus();
  const now = useNow();
  const conn = status?.connections.find((c) => c.connectionId === connectionId);
  const view = conn ? describeConnectionCollector(conn, now) : null;
  return (
    <Tile
      title="Collector"
      target="connections"
      linkText="Connections"
      testId={testIds.overview.collector}
      tone={view?.tone ?? 'idle'}
    >
      {view === null ? (
        <p className="muted ov-none">
          {error !== null
            ? `Collector unavailable: ${error}`
            : status === null
              ? 'Loading…'
              : 'Not collected yet'}
        </p>
      ) : (
        <>
          <p className="ov-collector-headline">
            <span className={`tone-dot tone-dot-${view.tone}`} aria-hidden="true" />
            {view.headline}
          </p>
          {view.backfill.map((line) => (
            <p key={line} className="muted small ov-line">
              {line}
            </p>
          ))}
          {view.details.slice(0, MAX_DETAILS).map((line) => (
            <p key={line.text} className={`small ov-line tone-text-${line.tone}`}>
              {line.text}
            </p>
          ))}
          {view.details.length > MAX_DETAILS && (
            <p className="faint small">+{view.details.length - MAX_DETAILS} more on the Connections page</p>
          )}
        </>
      )}
    </Tile>
  );
}
