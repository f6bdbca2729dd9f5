// The audit view (#/audit, issue #6): every action — done, refused or failed — newest first, with
// filters, paging and a CSV export of everything that matches. Times are UTC, always: the log is the
// record, and it reads the same for everyone. Records are never edited or deleted here.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditChainStatus } from '../../../../shared/model/audit.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { ChoiceField } from '../../components/ChoiceField.tsx';
import { useCall } from '../../hooks/useCall.ts';
import { AUDIT_ACTIONS, auditArgsOf, NO_FILTERS, type AuditFilters } from './auditFilters.ts';
import { AuditRow } from './AuditRow.tsx';
import { downloadBlob, downloadText } from './downloadText.ts';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import './governance.css';
import { DataTable } from '../../components/DataTable.tsx';

const ids = testIds.audit;
const PAGE_SIZE = 50;
const TEXT_SETTLE_MS = 300;

export function AuditPage() {
  const { call, downloadAuditCsv } = useApi();
  const { connections } = useAppState();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // The text filter is applied once typing pauses, so each key press is not a query.
  const [settledText, setSettledText] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setSettledText(filters.text), TEXT_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [filters.text]);

  const applied = useMemo(() => ({ ...filters, text: settledText }), [filters, settledText]);
  const check = useMemo(() => auditArgsOf(applied, { limit: PAGE_SIZE, offset }), [applied, offset]);

  // Asked again when the settled arguments change (a key press in the text box changes nothing until it
  // settles) or on Refresh; the page shown stays while the next one loads.
  const { data, error, loading } = useCall('audit.list', check.ok ? check.args : null, tick);

  const set = useCallback(<K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  }, []);

  const names = useMemo(
    () => new Map((connections.list ?? []).map((c) => [c.id, c.name] as const)),
    [connections.list],
  );

  const exportCsv = async () => {
    if (!check.ok) return;
    const { limit: _limit, offset: _offset, ...all } = check.args;
    setExporting(true);
    setExported(null);
    try {
      const exportedAs = (rows: number, filename: string) =>
        `Exported ${rows.toLocaleString('en-US')} record${rows === 1 ? '' : 's'} as ${filename}.`;
      if (downloadAuditCsv) {
        // Door 2 streams the whole file, however big.
        const file = await downloadAuditCsv(all);
        downloadBlob(file.blob, file.filename);
        setExported(exportedAs(file.rows, file.filename));
      } else {
        const csv = await call('audit.csv', all);
        downloadText(csv.csv, csv.filename, 'text/csv;charset=utf-8');
        setExported(
          exportedAs(csv.rows, csv.filename) +
            (csv.truncated
              ? ' That is as much as one file holds (newest first): narrow the dates for the rest.'
              : ''),
        );
      }
    } catch (e) {
      setExported(`Could not export: ${errorMessage(e)}`);
    } finally {
      setExporting(false);
    }
  };

  // The chain is checked with every refresh: a log edited behind the app's back says so here.
  const [chain, setChain] = useState<AuditChainStatus | string | null>(null);
  useEffect(() => {
    let live = true;
    call('audit.verify', {}).then(
      (status) => live && setChain(status),
      (e: unknown) => live && setChain(`Could not check the audit chain: ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [call, tick]);

  const total = data?.total ?? 0;
  const rows = data?.rows ?? [];

  return (
    <Page
      className="audit"
      testId={ids.page}
      title={
        <>
          Audit{' '}
          {data !== null && (
            <span className="page-count" data-testid={ids.total}>
              {total}
            </span>
          )}
        </>
      }
      muted
      subtitle="Every cancel, end session, WLM change and connection change — done, refused or failed. Newest first. All times are UTC."
      note={
        chain !== null && (
          <p
            className={typeof chain === 'string' || !chain.intact ? 'notice notice-error' : 'muted'}
            data-testid={ids.chain}
            data-intact={typeof chain === 'string' ? 'unknown' : String(chain.intact)}
            role={typeof chain === 'string' || !chain.intact ? 'alert' : undefined}
          >
            {typeof chain === 'string' ? chain : chain.message}
          </p>
        )
      }
      actions={
        <span className="statement-actions">
          <Button data-testid={ids.refresh} onClick={() => setTick((t) => t + 1)}>
            {loading ? 'Loading…' : 'Refresh'}
          </Button>
          <Button
            data-testid={ids.exportCsv}
            disabled={exporting || !check.ok}
            onClick={() => void exportCsv()}
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </Button>
        </span>
      }
    >
      <div className="audit-filters" role="search" aria-label="Filter the audit log">
        <ChoiceField
          label="Action"
          testId={ids.filterAction}
          value={filters.action}
          choices={[ANY, ...AUDIT_ACTIONS.map((a) => ({ value: a.value, label: `${a.label} (${a.value})` }))]}
          onChange={(v) => set('action', v)}
        />
        <ChoiceField
          label="Outcome"
          testId={ids.filterOutcome}
          value={filters.outcome}
          choices={OUTCOMES}
          onChange={(v) => set('outcome', outcomeOf(v))}
        />
        <ChoiceField
          label="Connection"
          testId={ids.filterConnection}
          value={filters.connectionId}
          choices={[ANY, ...(connections.list ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          onChange={(v) => set('connectionId', v)}
        />
        <label className="field field-text">
          <span className="field-label">Text (target, parameters, reason, message)</span>
          <input
            className="input"
            type="search"
            data-testid={ids.filterText}
            value={filters.text}
            maxLength={500}
            onChange={(e) => set('text', e.target.value)}
          />
        </label>
        {(
          [
            ['from', 'From (UTC)', ids.filterFrom],
            ['to', 'To (UTC)', ids.filterTo],
          ] as const
        ).map(([key, label, testId]) => (
          <label key={key} className="field">
            <span className="field-label">{label}</span>
            <input
              className="input"
              // Text, not datetime-local: that one follows the browser's locale (mm/dd/yyyy), and the
              // app writes ISO dates everywhere (issue #14).
              type="text"
              inputMode="numeric"
              placeholder="YYYY-MM-DD HH:MM"
              spellCheck={false}
              maxLength={30}
              data-testid={testId}
              value={filters[key]}
              onChange={(e) => set(key, e.target.value)}
            />
          </label>
        ))}
      </div>

      <ErrorNotice error={check.ok ? null : check.message} />
      <ErrorNotice error={error} testId={ids.error} what="Could not read the audit log" />
      {exported !== null && (
        <p className="muted small" role="status" data-testid={ids.exportResult}>
          {exported}
        </p>
      )}

      {data !== null && rows.length === 0 ? (
        <div className="empty" data-testid={ids.empty}>
          <p className="empty-title">No audit records</p>
          <p className="muted">
            {filters === NO_FILTERS ? 'Nothing has been done yet.' : 'Nothing matches these filters.'}
          </p>
        </div>
      ) : (
        data !== null && (
          <DataTable
            className="audit-table"
            columns={[
              { label: 'Details', hidden: true },
              'Time (UTC)',
              'Who',
              'Connection',
              'Action',
              'Target',
              'Reason',
              'Outcome',
              'Message',
            ]}
          >
            {rows.map((r) => (
              <AuditRow
                key={r.seq}
                record={r}
                connectionName={r.connectionId === null ? null : (names.get(r.connectionId) ?? null)}
                open={open.has(r.seq)}
                onToggle={() =>
                  setOpen((s) => {
                    const next = new Set(s);
                    if (next.has(r.seq)) next.delete(r.seq);
                    else next.add(r.seq);
                    return next;
                  })
                }
              />
            ))}
          </DataTable>
        )
      )}

      {data !== null && total > PAGE_SIZE && (
        <div className="pager">
          <Button
            data-testid={ids.newer}
            disabled={offset === 0}
            onClick={() => setOffset((o) => Math.max(0, o - PAGE_SIZE))}
          >
            Newer
          </Button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE_SIZE, total)} of {total}
          </span>
          <Button
            data-testid={ids.older}
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => setOffset((o) => o + PAGE_SIZE)}
          >
            Older
          </Button>
        </div>
      )}
    </Page>
  );
}

const ANY = { value: '', label: 'any' };
const OUTCOMES = [ANY, ...['ok', 'refused', 'failed'].map((o) => ({ value: o, label: o }))];

function outcomeOf(value: string): AuditFilters['outcome'] {
  return value === 'ok' || value === 'refused' || value === 'failed' ? value : '';
}
