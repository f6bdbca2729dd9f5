// A COPY's load summary and its rejected rows grouped by error pattern (code + column): Redshift's
// reason verbatim, plain words and a fix, and each row's file, line, column, type and length with the
// raw line and field shown as delivered (VisibleText). Shown on the COPY's query detail page.
import { useMemo } from 'react';
import type { LoadDetail, LoadErrorGroup } from '../../../../shared/model/load.ts';
import { failingRange } from '../../../../shared/loads/visibleText.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useCall } from '../../hooks/useCall.ts';
import { formatDuration } from '../../time/formatTime.ts';
import { formatCount, formatMaxerror, statusTone } from './loadFormat.ts';
import { VisibleText } from './VisibleText.tsx';
import './loads.css';

const ids = testIds.loadDetail;

export function LoadDetailPanel(props: { connectionId: string; query: number; startTime: string }) {
  const { connectionId, query, startTime } = props;
  const args = useMemo(() => ({ connectionId, query, startTime }), [connectionId, query, startTime]);
  const detail = useCall('loads.get', args);
  if (detail.error !== null)
    return (
      <p className="notice notice-error" role="alert">
        {detail.error}
      </p>
    );
  if (detail.data === null) return <p className="muted">Loading the load summary…</p>;
  return <Panel d={detail.data} />;
}

function Panel({ d }: { d: LoadDetail }) {
  const { linkTo } = useView();
  const l = d.load;
  return (
    <section className="ld-panel" data-testid={ids.panel} aria-label="Load">
      <h2>Load</h2>
      {l === null ? (
        <p className="muted">
          This COPY is not summarized yet (its progress rows are collected every minute).
        </p>
      ) : (
        <dl className="ld-summary" data-testid={ids.summary}>
          <dt>Table</dt>
          <dd className="mono">{l.tableName}</dd>
          <dt>Source</dt>
          <dd className="mono">{l.source}</dd>
          <dt>Feed</dt>
          <dd>
            <a className="mono" href={linkTo('loads', { feed: l.feedKey })}>
              {l.feedKey}
            </a>
          </dd>
          <dt>Format</dt>
          <dd>{l.fileFormat}</dd>
          <dt>Files</dt>
          <dd>{formatCount(l.files)}</dd>
          <dt>Lines scanned</dt>
          <dd>{formatCount(l.linesScanned)}</dd>
          <dt>Rows loaded</dt>
          <dd>{formatCount(l.rowsLoaded)}</dd>
          <dt>Rows rejected</dt>
          <dd>{formatCount(l.rowsRejected)}</dd>
          <dt>MAXERROR</dt>
          <dd data-testid={ids.maxerror}>{formatMaxerror(l.maxerror)}</dd>
          <dt>Status</dt>
          <dd>
            <span className={`badge ${statusTone(l.status)}`} data-testid={ids.status}>
              {l.status}
            </span>
          </dd>
          <dt>Duration / queue wait</dt>
          <dd>
            {formatDuration(l.durationMs)} / {formatDuration(l.queueMs)}
          </dd>
          <dt>Impact</dt>
          <dd>
            <a data-testid={testIds.impact.link} href={linkTo('impact', { q: l.query, t: l.startTime })}>
              Who read {l.tableName} after this load
            </a>
          </dd>
        </dl>
      )}
      {d.groups.length === 0 ? (
        <p className="muted">No rejected rows were logged for this COPY.</p>
      ) : (
        <>
          <h3>
            Rejected rows: {formatCount(d.totalErrors)} logged in {d.groups.length}{' '}
            {d.groups.length === 1 ? 'pattern' : 'patterns'}
          </h3>
          {d.groups.map((g) => (
            <ErrorGroup key={`${g.errCode}-${g.columnName}`} g={g} />
          ))}
        </>
      )}
    </section>
  );
}

function ErrorGroup({ g }: { g: LoadErrorGroup }) {
  return (
    <details
      className="ld-group"
      data-testid={ids.group}
      data-code={g.errCode}
      data-column={g.columnName}
      open
    >
      <summary>
        <strong>
          {g.errCode} · {g.columnName || '(no column)'}
        </strong>{' '}
        <span className="mono">{g.reason}</span> — {formatCount(g.count)} {g.count === 1 ? 'row' : 'rows'}
      </summary>
      <p data-testid={ids.groupMeaning}>
        {g.meaning} <em>Fix:</em> {g.fix}
      </p>
      {g.samples.map((s, i) => (
        <div className="ld-sample" key={`${s.fileName}-${s.lineNumber}-${i}`} data-testid={ids.sample}>
          <p className="ld-where mono">
            {s.fileName} · line {s.lineNumber < 0 ? 'unknown (split file)' : s.lineNumber} · column{' '}
            {s.columnName || '–'} · type {s.columnType || '–'}
            {s.columnLength ? `(${s.columnLength})` : ''} · value length {[...s.rawFieldValue].length}
            {s.position !== null ? ` · error at position ${s.position}` : ''}
          </p>
          <div className="ld-raw-label">Raw line</div>
          <VisibleText
            text={s.rawLine}
            failing={failingRange(s.rawLine, s.rawFieldValue)}
            testId={ids.rawLine}
            copyTestId={ids.copyLine}
            label="Raw line"
          />
          <div className="ld-raw-label">Raw field value</div>
          <VisibleText
            text={s.rawFieldValue}
            failing={
              s.position !== null && s.position < s.rawFieldValue.length
                ? { start: s.position, end: s.position + 1 }
                : null
            }
            testId={ids.rawField}
            copyTestId={ids.copyField}
            label="Raw field value"
          />
        </div>
      ))}
    </details>
  );
}
