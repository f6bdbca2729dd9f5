// One query (#/query?c=<connection>&q=<query id>&t=<start ISO>): its full text (copyable), queue vs
// execution time, WLM queue and slots, final state, steps, optimizer alerts with a fix in words, QMR
// actions, the fingerprint's run history and the blast radius. While it still runs (it is in the live
// snapshot, not yet in the stored history) the page shows its live detail (LiveQueryDetail) and asks the
// history again with every live poll, so it turns into the stored detail once the statement ended.
import { useMemo, useState, type ReactNode } from 'react';
import type { QueryDetail } from '../../../../shared/model/query.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useLinkedQuery } from '../../app/useLinkedQuery.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTime, formatDuration, zoneLabel } from '../../time/formatTime.ts';
import { StatementActions } from '../governance/StatementActions.tsx';
import { LoadDetailPanel } from '../loads/LoadDetailPanel.tsx';
import { BlastRadiusPanel } from './BlastRadiusPanel.tsx';
import { QueryStepsTable } from './QueryStepsTable.tsx';
import { QueryTextBlock } from './QueryTextBlock.tsx';
import { RunHistoryChart } from './RunHistoryChart.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { LiveQueryDetail } from './LiveQueryDetail.tsx';
import './queryDetail.css';
import { TableHead } from '../../components/TableHead.tsx';

const ids = testIds.queryDetail;
/** The live snapshot is collected every few seconds; a running statement's page follows it. */
const LIVE_EVERY_MS = 3_000;
/** Statements that write a table (after leading comments): their detail links to their impact. */
const WRITES = /^(?:\s*--[^\n]*\n)*\s*(insert|update|delete|merge|create\s+table\b[\s\S]*\bas\b)/i;

export function QueryDetailPage() {
  const { view, connectionId, query, startParam } = useLinkedQuery(15);
  const startTime = startParam !== null && !Number.isNaN(Date.parse(startParam)) ? startParam : undefined;

  const getArgs = useMemo(
    () => (connectionId === null || query === null ? null : { connectionId, query, startTime }),
    [connectionId, query, startTime],
  );
  const { call } = useApi();
  const [stored, setStored] = useState(false);
  // Asked again while the query is not stored yet (it still runs, or ended a moment ago).
  const detail = usePolled(
    getArgs === null ? null : `queries.get|${JSON.stringify(getArgs)}`,
    () => (getArgs === null ? Promise.reject(new Error('no query')) : call('queries.get', getArgs)),
    { everyMs: stored ? null : LIVE_EVERY_MS },
  );
  const found = detail.data !== null && detail.data.query === query;
  // Adjusted while rendering (not in an effect): polling stops once the stored detail is here.
  if (found !== stored) setStored(found);
  const live = usePolled(
    connectionId === null || found ? null : `live.get|${connectionId}`,
    () =>
      connectionId === null ? Promise.reject(new Error('no connection')) : call('live.get', { connectionId }),
    { everyMs: LIVE_EVERY_MS },
  );
  const liveStatement = live.data?.statements.find((s) => s.query === query) ?? null;
  // Whether this query was seen live: once it leaves live activity, the page says it ended.
  const [seenLive, setSeenLive] = useState<number | null>(null);
  if (liveStatement !== null && seenLive !== query) setSeenLive(query);
  const wasLive = seenLive !== null && seenLive === query;

  if (getArgs === null)
    return (
      <section className="page" data-testid={ids.page}>
        <h1 className="page-title">Query</h1>
        <EmptyState message="No query chosen: open one from Slow queries, Live activity or the Overview." />
      </section>
    );

  const d = found ? detail.data : null;
  const showLive = d === null && liveStatement !== null && connectionId !== null;
  const ended = d === null && liveStatement === null && wasLive;
  return (
    <section className="page qd-page" data-testid={ids.page} aria-busy={detail.loading}>
      <header className="page-header">
        <div>
          <p className="qd-back">
            <a href={view.linkTo('slow')}>← Slow queries</a>
          </p>
          <h1 className="page-title" data-testid={ids.title}>
            Query {query}
            {d?.aborted && (
              <span className="badge badge-danger" data-testid={ids.aborted}>
                aborted
              </span>
            )}
          </h1>
        </div>
      </header>
      {showLive ? (
        <LiveQueryDetail
          connectionId={connectionId}
          statement={liveStatement}
          statements={live.data?.statements ?? []}
          polledAt={live.data?.polledAt ?? null}
        />
      ) : ended ? (
        <p className="notice" role="status" data-testid={testIds.liveDetail.ended}>
          It is no longer running or queued: its stored detail shows here as soon as the collector has read
          it.
        </p>
      ) : (
        detail.error !== null &&
        d === null &&
        !live.loading && (
          <p className="notice notice-error" role="alert" data-testid={ids.error}>
            {detail.error}
          </p>
        )
      )}
      {d === null ? (
        detail.error === null && !showLive && !ended && <p className="muted">Loading…</p>
      ) : (
        <Detail d={d} connectionId={connectionId ?? d.connectionId} />
      )}
    </section>
  );
}

