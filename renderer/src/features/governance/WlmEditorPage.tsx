// The WLM editor (#/wlm-editor, issue #6): the cluster's parameter group and wlm_json_configuration,
// edited in a form or as raw JSON (one text, kept in sync), validated as the user types (REFERENCE 3.3
// limits, 3.4 metric ranges), previewed against what the cluster holds now (diff, dynamic or reboot,
// REFERENCE 3.5), its QMR rules tried over the cached history (what-if), and applied — by admins, with
// a reason, only if nobody changed the group since it was loaded.
import { useMemo, useState } from 'react';
import type { QmrWhatIf, WlmApplyResult, WlmPreview } from '../../../../shared/model/governance.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, zoneLabel } from '../../time/formatTime.ts';
import { describeOutcome } from './describeOutcome.ts';
import { OutcomeView } from './OutcomeView.tsx';
import { useWlmApplyStatus } from './useWlmApplyStatus.ts';
import { useWlmEditorState } from './useWlmEditorState.ts';
import { WlmApplyDialog } from './WlmApplyDialog.tsx';
import { WlmForm } from './WlmForm.tsx';
import { ApplyStatusBadge, PreviewPanel, StalePanel, WhatIfPanel } from './WlmResultPanels.tsx';
import { checkDraft, compactJson, errorCount, prettyJson, readDoc } from './wlmDraft.ts';
import { Button } from '../../components/Button';
import './governance.css';
import { Segmented } from '../../components/Segmented';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';

const ids = testIds.wlmEditor;

type Tab = 'form' | 'json';

