// A job's statements on one night, each linking to the query's detail; aborted statements and QMR
// actions are marked. Texts and labels are rendered as text (React escapes them).
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { useCall } from '../../hooks/useCall.ts';
import { formatDateTime, formatDuration } from '../../time/formatTime.ts';

const ids = testIds.batches;

export function JobStatements({
  connectionId,
  night,
  label,
}: {
  connectionId: string;
  night: string;
  label: string;
}) {
  const { zone, linkTo } = useView();
  const statements = useCall('batches.statements', { connectionId, night, label });
  if (statements.error !== null)
    return (
      <p className="notice notice-error" role="alert">
        Could not read the statements: {statements.error}
      </p>
    );
  if (statements.data === null) return <p className="muted">Loading statements…</p>;
  return (
    <table className="batches-statements" data-testid={ids.statements}>
      <thead>
        <tr>
          <th>Query</th>
          <th>Start</th>
          <th className="num">Queued</th>
          <th className="num">Exec</th>
          <th>Queue</th>
          <th />
          <th>Text</th>
        </tr>
      </thead>
      <tbody>
        {statements.data.statements.map((s) => (
          <tr
            key={`${s.query}-${s.startTime}`}
            data-testid={ids.statement}
            data-aborted={s.aborted ? 'true' : undefined}
            data-qmr={s.qmrAction ?? undefined}
          >
            <td>
              <a
                data-testid={ids.statementLink}
                href={linkTo('query', { c: connectionId, q: s.query, t: s.startTime })}
              >
                {s.query}
              </a>
            </td>
            <td className="mono">{formatDateTime(s.startTime, zone)}</td>
            <td className="num">{formatDuration(s.queueMs)}</td>
            <td className="num">{formatDuration(s.execMs)}</td>
            <td>{s.queueName ?? '–'}</td>
            <td>
              {s.aborted && <span className="badge badge-danger">aborted</span>}
              {s.qmrAction !== null && <span className="badge badge-warn">QMR {s.qmrAction}</span>}
            </td>
            <td className="mono batches-text">{s.textPreview}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
