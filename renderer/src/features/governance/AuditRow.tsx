// One audit record: the line in the table, and when opened, everything it holds (request id, target,
// parameters, before/after; a WLM change as a line diff). Every value is shown as text.
import { Fragment } from 'react';
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
              <dt>Request id</dt>
              <dd className="mono">{r.requestId}</dd>
              <dt>Time</dt>
              <dd className="mono">{r.at} (UTC)</dd>
              {r.connectionId !== null && (
                <>
                  <dt>Connection</dt>
                  <dd>
                    {connectionName ?? 'removed connection'}{' '}
                    <span className="faint mono">{r.connectionId}</span>
                  </dd>
                </>
              )}
              <dt>Target</dt>
              <dd>
                <pre className="text-block">{readableJson(r.target) || '–'}</pre>
              </dd>
              {r.params !== null && (
                <>
                  <dt>Parameters</dt>
                  <dd>
                    <pre className="text-block">{readableJson(r.params)}</pre>
                  </dd>
                </>
              )}
              {r.reason !== null && (
                <>
                  <dt>Reason</dt>
                  <dd className="wrap-text">{r.reason}</dd>
                </>
              )}
              {r.message !== null && (
                <>
                  <dt>Message</dt>
                  <dd className="wrap-text">{r.message}</dd>
                </>
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
                  {r.before !== null && (
                    <>
                      <dt>Before</dt>
                      <dd>
                        <pre className="text-block text-block-tall">{readableJson(r.before)}</pre>
                      </dd>
                    </>
                  )}
                  {r.after !== null && (
                    <>
                      <dt>After</dt>
                      <dd>
                        <pre className="text-block text-block-tall">{readableJson(r.after)}</pre>
                      </dd>
                    </>
                  )}
                </>
              )}
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
