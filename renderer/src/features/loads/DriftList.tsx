// Format drift on the Deliveries page: per feed, a new error code that sticks or a jump in rejected
// rows, with its first night, columns, share of lines and sample rejected lines before and after
// (shown as delivered, VisibleText).
import type { FormatDrift, LoadErrorRow } from '../../../../shared/model/load.ts';
import { failingRange } from '../../../../shared/loads/visibleText.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { formatCount } from './loadFormat.ts';
import { VisibleText } from './VisibleText.tsx';

const ids = testIds.feeds;

function headline(d: FormatDrift): string {
  const share = d.shareOfLines === null ? '' : `, ${(d.shareOfLines * 100).toFixed(2)} % of its lines`;
  const what =
    d.kind === 'new-error'
      ? `new error ${d.errCode} (${d.reason}) on ${d.columns.join(', ') || 'no column'}`
      : `rejected rows jumped to ${formatCount(d.rejected)} (median ${formatCount(d.baselineRejected)}), mostly ${d.errCode} ${d.reason}`;
  return `From ${d.firstNight}, ${d.feedName ?? d.tableName}${d.muted ? ' (muted)' : ''}: ${what} — ${formatCount(d.rejected)} rows on the first night${share}, ${d.nights} ${d.nights === 1 ? 'night' : 'nights'} so far.`;
}

function Lines({ title, rows }: { title: string; rows: LoadErrorRow[] }) {
  return (
    <div>
      <div className="ld-raw-label">{title}</div>
      {rows.length === 0 && <p className="muted">No rejected lines.</p>}
      {rows.map((r, i) => (
        <VisibleText
          key={`${r.query}-${r.fileName}-${r.lineNumber}-${i}`}
          text={r.rawLine}
          failing={failingRange(r.rawLine, r.rawFieldValue)}
          testId={testIds.loadDetail.rawLine}
          copyTestId={testIds.loadDetail.copyLine}
          label={`${title} ${i + 1}`}
        />
      ))}
    </div>
  );
}

export function DriftList({ drifts }: { drifts: FormatDrift[] }) {
  return (
    <section className="ld-panel" aria-label="Format drift">
      <h2>Format drift</h2>
      {drifts.length === 0 ? (
        <p className="muted">No feed changed its format in this range.</p>
      ) : (
        drifts.map((d) => (
          <details
            key={`${d.feedKey}-${d.kind}-${d.errCode}`}
            className={d.muted ? 'ld-group feeds-muted' : 'ld-group'}
            data-testid={ids.drift}
            data-muted={d.muted ? 'true' : 'false'}
            data-feed={d.feedKey}
            data-kind={d.kind}
            data-code={d.errCode}
            data-first-night={d.firstNight}
          >
            <summary>{headline(d)}</summary>
            <p>{d.meaning}</p>
            <Lines title="Rejected lines the night before" rows={d.before} />
            <Lines title="Rejected lines of the first night" rows={d.after} />
          </details>
        ))
      )}
    </section>
  );
}
