// What the editor shows after asking the core: the preview (changes, dynamic or static, the apply
// note), the "changed since you loaded it" notice with the newer JSON, the what-if of the QMR rules,
// and the apply status. Every value from the cluster or the history is text only.
import type { QmrWhatIf, WlmApplyStatus, WlmPreview } from '../../../../shared/model/governance.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { QueryListTable } from '../../components/QueryListTable.tsx';
import { formatDateTime, formatDuration, zoneLabel, type TimeZoneChoice } from '../../time/formatTime.ts';
import { prettyJson } from './wlmDraft.ts';
import { Button } from '../../components/Button';

const ids = testIds.wlmEditor;

export function ApplyStatusBadge({ status }: { status: WlmApplyStatus }) {
  const [tone, word] =
    status.state === 'in-sync'
      ? ['badge-ok', 'applied']
      : status.state === 'applying'
        ? ['badge-info', 'applying']
        : status.state === 'pending-reboot'
          ? ['badge-warn', 'pending reboot']
          : ['badge-muted', 'unknown'];
  return (
    <span data-testid={ids.applyStatus} data-state={status.state}>
      <span className={`badge ${tone}`}>{word}</span> <span className="muted">{status.detail}</span>
    </span>
  );
}

export function ChangeList({ preview }: { preview: WlmPreview }) {
  if (preview.changes.length === 0)
    return <p className="muted">No changes against the cluster&apos;s configuration.</p>;
  return (
    <ul className="change-list">
      {preview.changes.map((c, i) => (
        <li key={i} data-testid={ids.change} data-kind={c.kind}>
          <span className={`badge ${c.kind === 'static' ? 'badge-warn' : 'badge-ok'}`}>
            {c.kind === 'static' ? 'static · reboot' : 'dynamic'}
          </span>
          <span>{c.description}</span>
        </li>
      ))}
    </ul>
  );
}

export function PreviewPanel({ preview, outdated }: { preview: WlmPreview; outdated: boolean }) {
  const errors = preview.problems.filter((p) => p.severity === 'error');
  return (
    <section className="panel wlm-section result-panel" data-testid={ids.preview} aria-label="Preview">
      <h3>Preview {outdated && <span className="faint small">(for an earlier edit: preview again)</span>}</h3>
      {errors.length > 0 && (
        <p className="notice notice-danger">
          The configuration has {errors.length} problem{errors.length === 1 ? '' : 's'}: AWS would refuse it,
          so it cannot be applied.
        </p>
      )}
      <ChangeList preview={preview} />
      <p className="notice notice-info" data-testid={ids.applyNote} data-kind={preview.applyKind}>
        {preview.applyNote}
      </p>
    </section>
  );
}

export function StalePanel({ currentJson, onReload }: { currentJson: string | null; onReload: () => void }) {
  return (
    <section
      className="panel wlm-section result-panel"
      data-testid={ids.stale}
      aria-label="Configuration changed"
    >
      <p className="notice notice-warn">
        <strong>The configuration changed since you loaded it.</strong> Someone else applied a change to the
        parameter group. Nothing of yours was sent. Review the newer configuration below, reload, and make
        your change on top of it (reloading replaces your edits).
      </p>
      {currentJson !== null && (
        <pre className="text-block text-block-tall" data-testid={ids.staleJson}>
          {prettyJson(currentJson)}
        </pre>
      )}
      <Button look="primary" data-testid={ids.staleReload} onClick={onReload}>
        Reload the newer configuration
      </Button>
    </section>
  );
}

export function WhatIfPanel({ whatIf, zone }: { whatIf: QmrWhatIf; zone: TimeZoneChoice }) {
  return (
    <section className="panel wlm-section result-panel" data-testid={ids.whatIf} aria-label="What if">
      <h3>What the rules would have done</h3>
      <p className="muted">
        Over the cached history from {formatDateTime(whatIf.from, zone)} to {formatDateTime(whatIf.to, zone)}{' '}
        {zoneLabel(zone)}: {whatIf.queriesConsidered.toLocaleString('en-US')} queries considered.
      </p>
      {whatIf.rules.length === 0 && <p className="muted">The configuration has no query monitoring rules.</p>}
      {whatIf.rules.map((r, i) => (
        <div className="what-if-rule" key={i} data-testid={ids.whatIfRule} data-rule={r.ruleName}>
          <p>
            <strong>{r.ruleName}</strong> on {r.queueName} (service class {r.serviceClass}): when{' '}
            {r.predicates} → {r.action}
          </p>
          {r.notEvaluated !== null ? (
            <p className="notice notice-warn">Cannot be evaluated: {r.notEvaluated}</p>
          ) : (
            <>
              <p>
                Would have hit <strong>{r.matchCount.toLocaleString('en-US')}</strong> quer
                {r.matchCount === 1 ? 'y' : 'ies'}
                {r.batchJobs.length > 0 ? ', in batch jobs: ' : '.'}
                {r.batchJobs.map((b) => `${b.label} (${b.count})`).join(', ')}
              </p>
              {r.matches.length > 0 && (
                <QueryListTable
                  rows={r.matches}
                  zone={zone}
                  figure={{ header: 'Elapsed', of: (m) => formatDuration(m.elapsedMs) }}
                />
              )}
              {r.matchCount > r.matches.length && (
                <p className="faint small">The {r.matches.length} slowest are listed.</p>
              )}
            </>
          )}
        </div>
      ))}
    </section>
  );
}