export function WlmEditorPage() {
  const { info } = useAppState();
  const { connectionId, zone } = useView();
  const { call } = useApi();
  const load = useWlmEditorState(connectionId);
  const { state } = load;
  const [status, setStatus] = useWlmApplyStatus(connectionId, state?.applyStatus ?? null);

  const [text, setText] = useState('');
  const [tab, setTab] = useState<Tab>('form');
  const [preview, setPreview] = useState<{ json: string; result: WlmPreview } | null>(null);
  const [whatIf, setWhatIf] = useState<{ json: string; result: QmrWhatIf } | null>(null);
  const [asking, setAsking] = useState<'preview' | 'whatIf' | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const [stale, setStale] = useState<{ currentJson: string | null } | null>(null);
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState<WlmApplyResult | null>(null);

  // A fresh load replaces the draft (the user asked for it, or the connection changed).
  const [draftOf, setDraftOf] = useState<typeof state>(null);
  if (state !== draftOf) {
    setDraftOf(state);
    setText(state ? prettyJson(state.json) : '');
    setPreview(null);
    setWhatIf(null);
    setStale(null);
    setAskError(null);
  }

  const json = compactJson(text);
  const problems = useMemo(() => checkDraft(text), [text]);
  const errors = errorCount(problems);
  const doc = useMemo(() => readDoc(text), [text]);
  const changed = state !== null && json !== compactJson(state.json);

  const ask = async (what: 'preview' | 'whatIf') => {
    if (connectionId === null || state === null) return;
    setAsking(what);
    setAskError(null);
    try {
      if (what === 'preview') {
        const result = await call('wlm.preview', { connectionId, json, baseVersion: state.version });
        setPreview({ json, result });
        setStale(result.baseIsCurrent ? null : { currentJson: result.currentJson });
      } else {
        setWhatIf({ json, result: await call('wlm.whatIf', { connectionId, json }) });
      }
    } catch (e) {
      setAskError(errorMessage(e));
    } finally {
      setAsking(null);
    }
  };

  const onApplied = (result: WlmApplyResult) => {
    setApplied(result);
    if (result.applyStatus !== null) setStatus(result.applyStatus);
    if (result.outcome === 'refused' && result.currentJson !== null) {
      setStale({ currentJson: result.currentJson });
    }
  };

  const closeApply = () => {
    setApplying(false);
    // After a change went through, the group holds it: load it as the new base (keeps the status shown).
    // The apply status then comes from the fresh DescribeClusters of that load.
    if (applied?.outcome === 'done') load.reload();
  };

  const reloadNewer = () => {
    setApplied(null);
    load.reload();
  };

  if (connectionId === null) {
    return (
      <section className="page wlm-editor" data-testid={ids.page}>
        <h1 className="page-title">WLM editor</h1>
        <p className="muted">Choose a connection above.</p>
      </section>
    );
  }

  const applyBlocked = !info.admin
    ? null
    : state === null
      ? 'Loading…'
      : !state.editable
        ? state.notEditableReason
        : errors > 0
          ? `Fix the ${errors} problem${errors === 1 ? '' : 's'} first: AWS would refuse this configuration, so nothing is sent.`
          : !changed
            ? 'Nothing to apply: the draft is the configuration the cluster holds.'
            : null;

  return (
    <Page
      className="wlm-editor"
      testId={ids.page}
      title="WLM editor"
      muted
      subtitle="The cluster's workload management configuration (wlm_json_configuration in its parameter group)."
      actions={
        <Button data-testid={ids.reload} onClick={reloadNewer} disabled={load.loading}>
          {load.loading ? 'Loading…' : changed ? 'Reload (discard edits)' : 'Reload'}
        </Button>
      }
    >
      <ErrorNotice error={load.error} testId={ids.loadError} what="Could not load the WLM configuration" />
      {state === null && load.error === null && (
        <p className="muted" data-testid={ids.loading}>
          Reading the parameter group…
        </p>
      )}

      {state !== null && (
        <>
          <div className="wlm-summary">
            <span>
              <span className="label">Cluster</span>
              {state.clusterIdentifier}
            </span>
            <span>
              <span className="label">Parameter group</span>
              <span data-testid={ids.parameterGroup}>{state.parameterGroup}</span>
            </span>
            <span>
              <span className="label">Mode</span>
              <span data-testid={ids.mode}>
                {doc.ok
                  ? doc.doc.queues.some((q) => q.auto_wlm === true || q.queue_type === 'auto')
                    ? 'automatic'
                    : 'manual'
                  : '–'}
              </span>
            </span>
            <span>
              <span className="label">Loaded</span>
              {formatDateTime(state.loadedAt, zone)} {zoneLabel(zone)}
            </span>
          </div>
          <p className="wlm-section">
            <span className="muted">Apply status: </span>
            {status !== null && <ApplyStatusBadge status={status} />}
          </p>

          {!state.editable ? (
            <p className="notice notice-warn" role="note" data-testid={ids.notEditable}>
              <strong>This configuration cannot be edited here.</strong> The cluster uses{' '}
              {state.parameterGroup}. {state.notEditableReason}
            </p>
          ) : (
            <>
              <div className="toolbar-row">
                <Button
                  data-testid={ids.previewButton}
                  disabled={asking !== null}
                  onClick={() => void ask('preview')}
                >
                  {asking === 'preview' ? 'Comparing…' : 'Preview'}
                </Button>
                <Button
                  data-testid={ids.whatIfButton}
                  disabled={asking !== null || !doc.ok}
                  onClick={() => void ask('whatIf')}
                >
                  {asking === 'whatIf' ? 'Reading history…' : 'What if (QMR rules, last 30 days)'}
                </Button>
                {info.admin ? (
                  <>
                    <Button
                      look="primary"
                      data-testid={ids.applyButton}
                      disabled={applyBlocked !== null}
                      onClick={() => {
                        setApplied(null);
                        setApplying(true);
                      }}
                    >
                      Apply…
                    </Button>
                    {applyBlocked !== null && (
                      <span className="muted small" data-testid={ids.applyDisabledWhy}>
                        {applyBlocked}
                      </span>
                    )}
                  </>
                ) : (
                  <span className="notice notice-readonly" data-testid={ids.readOnlyNote}>
                    <strong>Read-only:</strong> applying needs the desktop app or a server started with{' '}
                    <code>--admin</code>.
                  </span>
                )}
              </div>
              <ErrorNotice error={askError} />

              {applied !== null && !applying && (
                <div className="wlm-section" data-testid={ids.applyOutcome} data-outcome={applied.outcome}>
                  <OutcomeView
                    words={describeOutcome(applied)}
                    outcome={applied.outcome}
                    testId={`${ids.applyOutcome}-words`}
                  />
                </div>
              )}
              {stale !== null && <StalePanel currentJson={stale.currentJson} onReload={reloadNewer} />}
              {preview !== null && <PreviewPanel preview={preview.result} outdated={preview.json !== json} />}
              {whatIf !== null && <WhatIfPanel whatIf={whatIf.result} zone={zone} />}
              <Segmented<Tab>
                label="Editor"
                className="wlm-tabs"
                optionClassName="wlm-tab"
                tabs
                segments={[
                  { value: 'form', label: 'Form', testId: ids.tabForm },
                  { value: 'json', label: 'Raw JSON', testId: ids.tabJson },
                ]}
                value={tab}
                onChange={setTab}
              />

              <ProblemList problems={problems} />

              {tab === 'form' ? (
                doc.ok ? (
                  <WlmForm doc={doc.doc} problems={problems} onChange={setText} />
                ) : (
                  <p className="notice notice-warn" data-testid={ids.formUnavailable}>
                    {doc.message} Fix it on the Raw JSON tab; the form comes back when the JSON is an array of
                    objects.
                  </p>
                )
              ) : (
                <textarea
                  className="json-editor"
                  data-testid={ids.json}
                  value={text}
                  spellCheck={false}
                  aria-label="wlm_json_configuration"
                  aria-invalid={errors > 0 || undefined}
                  onChange={(e) => setText(e.target.value)}
                />
              )}
            </>
          )}

          {applying && state.editable && (
            <WlmApplyDialog
              connectionId={connectionId}
              parameterGroup={state.parameterGroup}
              json={json}
              baseVersion={state.version}
              onResult={onApplied}
              onClose={closeApply}
            />
          )}
        </>
      )}
    </Page>
  );
}

function ProblemList({ problems }: { problems: ReturnType<typeof checkDraft> }) {
  const errors = errorCount(problems);
  if (problems.length === 0) {
    return (
      <ul className="problem-list problem-list-ok" data-testid={ids.problems} data-errors={0}>
        <li>Valid: within Redshift&apos;s WLM limits.</li>
      </ul>
    );
  }
  return (
    <ul
      className={`problem-list${errors === 0 ? ' problem-list-warn' : ''}`}
      data-testid={ids.problems}
      data-errors={errors}
      aria-live="polite"
    >
      {problems.map((p, i) => (
        <li key={i} className={p.severity === 'warning' ? 'problem-warning' : undefined}>
          {p.severity === 'warning' ? 'Warning' : 'Problem'}
          {p.path === '' ? '' : ` at ${p.path}`}: {p.message}
        </li>
      ))}
    </ul>
  );
}