function Detail({ d, connectionId }: { d: QueryDetail; connectionId: string }) {
  const { zone, linkTo } = useView();
  const byRun = useMemo(
    () => ({ connectionId, query: d.query, startTime: d.startTime }),
    [connectionId, d.query, d.startTime],
  );
  const steps = useCall('queries.steps', byRun);
  const blast = useCall('queries.blastRadius', byRun);
  const live = useCall(
    'live.get',
    useMemo(() => ({ connectionId }), [connectionId]),
  );
  const running = live.data?.statements.find((s) => s.query === d.query) ?? null;
  const total = d.queueMs + d.execMs;
  const queueShare = total > 0 ? d.queueMs / total : 0;

  return (
    <>
      <dl className="qd-facts" data-testid={ids.facts}>
        <Fact label={`Started (${zoneLabel(zone)})`}>{formatDateTime(d.startTime, zone)}</Fact>
        <Fact label={`Ended (${zoneLabel(zone)})`}>{formatDateTime(d.endTime, zone)}</Fact>
        <Fact label="User">{d.userName ?? `user id ${d.userId}`}</Fact>
        <Fact label="Query group / label">{d.label === '' ? '–' : d.label}</Fact>
        <Fact label="Database">{d.database}</Fact>
        <Fact label="WLM queue" testId={ids.queue}>
          {d.queueName ?? '–'}
          {d.serviceClass !== null && <span className="faint"> (service class {d.serviceClass})</span>}
        </Fact>
        <Fact label="Slots" testId={ids.slots}>
          {d.slotCount ?? '–'}
        </Fact>
        <Fact label="Final state" testId={ids.state}>
          {running
            ? `running now (${running.state})`
            : (d.wlm?.finalState ?? (d.aborted ? 'aborted' : 'completed'))}
        </Fact>
        <Fact label="pid / xid">
          {d.pid} / {d.xid}
        </Fact>
      </dl>

      <div className="panel qd-timing" data-testid={ids.timing}>
        <div className="qd-timing-numbers">
          <span>
            <span className="qd-swatch qd-swatch-queue" /> Queued <strong>{formatDuration(d.queueMs)}</strong>
          </span>
          <span>
            <span className="qd-swatch qd-swatch-exec" /> Executing{' '}
            <strong>{formatDuration(d.execMs)}</strong>
          </span>
          <span className="muted">
            Elapsed {formatDuration(d.elapsedMs)} · {Math.round(queueShare * 100)}% of it waiting for a slot
          </span>
        </div>
        <div className="qd-bar" role="img" aria-label={`${Math.round(queueShare * 100)}% queued`}>
          <span className="qd-bar-queue" style={{ width: `${queueShare * 100}%` }} />
          <span className="qd-bar-exec" style={{ width: `${(1 - queueShare) * 100}%` }} />
        </div>
      </div>

      {/^\s*copy\b/i.test(d.text) && (
        <LoadDetailPanel connectionId={connectionId} query={d.query} startTime={d.startTime} />
      )}
      {WRITES.test(d.text) && !/^\s*copy\b/i.test(d.text) && (
        <p>
          <a
            data-testid={testIds.impact.link}
            href={linkTo('impact', { c: connectionId, q: d.query, t: d.startTime })}
          >
            Impact: who read what this statement wrote
          </a>
        </p>
      )}

      {running && running.pid !== null && (
        <div className="qd-running" data-testid={ids.running}>
          <span className="badge badge-ok">running now</span>
          <span className="muted">
            {running.queued ? 'waiting for a slot' : 'executing'} for {formatDuration(running.elapsedMs)} at
            the last poll
          </span>
          <StatementActions
            connectionId={connectionId}
            statement={{
              pid: running.pid,
              query: running.query,
              userName: running.userName ?? d.userName ?? '',
              startTime: running.wlmStartTime,
              xid: running.xid ?? d.xid,
            }}
          />
        </div>
      )}

      <h2 className="qd-h2">Text</h2>
      <QueryTextBlock text={d.text} complete={d.textComplete} />

      <h2 className="qd-h2">Run history of this query</h2>
      <RunHistoryChart
        connectionId={connectionId}
        fingerprint={d.fingerprint}
        query={d.query}
        startTime={d.startTime}
      />

      <h2 className="qd-h2">Blast radius</h2>
      {blast.error !== null ? (
        <p className="notice notice-error">{blast.error}</p>
      ) : blast.data === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <BlastRadiusPanel blast={blast.data} />
      )}

      <h2 className="qd-h2">Alerts</h2>
      {d.alerts.length === 0 ? (
        <p className="muted">The optimizer raised no alert for this query.</p>
      ) : (
        <ul className="qd-alerts" data-testid={ids.alerts}>
          {d.alerts.map((a) => (
            <li
              key={`${a.eventTime}-${a.segment}-${a.step}-${a.event}`}
              className="panel qd-alert"
              data-testid={ids.alertRow}
            >
              <div className="qd-alert-event">
                <strong>{a.event}</strong>
                <span className="faint small mono">
                  {' '}
                  {formatDateTime(a.eventTime, zone)} · segment {a.segment}, step {a.step}
                </span>
              </div>
              <div className="qd-alert-suggestion">{a.suggestion}</div>
              {a.solution !== '' && <div className="muted small">Redshift says: {a.solution}</div>}
            </li>
          ))}
        </ul>
      )}

      <h2 className="qd-h2">Query monitoring rules</h2>
      {d.ruleActions.length === 0 ? (
        <p className="muted">No query monitoring rule acted on this query.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid={ids.ruleActions}>
            <TableHead columns={['Rule', 'Action', `When (${zoneLabel(zone)})`, 'Queue']} />
            <tbody>
              {d.ruleActions.map((r) => (
                <tr key={`${r.rule}-${r.recordTime}-${r.action}`}>
                  <td>{r.rule}</td>
                  <td>{r.action}</td>
                  <td className="mono">{formatDateTime(r.recordTime, zone)}</td>
                  <td>{r.queueName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="qd-h2">Steps</h2>
      {steps.error !== null ? (
        <p className="notice notice-error">{steps.error}</p>
      ) : steps.data === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <QueryStepsTable steps={steps.data} />
      )}
    </>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="qd-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
