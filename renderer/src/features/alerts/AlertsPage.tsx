// The alerts page (#/alerts, issue #12): the open incidents (acknowledge with who and a note), what the
// next digest holds as it stands now (exportable as Markdown), the history, the schedule and webhook,
// and the outbox's deliveries. Every text from the cluster or a user is rendered as text.
import { useState } from 'react';
import type { AlertIncident, NextDigest } from '../../../../shared/model/alert.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { useView } from '../../app/ViewState.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { formatDateTime } from '../../time/formatTime.ts';
import { downloadText } from '../governance/downloadText.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { AlertExemptionsPanel } from './AlertExemptionsPanel.tsx';
import { AlertReplayPanel } from './AlertReplayPanel.tsx';
import { AlertRulesPanel, type RuleDrafts } from './AlertRulesPanel.tsx';
import { AlertSettingsPanel } from './AlertSettingsPanel.tsx';
import { EmailSettingsPanel } from './EmailSettingsPanel.tsx';
import { NotificationButton } from './PageNotifications.tsx';
import { PastDigestsPanel } from './PastDigestsPanel.tsx';
import './alerts.css';
import { TableHead } from '../../components/TableHead.tsx';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.alerts;
const REFRESH_MS = 15_000;

export function AlertsPage() {
  const { call } = useApi();
  const { connectionId, zone } = useView();
  const [tick, setTick] = useState(0);
  // Rule edits not saved yet: the rules panel makes them, the replay compares them.
  const [drafts, setDrafts] = useState<RuleDrafts>({});
  const args = { connectionId: connectionId ?? '' };
  const reload = String(tick);
  const open = usePolled(connectionId, () => call('alerts.incidents', { ...args, state: 'open' }), {
    everyMs: REFRESH_MS,
    reload,
  });
  const history = usePolled(
    connectionId,
    () => call('alerts.incidents', { ...args, state: 'all', limit: 100 }),
    {
      everyMs: REFRESH_MS,
      reload,
    },
  );
  const digest = usePolled(connectionId, () => call('alerts.nextDigest', args), {
    everyMs: REFRESH_MS,
    reload,
  });
  const deliveries = usePolled(connectionId, () => call('alerts.deliveries', { ...args, limit: 50 }), {
    everyMs: REFRESH_MS,
    reload,
  });
  const refresh = () => setTick((t) => t + 1);
  const error = open.error ?? digest.error;

  return (
    <Page
      className="alerts-page"
      testId={ids.page}
      title="Alerts"
      muted
      subtitle="Critical problems page at once, day or night; everything else waits for the daily digest. One incident per rule and subject, however many polls see it."
    >
      <ErrorNotice error={error} testId={ids.error} />

      <h2 className="alerts-heading">Open incidents</h2>
      <ul className="alerts-list" data-testid={ids.open}>
        {open.data?.length === 0 && <li className="muted">Nothing open: no rule fires right now.</li>}
        {open.data?.map((i) => (
          <IncidentItem key={i.id} incident={i} zone={zone} onChange={refresh} />
        ))}
      </ul>

      {digest.data && <DigestPanel digest={digest.data} zone={zone} />}
      {connectionId !== null && <PastDigestsPanel connectionId={connectionId} zone={zone} />}

      <h2 className="alerts-heading">History</h2>
      <table className="alerts-table" data-testid={ids.history}>
        <TableHead columns={['Severity', 'What', 'First seen', 'Last seen', 'Seen', 'Resolved']} />
        <tbody>
          {history.data?.map((i) => (
            <tr key={i.id} data-severity={i.severity}>
              <td>
                <Severity severity={i.severity} />
              </td>
              <td>
                <a href={i.link}>{i.message}</a>
              </td>
              <td>{formatDateTime(i.firstSeen, zone)}</td>
              <td>{formatDateTime(i.lastSeen, zone)}</td>
              <td>{i.count}×</td>
              <td>{i.resolvedAt ? formatDateTime(i.resolvedAt, zone) : 'open'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {connectionId !== null && <AlertSettingsPanel connectionId={connectionId} onSaved={refresh} />}
      {connectionId !== null && <EmailSettingsPanel connectionId={connectionId} />}
      <NotificationButton />
      {connectionId !== null && (
        <>
          <AlertRulesPanel connectionId={connectionId} zone={zone} drafts={drafts} onDrafts={setDrafts} />
          <AlertReplayPanel connectionId={connectionId} drafts={drafts} />
          <AlertExemptionsPanel connectionId={connectionId} zone={zone} />
        </>
      )}

      <h2 className="alerts-heading">Deliveries</h2>
      <table className="alerts-table" data-testid={ids.deliveries}>
        <TableHead columns={['Delivery id', 'Kind', 'Written', 'State', 'Attempts', 'Last error']} />
        <tbody>
          {deliveries.data?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Nothing sent yet (pages and digests are written here before they go to the webhook).
              </td>
            </tr>
          )}
          {deliveries.data?.map((d) => (
            <tr key={d.deliveryId}>
              <td className="mono">{d.deliveryId}</td>
              <td>{d.kind}</td>
              <td>{formatDateTime(d.createdAt, zone)}</td>
              <td>{d.state === 'sent' && d.sentAt ? `sent ${formatDateTime(d.sentAt, zone)}` : 'pending'}</td>
              <td>{d.attempts}</td>
              <td>{d.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

function Severity({ severity }: { severity: AlertIncident['severity'] }) {
  return <span className={`alerts-severity alerts-severity-${severity}`}>{severity}</span>;
}

function IncidentItem({
  incident: i,
  zone,
  onChange,
}: {
  incident: AlertIncident;
  zone: 'utc' | 'local';
  onChange(): void;
}) {
  const { call } = useApi();
  const { info } = useAppState();
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const acknowledge = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await call('alerts.acknowledge', { incidentId: i.id, by: by.trim(), note });
      onChange();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className={`alerts-incident alerts-incident-${i.severity}`}
      data-testid={ids.incident}
      data-id={i.id}
      data-severity={i.severity}
      data-rule={i.ruleId}
      data-acknowledged={String(i.acknowledged !== null)}
    >
      <div className="alerts-incident-head">
        <Severity severity={i.severity} />
        <span data-testid={ids.message}>{i.message}</span>
      </div>
      <div className="muted alerts-incident-meta">
        Seen {i.count}× from {formatDateTime(i.firstSeen, zone)} to {formatDateTime(i.lastSeen, zone)}
        {i.pagedAt ? ` · paged ${formatDateTime(i.pagedAt, zone)}` : ' · in the digest'} ·{' '}
        <a href={i.link} data-testid={ids.explain}>
          Explain
        </a>
      </div>
      {i.acknowledged ? (
        <p className="alerts-ack" data-testid={ids.ackDone}>
          Acknowledged by {i.acknowledged.by} at {formatDateTime(i.acknowledged.at, zone)}
          {i.acknowledged.note ? `: ${i.acknowledged.note}` : ''}
        </p>
      ) : (
        <form className="alerts-ack-form" onSubmit={submitTo(acknowledge)}>
          <TextInput
            label="Acknowledged by"
            value={by}
            onChange={setBy}
            placeholder="Your name"
            testId={ids.ackBy}
          />
          <TextInput
            label="Note"
            value={note}
            onChange={setNote}
            placeholder="Note (what you are doing about it)"
            testId={ids.ackNote}
            className="alerts-ack-note"
          />
          <button
            type="submit"
            className="button"
            disabled={busy || by.trim() === '' || !info.admin}
            title={info.admin ? undefined : 'This door is read-only'}
            data-testid={ids.ackButton}
          >
            Acknowledge
          </button>
          {problem && (
            <span className="notice notice-error" role="alert">
              {problem}
            </span>
          )}
        </form>
      )}
    </li>
  );
}

function DigestPanel({ digest, zone }: { digest: NextDigest; zone: 'utc' | 'local' }) {
  return (
    <section className="alerts-digest" data-testid={ids.digest} aria-labelledby="alerts-digest-title">
      <h2 id="alerts-digest-title" className="alerts-heading">
        Next digest{' '}
        <span className="muted" data-testid={ids.digestSendsAt}>
          goes out {formatDateTime(digest.sendsAt, zone)} ({digest.timeZone} schedule)
        </span>
      </h2>
      <p className="muted">
        As it stands now: what has happened since {formatDateTime(digest.from, zone)}, most important first.
      </p>
      <ul className="alerts-list">
        {digest.lines.length === 0 && <li className="muted">Nothing so far.</li>}
        {digest.lines.map((l) => (
          <li key={l.incidentId} data-testid={ids.digestLine} data-severity={l.severity}>
            <Severity severity={l.severity} /> <a href={l.link}>{l.message}</a>{' '}
            <span className="muted">
              ({l.count}×{l.resolved ? ', resolved' : ', still open'})
            </span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        data-testid={ids.exportMarkdown}
        onClick={() =>
          downloadText(
            digest.markdown,
            `nightshift-digest-${digest.sendsAt.slice(0, 10)}.md`,
            'text/markdown;charset=utf-8',
          )
        }
      >
        Export as Markdown
      </button>
    </section>
  );
}
