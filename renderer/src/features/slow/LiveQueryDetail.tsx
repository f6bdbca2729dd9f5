// A statement's detail while it still runs or queues (issue #14): the stored history only has it once it
// ended, so this page shows what live activity knows now — its full text read from the cluster, how long
// it queued and executed so far, who waits behind it — with the actions, refreshed with every live poll.
// QueryDetailPage swaps it for the historical detail once the collector stored the finished statement.
import type { LiveStatement } from '../../../../shared/model/live.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, formatDuration, zoneLabel } from '../../time/formatTime.ts';
import { StatementActions } from '../governance/StatementActions.tsx';
import { queueLabel, statementTargetOf } from '../live/liveRows.ts';
import { useLiveText } from '../live/useLiveText.ts';
import { QueryTextBlock } from './QueryTextBlock.tsx';
import { waitingBehind } from './waitingBehind.ts';
import { TableHead } from '../../components/TableHead.tsx';

const ids = testIds.liveDetail;

interface Props {
  connectionId: string;
  statement: LiveStatement;
  /** Every statement of the same live poll (for who waits behind it). */
  statements: readonly LiveStatement[];
  polledAt: string | null;
}

export function LiveQueryDetail({ connectionId, statement: s, statements, polledAt }: Props) {
  const { zone, linkTo } = useView();
  const full = useLiveText(connectionId, s.query);
  const behind = waitingBehind(s, statements);
  const total = s.queueMs + s.execMs;
  const queueShare = total > 0 ? s.queueMs / total : 0;
  const text = full.text?.text ?? s.textPreview ?? '';

  return (
    <div data-testid={ids.root} data-state={s.state}>
      <p className="notice" role="status">
        {s.queued ? 'Waiting for a slot' : 'Running'} now
        {polledAt !== null && (
          <span className="muted">
            {' '}
            (live activity at {formatDateTime(polledAt, zone)} {zoneLabel(zone)})
          </span>
        )}
        : this page becomes its stored detail once it ends and the collector reads it.
      </p>
      <dl className="qd-facts" data-testid={ids.facts}>
        <div className="qd-fact">
          <dt>Received ({zoneLabel(zone)})</dt>
          <dd>{formatDateTime(s.wlmStartTime, zone)}</dd>
        </div>
        <div className="qd-fact">
          <dt>User</dt>
          <dd>{s.userName ?? 'unknown'}</dd>
        </div>
        <div className="qd-fact">
          <dt>Query group / label</dt>
          <dd>{s.label === null || s.label === '' ? '–' : s.label}</dd>
        </div>
        <div className="qd-fact">
          <dt>WLM queue</dt>
          <dd>
            {queueLabel(s)} <span className="faint">(service class {s.serviceClass})</span>
          </dd>
        </div>
        <div className="qd-fact">
          <dt>Slots</dt>
          <dd>{s.slotCount}</dd>
        </div>
        <div className="qd-fact">
          <dt>State</dt>
          <dd>
            <span className={`state-badge${s.queued ? ' state-queued' : ''}`}>{s.state}</span>
          </dd>
        </div>
        <div className="qd-fact">
          <dt>pid / xid</dt>
          <dd>
            {s.pid ?? '–'} / {s.xid ?? '–'}
          </dd>
        </div>
      </dl>

      <div className="qd-timing" data-testid={ids.timing}>
        <div className="qd-timing-numbers">
          <span>
            <span className="qd-swatch qd-swatch-queue" /> Queued so far{' '}
            <strong>{formatDuration(s.queueMs)}</strong>
          </span>
          <span>
            <span className="qd-swatch qd-swatch-exec" /> Executing so far{' '}
            <strong>{formatDuration(s.execMs)}</strong>
          </span>
          <span className="muted">Elapsed {formatDuration(s.elapsedMs)}</span>
        </div>
        <div className="qd-bar" role="img" aria-label={`${Math.round(queueShare * 100)}% queued so far`}>
          <span className="qd-bar-queue" style={{ width: `${queueShare * 100}%` }} />
          <span className="qd-bar-exec" style={{ width: `${(1 - queueShare) * 100}%` }} />
        </div>
      </div>

      {s.pid !== null && s.userName !== null && (
        <div className="qd-running">
          <StatementActions connectionId={connectionId} statement={statementTargetOf(s, s.pid, s.userName)} />
        </div>
      )}

      <h2 className="qd-h2">Waiting behind it now</h2>
      <div data-testid={ids.waiting} data-count={behind.length}>
        {behind.length === 0 ? (
          <p className="muted">Nobody waits for a slot in {queueLabel(s)} now.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <TableHead columns={['Query', 'User', { label: 'Waiting for', num: true }, 'Text']} />
              <tbody>
                {behind.map((w) => (
                  <tr key={w.query} data-testid={ids.waitingRow} data-query={w.query}>
                    <td className="mono">
                      <a href={linkTo('query', { q: w.query })}>{w.query}</a>
                    </td>
                    <td>{w.userName ?? 'unknown'}</td>
                    <td className="num">{formatDuration(w.queueMs)}</td>
                    <td className="cell-text">
                      <span className="one-line mono">{w.textPreview ?? ''}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <h2 className="qd-h2">
        Text{' '}
        <span className="faint small">
          {full.loading
            ? 'reading the full text…'
            : full.error !== null
              ? `could not read it: ${full.error}`
              : ''}
        </span>
      </h2>
      <div data-testid={ids.text}>
        {full.text?.note != null && <p className="muted small">{full.text.note}</p>}
        <QueryTextBlock text={text} complete={full.text?.complete ?? true} />
      </div>
    </div>
  );
}
