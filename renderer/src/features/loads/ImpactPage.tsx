// Impact of bad data (#/impact?c=<connection>&q=<query>&t=<start ISO>&until=<fix time ISO>&hops=<1-3>):
// from a load or a writing statement, the tables the data reached, the batch jobs, dashboards and
// users that read them up to the fix time, and a to-do list, exported as Markdown or CSV for an
// incident report. Every name comes from the cluster and is rendered as text, never as markup.
import { useMemo, useState } from 'react';
import type { Impact, ImpactExportFormat, ImpactGroup } from '../../../../shared/model/impact.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useView } from '../../app/ViewState.ts';
import { useLinkedQuery } from '../../app/useLinkedQuery.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { downloadText } from '../governance/downloadText.ts';
import './loads.css';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import { TableHead } from '../../components/TableHead.tsx';

const ids = testIds.impact;
const KIND_WORDS: Record<ImpactGroup['kind'], string> = {
  job: 'Batch jobs',
  dashboard: 'Dashboards',
  hidden: 'Jobs hidden in the job editor',
  other: 'Other statements, by user',
};

/** The to-do list as a file, in either form. */
const EXPORTS: readonly { format: ImpactExportFormat; label: string; testId: string }[] = [
  { format: 'markdown', label: 'Markdown', testId: ids.exportMarkdown },
  { format: 'csv', label: 'CSV', testId: ids.exportCsv },
];

const validInstant = (s: string | null): string | undefined =>
  s !== null && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : undefined;

export function ImpactPage() {
  const { params, view, connectionId, query, startParam } = useLinkedQuery(10);
  const startTime = validInstant(startParam);
  const until = validInstant(params.get('until'));
  const hopsText = params.get('hops');
  const hops = hopsText === '1' || hopsText === '3' ? Number(hopsText) : 2;

  const args = useMemo(
    () =>
      connectionId === null || query === null
        ? null
        : {
            connectionId,
            query,
            hops,
            ...(startTime !== undefined ? { startTime } : {}),
            ...(until !== undefined ? { until } : {}),
          },
    [connectionId, query, hops, startTime, until],
  );
  const impact = useCall('loads.impact', args);
  const { call } = useApi();
  const [exportError, setExportError] = useState<string | null>(null);

  /** The same view with other hops or fix time: a new URL, so it can be shared as it is. */
  const go = (next: { hops?: number; until?: string | undefined }) => {
    window.location.hash = view.linkTo('impact', {
      c: connectionId ?? undefined,
      q: query ?? undefined,
      t: startTime,
      hops: next.hops ?? hops,
      until: 'until' in next ? next.until : until,
    });
  };
  const download = async (format: ImpactExportFormat) => {
    if (args === null) return;
    setExportError(null);
    try {
      const file = await call('loads.impactExport', { ...args, format });
      downloadText(file.text, file.filename, file.mimeType);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  if (args === null)
    return (
      <section className="page" data-testid={ids.page}>
        <h1 className="page-title">Impact of bad data</h1>
        <EmptyState message="No statement chosen: open the impact from a load's or a writing statement's detail." />
      </section>
    );
  const d = impact.data;
  return (
    <Page className="impact-page" testId={ids.page} busy={impact.loading} title="Impact of bad data">
      <div className="loads-filters">
        <label>
          Follow{' '}
          <select
            data-testid={ids.hops}
            value={hops}
            onChange={(e) => go({ hops: Number(e.target.value) })}
            aria-label="Hops to follow"
          >
            <option value={1}>1 hop (direct readers)</option>
            <option value={2}>2 hops (and readers of what they wrote)</option>
            <option value={3}>3 hops</option>
          </select>
        </label>
        <label>
          Fixed at (UTC){' '}
          <input
            type="datetime-local"
            data-testid={ids.until}
            value={until === undefined ? '' : until.slice(0, 16)}
            onChange={(e) =>
              go({ until: e.target.value === '' ? undefined : validInstant(`${e.target.value}:00Z`) })
            }
          />
        </label>
        <span className="muted">{until === undefined ? 'up to now' : ''}</span>
        {EXPORTS.map((x) => (
          <button
            key={x.format}
            type="button"
            data-testid={x.testId}
            disabled={d === null}
            onClick={() => void download(x.format)}
          >
            Export {x.label}
          </button>
        ))}
      </div>
      <ErrorNotice error={impact.error ?? exportError} testId={ids.error} />
      {d === null ? impact.loading && <p className="muted">Following the data…</p> : <ImpactBody d={d} />}
    </Page>
  );
}

function ImpactBody({ d }: { d: Impact }) {
  const { linkTo, zone } = useView();
  const o = d.origin;
  const when = (iso: string) => `${formatDateTime(iso, zone)} ${zoneLabel(zone)}`;
  const kinds = (['job', 'dashboard', 'hidden', 'other'] as const).filter((k) =>
    d.groups.some((g) => g.kind === k),
  );
  return (
    <>
      <p data-testid={ids.origin}>
        From <a href={linkTo('query', { q: o.query, t: o.startTime })}>query {o.query}</a> (
        {o.load ? `COPY into ${o.load.tableName}, ${o.load.status}` : o.label}) started {when(o.startTime)};
        followed {d.hops} {d.hops === 1 ? 'hop' : 'hops'} up to {when(d.until)}.
      </p>
      <pre className="mono impact-text">{o.textPreview}</pre>
      <h2>To do</h2>
      <ol data-testid={ids.todo}>
        {d.todo.map((t) => (
          <li key={t} data-testid={ids.todoItem}>
            {t}
          </li>
        ))}
      </ol>
      <h2>Tables reached</h2>
      <table className="loads-table">
        <TableHead columns={['Table', 'Hop', 'Bad data since']} />
        <tbody>
          {d.tables.map((t) => (
            <tr key={t.tableId} data-testid={ids.table} data-hop={t.hop}>
              <td className="mono">{t.tableName}</td>
              <td className="num">{t.hop === 0 ? 'written' : t.hop}</td>
              <td>{when(t.since)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {kinds.map((kind) => (
        <section key={kind}>
          <h2>{KIND_WORDS[kind]}</h2>
          <table className="loads-table">
            <thead>
              <tr>
                <th>{kind === 'other' ? 'User' : 'Label'}</th>
                <th>Hop</th>
                <th className="num">Statements</th>
                <th>First read</th>
                <th>Last read</th>
                {kind === 'job' && <th>Nights</th>}
                <th>Read</th>
                <th>Wrote</th>
              </tr>
            </thead>
            <tbody>
              {d.groups
                .filter((g) => g.kind === kind)
                .map((g) => (
                  <tr key={g.label} data-testid={ids.group} data-kind={g.kind} data-label={g.label}>
                    <td className="mono">
                      <a href={linkTo('query', { q: g.sampleQuery, t: g.sampleStartTime ?? undefined })}>
                        {g.label}
                      </a>
                    </td>
                    <td className="num">{g.hop}</td>
                    <td className="num">{g.statements}</td>
                    <td>{when(g.firstTime)}</td>
                    <td>{when(g.lastTime)}</td>
                    {kind === 'job' && <td>{g.nights.join(', ')}</td>}
                    <td className="mono">{g.readTables.join(', ')}</td>
                    <td className="mono">{g.wroteTables.join(', ') || '–'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {d.truncated && <p className="notice">More statements read the data than one answer follows.</p>}
    </>
  );
}
