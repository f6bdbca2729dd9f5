import type { LiveSession, LiveStatement } from '../../../../shared/model/live.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, formatDuration, zoneLabel } from '../../time/formatTime.ts';
import { StatementActions } from '../governance/StatementActions.tsx';
import { queueLabel, statementTargetOf } from './liveRows.ts';
import { useLiveText } from './useLiveText.ts';
import { Button } from '../../components/Button';

const ids = testIds.live;

interface Props {
  connectionId: string;
  /** The selected statement as last seen (kept after it leaves the snapshot, so the reader can finish). */
  statement: LiveStatement;
  /** False once the latest poll no longer shows it. */
  present: boolean;
  session: LiveSession | null;
  onClose(): void;
}

/** The selected statement: its figures, its full text (read on demand) and the governance actions. */
export function LiveTextPanel({ connectionId, statement: s, present, session, onClose }: Props) {
  const { zone, linkTo } = useView();
  const full = useLiveText(connectionId, s.query);
  const text = full.text?.text ?? s.textPreview ?? '';

  return (
    <aside
      className="panel live-panel"
      data-testid={ids.panel}
      data-query={s.query}
      aria-label={`Statement ${s.query}`}
    >
      <header className="live-panel-header">
        <h2 className="live-panel-title">
          Query <span className="mono">{s.query}</span>
        </h2>
        <Button
          look="quiet"
          data-testid={ids.panelClose}
          onClick={onClose}
          aria-label="Close the statement panel"
        >
          ✕
        </Button>
      </header>
      <p className="live-panel-detail">
        <a href={linkTo('query', { c: connectionId, q: s.query })} data-testid={testIds.liveDetail.open}>
          Open its detail and run history →
        </a>
      </p>
      {!present && (
        <p className="notice live-gone" role="status" data-testid={ids.panelGone}>
          No longer running or queued at the last poll: it finished, was cancelled, or left the queue.
        </p>
      )}
      <dl className="live-facts">
        <dt>User</dt>
        <dd>{s.userName ?? 'unknown'}</dd>
        <dt>PID</dt>
        <dd className="mono">{s.pid ?? '–'}</dd>
        <dt>Queue</dt>
        <dd>
          {queueLabel(s)} (service class {s.serviceClass}), {s.slotCount}{' '}
          {s.slotCount === 1 ? 'slot' : 'slots'}
        </dd>
        <dt>State</dt>
        <dd>
          <span className={`state-badge${s.queued ? ' state-queued' : ''}`}>{s.state}</span>
          {s.queryPriority !== null && <span className="muted"> · priority {s.queryPriority}</span>}
        </dd>
        <dt>Received</dt>
        <dd>
          {formatDateTime(s.wlmStartTime, zone)} <span className="faint">{zoneLabel(zone)}</span>
        </dd>
        <dt>Times</dt>
        <dd>
          queued {formatDuration(s.queueMs)}, executing {formatDuration(s.execMs)}, elapsed{' '}
          {formatDuration(s.elapsedMs)}
        </dd>
        <dt>Query group</dt>
        <dd className="live-panel-label">{s.label === null || s.label === '' ? '–' : s.label}</dd>
        {session !== null && (
          <>
            <dt>Session</dt>
            <dd>
              since {formatDateTime(session.startTime, zone)} on {session.database}
            </dd>
          </>
        )}
      </dl>
      {s.pid !== null && s.userName !== null ? (
        <div className="live-actions">
          <StatementActions
            connectionId={connectionId}
            statement={statementTargetOf(s, s.pid, s.userName)}
            session={{ pid: s.pid, userName: s.userName, sessionStart: session?.startTime }}
          />
        </div>
      ) : null}
      <h3 className="live-panel-subtitle">
        Text{' '}
        <span className="faint small">
          {full.loading ? 'reading the full text…' : full.text?.complete ? 'complete' : 'may be cut'}
        </span>
      </h3>
      {full.error !== null && (
        <p className="notice notice-error" data-testid={ids.panelNote}>
          Could not read the full text: {full.error}
        </p>
      )}
      {full.text?.note != null && (
        <p className="muted small" data-testid={ids.panelNote}>
          {full.text.note}
        </p>
      )}
      <pre className="text-block live-full-text" data-testid={ids.panelText}>
        {text}
      </pre>
    </aside>
  );
}
