// A night's marks under its timeline (issue #10): aborted statements, QMR actions, COPY loads (with
// rejected rows) and the feed arrivals jobs waited for, each a tick on a track across the night window
// and a line of text below (statements link to their detail). Texts render as text.
import { useMemo } from 'react';
import type { NightMark, NightMarkKind } from '../../../../shared/model/batchViews.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useCall } from '../../hooks/useCall.ts';
import { formatDateTime } from '../../time/formatTime.ts';

const ids = testIds.batches;
const KIND_TEXT: Record<NightMarkKind, string> = {
  aborted: 'aborted',
  qmr: 'QMR',
  copy: 'COPY',
  feed: 'feed',
};

export function NightMarks(props: {
  connectionId: string;
  night: string;
  window: { from: string; to: string };
  refresh: number;
}) {
  const { zone, linkTo } = useView();
  const args = useMemo(
    () => ({ connectionId: props.connectionId, night: props.night }),
    [props.connectionId, props.night],
  );
  const call = useCall('batches.marks', args, props.refresh);
  const from = Date.parse(props.window.from);
  const span = Math.max(1, Date.parse(props.window.to) - from);
  const left = (m: NightMark) => Math.min(100, Math.max(0, ((Date.parse(m.at) - from) / span) * 100));
  if (call.error !== null)
    return (
      <p className="notice notice-error" role="alert">
        Could not read the night&apos;s marks: {call.error}
      </p>
    );
  const marks = call.data?.marks ?? [];
  if (marks.length === 0) return null;
  return (
    <div className="batches-marks" data-testid={ids.marks}>
      <div className="batches-job">
        <span />
        <span className="batches-job-label">Marks</span>
        <span className="batches-track">
          {marks.map((m, i) => (
            <span
              key={i}
              className="batches-mark-tick"
              data-kind={m.kind}
              style={{ left: `${left(m)}%` }}
              title={`${KIND_TEXT[m.kind]}: ${m.text}`}
            />
          ))}
        </span>
        <span className="muted small">{marks.length} marks</span>
      </div>
      <details>
        <summary>
          {marks.filter((m) => m.kind === 'aborted').length} aborted ·{' '}
          {marks.filter((m) => m.kind === 'qmr').length} QMR actions ·{' '}
          {marks.filter((m) => m.kind === 'copy').length} COPY loads ·{' '}
          {marks.filter((m) => m.kind === 'feed').length} feeds waited for
        </summary>
        <ul className="batches-mark-list">
          {marks.map((m, i) => (
            <li key={i} data-testid={ids.mark} data-kind={m.kind}>
              <span className="batches-mark-kind" data-kind={m.kind}>
                {KIND_TEXT[m.kind]}
              </span>{' '}
              <span className="mono small">{formatDateTime(m.at, zone)}</span>{' '}
              {m.label !== null && <span className="mono">{m.label}: </span>}
              {m.query !== null && m.kind !== 'copy' ? (
                <a href={linkTo('query', { c: props.connectionId, q: m.query })}>{m.text}</a>
              ) : (
                <span>{m.text}</span>
              )}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
