import type { ReactNode } from 'react';
import type { JobName } from '../../../../shared/model/collector.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useNow } from '../../hooks/useNow.ts';
import type { Tone } from '../collector/describeCollector.ts';
import { useCollectorStatus } from '../collector/useCollectorStatus.ts';
import { tileFreshness, type Freshness } from './tileFreshness.ts';
import '../collector/collector.css';

interface Props {
  title: string;
  /** The page this tile opens, and the words of its link. */
  target: string;
  linkText: string;
  linkParams?: Record<string, string | number | undefined>;
  testId: string;
  /** The figures' own tone (e.g. queries queued); outweighed by stale or failing data. */
  tone?: Tone;
  /** The collector jobs whose data the tile shows: their state decides whether it is current. */
  feeds?: readonly JobName[];
  wide?: boolean;
  extra?: Record<string, string | number>;
  children: ReactNode;
}

/** The link of the tiles that open Slow queries over a range (alerts, slowest, newly slow). */
export const slowQueriesLink = (range: string) => ({
  target: 'slow',
  linkText: 'Slow queries',
  linkParams: { range },
});

const SEVERITY: Record<Tone, number> = { ok: 0, idle: 1, warn: 2, error: 3 };

/**
 * One overview tile: a title, its content, and a link to the view that says more. A tile fed by
 * collector jobs says when its figures are stale or failing, and since when, and never looks green then.
 */
export function Tile(props: Props) {
  const { title, target, linkText, linkParams, testId, tone, feeds, wide, extra, children } = props;
  const { linkTo } = useView();
  const freshness = useFreshness(feeds ?? []);
  const shownTone =
    freshness.state === 'current'
      ? tone
      : SEVERITY[freshness.tone] > SEVERITY[tone ?? 'ok']
        ? freshness.tone
        : tone;
  const dataAttrs = Object.fromEntries(Object.entries(extra ?? {}).map(([k, v]) => [`data-${k}`, v]));
  const doubtful = freshness.state === 'stale' || freshness.state === 'failing';
  return (
    <section
      className={`ov-tile${wide ? ' ov-tile-wide' : ''}${doubtful ? ' ov-tile-doubtful' : ''}`}
      data-testid={testId}
      data-tone={shownTone}
      data-freshness={freshness.state}
      aria-label={title}
      {...dataAttrs}
    >
      <header className="ov-tile-header">
        <h2 className="ov-tile-title">{title}</h2>
        <a
          className="ov-tile-link"
          href={linkTo(target, linkParams)}
          data-testid={testIds.overview.tileLink}
          data-target={target}
        >
          {linkText} →
        </a>
      </header>
      {freshness.text !== null && (
        <p className={`small ov-freshness tone-text-${freshness.tone}`} role="status">
          {freshness.text}
        </p>
      )}
      <div className="ov-tile-body">{children}</div>
    </section>
  );
}

function useFreshness(feeds: readonly JobName[]): Freshness {
  const { connectionId, zone } = useView();
  const { status, error } = useCollectorStatus();
  const now = useNow();
  if (feeds.length === 0 || connectionId === null) return { tone: 'ok', text: null, state: 'current' };
  return tileFreshness({ status, statusError: error, connectionId, feeds, now, zone });
}
