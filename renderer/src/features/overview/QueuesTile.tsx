import type { Overview } from '../../../../shared/model/overview.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { isFull, slotsText, userQueues } from './overviewModel.ts';
import { Tile } from './Tile.tsx';
import { TableHead } from '../../components/TableHead.tsx';

/** The WLM sample and the live statements. */
const QUEUE_FEEDS = ['wlm_state', 'live_activity'] as const;

const ids = testIds.overview;

/** Running vs slots and queued per queue at the last WLM poll; a full queue stands out. */
export function QueuesTile({ overview }: { overview: Overview }) {
  const { zone, linkTo } = useView();
  const queues = userQueues(overview.queues);
  const queued = queues.reduce((n, q) => n + q.queued, 0);
  const anyFull = queues.some(isFull);
  const at = queues[0]?.at ?? null;
  return (
    <Tile
      title="Queues now"
      target="wlm"
      linkText="WLM pressure"
      testId={ids.queues}
      feeds={QUEUE_FEEDS}
      tone={queued > 0 ? 'error' : anyFull ? 'warn' : 'ok'}
      wide
      extra={{ queued }}
    >
      <p className="ov-queue-summary">
        <span className={`ov-figure-small${queued > 0 ? ' ov-hot' : ''}`} data-testid={ids.queuedTotal}>
          {queued} queued
        </span>{' '}
        <a className="ov-inline-link" href={linkTo('live')}>
          {overview.liveRunning} running · {overview.liveQueued} queued in live activity
        </a>
      </p>
      {(queued !== overview.liveQueued || overview.liveHidden > 0) && (
        <p className="faint small" data-testid={testIds.agree.queuedNote}>
          {queued !== overview.liveQueued &&
            `Two polls: the queues above are the WLM sample of ${at === null ? 'no time yet' : `${formatDateTime(at, zone).slice(11, 19)}`}, live activity the statements of ${overview.livePolledAt === null ? 'no poll yet' : formatDateTime(overview.livePolledAt, zone).slice(11, 19)} (${zoneLabel(zone)}); a statement that starts or ends between them counts in one only.`}
          {overview.liveHidden > 0 &&
            ` Of the ${overview.liveRunning + overview.liveQueued} in live activity, ${overview.liveHidden} ${overview.liveHidden === 1 ? 'is' : 'are'} hidden there by your patterns.`}
        </p>
      )}
      {queues.length === 0 ? (
        <p className="muted ov-none">No WLM queue has been sampled yet.</p>
      ) : (
        <table className="ov-table">
          <TableHead
            columns={['Queue', { label: 'Running / slots', num: true }, { label: 'Queued', num: true }]}
          />
          <tbody>
            {queues.map((q) => (
              <tr
                key={q.serviceClass}
                className={`${isFull(q) ? 'ov-row-full' : ''}${q.queued > 0 ? ' ov-row-queued' : ''}`}
                data-testid={ids.queueRow}
                data-service-class={q.serviceClass}
                data-queue-name={q.queueName}
                data-queued={q.queued}
                data-full={isFull(q) ? 'true' : 'false'}
              >
                <td className="ov-queue-name">
                  {q.queueName} <span className="faint small">sc {q.serviceClass}</span>
                  {isFull(q) && <span className="badge badge-danger ov-full">full</span>}
                </td>
                <td className="num">{slotsText(q)}</td>
                <td className={`num${q.queued > 0 ? ' ov-hot' : ''}`}>{q.queued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {at !== null && (
        <p className="faint small ov-at">
          sampled {formatDateTime(at, zone)} {zoneLabel(zone)}
        </p>
      )}
    </Tile>
  );
}
