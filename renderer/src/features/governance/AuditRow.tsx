// One audit record: the line in the table, and when opened, everything it holds (request id, target,
// parameters, before/after; a WLM change as a line diff). Every value is shown as text.
import { Fragment, type ReactNode } from 'react';
import type { AuditRecord } from '../../../../shared/model/audit.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { formatDateTime } from '../../time/formatTime.ts';
import { readableJson, targetSummary } from './auditFilters.ts';
import { lineDiff } from './textDiff.ts';
import { Button } from '../../components/Button';

const ids = testIds.audit;
export const AUDIT_COLUMNS = 9;

const OUTCOME_BADGE: Record<AuditRecord['outcome'], string> = {
  ok: 'badge-ok',
  refused: 'badge-warn',
  failed: 'badge-danger',
};

interface Props {
  record: AuditRecord;
  connectionName: string | null;
  open: boolean;
  onToggle: () => void;
}

export function AuditRow({ record: r, connectionName, open, onToggle }: Props) {
  const detailId = `audit-detail-${r.seq}`;
  return (
    <Fragment>
      <tr
        className={open ? 'row-open' : undefined}
        data-testid={ids.row}
        data-seq={r.seq}
        data-outcome={r.outcome}
        data-action={r.action}
      >
        <td>
          <Button
            look="quiet"
            small
            data-testid={ids.expand}
            aria-expanded={open}
            aria-controls={detailId}
            aria-label={open ? 'Hide details' : 'Show details'}
            onClick={onToggle}
          >
            {open ? '▾' : '▸'}
          </Button>
        </td>
        <td className="cell-nowrap mono">{formatDateTime(r.at, 'utc')}</td>
        <td className="cell-who">
          <div>{r.actorOsUser}</div>
          {r.actorDbUser !== null && <div className="muted">db: {r.actorDbUser}</div>}
          {r.actorAws !== null && <div className="muted">aws: {r.actorAws}</div>}
        </td>
        <td className="cell-clip">{connectionName ?? r.connectionId ?? '–'}</td>
        <td className="cell-nowrap mono">{r.action}</td>
        <td className="cell-clip">{targetSummary(r.target)}</td>
        <td className="cell-wrap">{r.reason ?? '–'}</td>
        <td>
          <span className={`badge ${OUTCOME_BADGE[r.outcome]}`}>{r.outcome}</span>
        </td>
        <td className="cell-wrap cell-message">
          {/* Three lines at most in the table (the row opens to the whole message). */}
          <span className="clamp-3">{r.message ?? ''}</span>
          {r.repeats && (
            <span className="badge" data-testid={ids.repeats}>
              {` ×${(r.repeats.count + 1).toLocaleString('en-US')}, last ${r.repeats.lastAt.slice(0, 19).replace('T', ' ')}`}
            </span>
          )}
        </td>
      </tr>
      {open && (
        <tr className="row-open">
          <td colSpan={AUDIT_COLUMNS} id={detailId} data-testid={ids.detail}>
            <dl className="audit-detail">
              <Entry term="Request id" className="mono">
                {r.requestId}
              </Entry>
              <Entry term="Time" className="mono">
                {r.at} (UTC)
              </Entry>
              {r.connectionId !== null && (
                <>
                  <dt>Connection</dt>
                  <dd>
                    {connectionName ?? 'removed connection'}{' '}
                    <span className="faint mono">{r.connectionId}</span>
                  </dd>
                </>
              )}
              <Entry term="Target">
                <pre className="text-block">{readableJson(r.target) || '–'}</pre>
              </Entry>
              {r.params !== null && <JsonEntry term="Parameters" value={r.params} />}
              {r.reason !== null && (
                <Entry term="Reason" className="wrap-text">
                  {r.reason}
                </Entry>
              )}
              {r.message !== null && (
                <Entry term="Message" className="wrap-text">
                  {r.message}
                </Entry>
              )}
              {r.before !== null && r.after !== null ? (
                <>
                  <dt>Change (before → after)</dt>
                  <dd>
                    <pre className="text-block text-block-tall" data-testid={ids.diff}>
                      {lineDiff(readableJson(r.before), readableJson(r.after)).map((line, i) => (
                        <span
                          key={i}
                          className={`diff-line${line.kind === '+' ? ' diff-line-add' : line.kind === '-' ? ' diff-line-del' : ''}`}
                        >
                          {line.kind} {line.text}
                          {'\n'}
                        </span>
                      ))}
                    </pre>
                  </dd>
                </>
              ) : (
                <>
                  {r.before !== null && <JsonEntry term="Before" value={r.before} tall />}
                  {r.after !== null && <JsonEntry term="After" value={r.after} tall />}
                </>
              )}
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** One term of the opened record and what it holds. */
function Entry(props: { term: string; className?: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd className={props.className}>{props.children}</dd>
    </>
  );
}

/** A term holding JSON, shown indented as text. */
function JsonEntry({ term, value, tall = false }: { term: string; value: string; tall?: boolean }) {
  return (
    <Entry term={term}>
      <pre className={tall ? 'text-block text-block-tall' : 'text-block'}>{readableJson(value)}</pre>
    </Entry>
  );
}
