import { useState } from 'react';
import type { ConnectionCollectorStatus } from '../../../../shared/model/collector.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { describeConnectionCollector } from './describeCollector.ts';
import './collector.css';

interface Props {
  /** This connection's entry in the collector's status; undefined when the status has none (yet). */
  status: ConnectionCollectorStatus | undefined;
  /** Whether the collector's status has answered at all. */
  loaded: boolean;
  /** Why the status could not be loaded (e.g. the core runs without a collector). */
  feedError: string | null;
  now: Date;
}

const ids = testIds.connections;
/** More lines than this fold to the first FOLDED_LINES and a "+N more" toggle; errors come first. */
const MAX_LINES = 4;
const FOLDED_LINES = 3;

/** The collector's state for one connection: a headline, then why (errors are the server's words, as text). */
export function CollectorCell({ status, loaded, feedError, now }: Props) {
  const [expanded, setExpanded] = useState(false);
  if (status === undefined) {
    const text =
      feedError !== null ? `Collector unavailable: ${feedError}` : loaded ? 'Not collected yet' : 'Loading…';
    return (
      <div className="collector" data-tone="idle">
        <div className="collector-headline faint" data-testid={ids.collectorHeadline}>
          {text}
        </div>
      </div>
    );
  }
  const view = describeConnectionCollector(status, now);
  const folds = view.details.length > MAX_LINES;
  const shown = folds && !expanded ? view.details.slice(0, FOLDED_LINES) : view.details;
  return (
    <div className="collector" data-tone={view.tone}>
      <div className="collector-headline" data-testid={ids.collectorHeadline}>
        <span className={`tone-dot tone-dot-${view.tone}`} aria-hidden="true" />
        {view.headline}
      </div>
      {view.backfill.map((line) => (
        <div key={line} className="collector-backfill" data-testid={ids.collectorBackfill}>
          {line}
        </div>
      ))}
      {view.details.length > 0 && (
        <ul className="collector-details">
          {shown.map((line) => (
            <li
              key={line.text}
              className={`collector-detail tone-text-${line.tone}${line.tone === 'idle' ? '' : ' collector-detail-clamped'}`}
              data-tone={line.tone}
              data-testid={ids.collectorDetail}
              title={line.text}
            >
              {line.text}
            </li>
          ))}
        </ul>
      )}
      {folds && (
        <button
          type="button"
          className="collector-more"
          data-testid={ids.collectorMore}
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? 'Show less' : `+${view.details.length - FOLDED_LINES} more`}
        </button>
      )}
    </div>
  );
}
