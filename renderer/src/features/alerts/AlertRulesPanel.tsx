// The rules panel (issue #12): every rule with its settings in force (threshold, duration, severity,
// enabled, scope). An edit stays a draft, which the replay can run before anyone saves it; saving
// asks who and why and makes a new version (the core validates, bounds and audits it). A rule's
// versions show who changed what.
import { useState } from 'react';
import type { AlertSeverity } from '../../../../shared/model/alert.ts';
import type {
  AlertRuleBound,
  AlertRuleInfo,
  AlertRuleSettings,
  AlertRuleVersion,
  AlertScopeKind,
} from '../../../../shared/model/alertRule.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { formatDateTime, type TimeZoneChoice } from '../../time/formatTime.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.alerts;

export type RuleDrafts = Record<string, AlertRuleSettings>;

export function AlertRulesPanel(props: {
  connectionId: string;
  zone: TimeZoneChoice;
  drafts: RuleDrafts;
  onDrafts(d: RuleDrafts): void;
}) {
  const { call } = useApi();
  const [version, setVersion] = useState(0);
  const rules = usePolled(
    props.connectionId,
    () => call('alerts.rules', { connectionId: props.connectionId }),
    {
      reload: String(version),
    },
  );
  return (
    <section className="alerts-rules" data-testid={ids.rules} aria-labelledby="alerts-rules-title">
      <h2 id="alerts-rules-title" className="alerts-heading">
        Rules
      </h2>
      <p className="muted">
        Edit a rule and replay it below before you save: a save is a new version, in force at the next poll.
      </p>
      {rules.error && <p role="alert">{rules.error}</p>}
      <ul className="alerts-list">
        {(rules.data ?? []).map((r) => (
          <RuleRow
            key={r.ruleId}
            rule={r}
            connectionId={props.connectionId}
            zone={props.zone}
            draft={props.drafts[r.ruleId] ?? null}
            onDraft={(s) => {
              const next = Object.fromEntries(Object.entries(props.drafts).filter(([id]) => id !== r.ruleId));
              if (s !== null) next[r.ruleId] = s;
              props.onDrafts(next);
            }}
            onSaved={() => setVersion((v) => v + 1)}
          />
        ))}
      </ul>
    </section>
  );
}

function RuleRow(props: {
  rule: AlertRuleInfo;
  connectionId: string;
  zone: TimeZoneChoice;
  draft: AlertRuleSettings | null;
  onDraft(s: AlertRuleSettings | null): void;
  onSaved(): void;
}) {
  const { call } = useApi();
  const { info } = useAppState();
  const { rule } = props;
  const s = props.draft ?? rule.settings;
  const [author, setAuthor] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [history, setHistory] = useState<AlertRuleVersion[] | null>(null);
  const edit = (patch: Partial<AlertRuleSettings>) => props.onDraft({ ...s, ...patch });
  const number = (v: string): number | null => (v.trim() === '' ? null : Number(v));

  const save = async () => {
    setMessage(null);
    try {
      await call('alerts.saveRule', {
        connectionId: props.connectionId,
        ruleId: rule.ruleId,
        settings: s,
        author: author.trim(),
        note: note.trim(),
      });
      props.onDraft(null);
      setNote('');
      setMessage('Saved as a new version.');
      props.onSaved();
      if (history)
        setHistory(
          await call('alerts.ruleHistory', { connectionId: props.connectionId, ruleId: rule.ruleId }),
        );
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const showHistory = async () => {
    try {
      setHistory(
        history
          ? null
          : await call('alerts.ruleHistory', { connectionId: props.connectionId, ruleId: rule.ruleId }),
      );
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  return (
    <li
      className={`alerts-incident alerts-incident-${s.severity}`}
      data-testid={ids.rule}
      data-rule={rule.ruleId}
      data-version={rule.version}
      data-enabled={String(s.enabled)}
    >
      <div className="alerts-incident-head">
        <strong>{rule.title}</strong>
        <span className="muted">
          {rule.version === 0
            ? 'defaults'
            : `v${rule.version}${rule.versionConnectionId === '' ? ' (all connections)' : ''}`}
          {props.draft ? ' · edited, not saved' : ''}
        </span>
      </div>
      <p className="muted">{rule.description}</p>
      <form className="alerts-form" onSubmit={submitTo(save)}>
        <label className="alerts-field">
          <input type="checkbox" checked={s.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
          Enabled
        </label>
        <label className="alerts-field">
          Severity
          <select
            className="input"
            value={s.severity}
            onChange={(e) => edit({ severity: e.target.value as AlertSeverity })}
          >
            <option value="critical">critical (page)</option>
            <option value="warning">warning (digest)</option>
            <option value="info">info (digest)</option>
          </select>
        </label>
        {rule.threshold && (
          <BoundField
            bound={rule.threshold}
            label={`${rule.title}: threshold`}
            step="any"
            value={s.threshold}
            onChange={(v) => edit({ threshold: number(v) })}
          />
        )}
        {rule.duration && (
          <BoundField
            bound={rule.duration}
            label={`${rule.title}: duration`}
            value={s.durationMinutes}
            onChange={(v) => edit({ durationMinutes: number(v) })}
          />
        )}
        {rule.scopes.length > 0 && (
          <label className="alerts-field">
            Only
            <select
              className="input"
              value={s.scope?.kind ?? ''}
              onChange={(e) =>
                edit({
                  scope:
                    e.target.value === ''
                      ? null
                      : { kind: e.target.value as AlertScopeKind, value: s.scope?.value ?? '' },
                })
              }
            >
              <option value="">everything</option>
              {rule.scopes.map((k) => (
                <option key={k} value={k}>
                  the {k}
                </option>
              ))}
            </select>
            {s.scope && (
              <input
                className="input"
                aria-label={`${rule.title}: scope`}
                placeholder={`${s.scope.kind} name contains…`}
                value={s.scope.value}
                onChange={(e) => edit({ scope: { kind: s.scope!.kind, value: e.target.value } })}
              />
            )}
          </label>
        )}
        <TextInput
          label={`${rule.title}: your name`}
          value={author}
          onChange={setAuthor}
          placeholder="Your name"
        />
        <TextInput
          label={`${rule.title}: why`}
          value={note}
          onChange={setNote}
          placeholder="Why (kept with the version)"
        />
        <button
          type="submit"
          className="button"
          data-testid={ids.ruleSave}
          disabled={!info.admin || !props.draft || author.trim() === ''}
        >
          Save
        </button>
        {props.draft && (
          <button type="button" className="button button-quiet" onClick={() => props.onDraft(null)}>
            Undo edits
          </button>
        )}
        <button
          type="button"
          className="button button-quiet"
          data-testid={ids.ruleHistoryButton}
          onClick={() => void showHistory()}
        >
          {history ? 'Hide versions' : 'Versions'}
        </button>
      </form>
      <StatusMessage message={message} testId={ids.ruleMessage} block />
      {history && (
        <ul className="alerts-list">
          {history.length === 0 && <li className="muted">Never saved: the defaults are in force.</li>}
          {history.map((v) => (
            <li key={`${v.connectionId}:${v.version}`} data-testid={ids.ruleVersion} className="muted">
              v{v.version}
              {v.connectionId === '' ? ' (all connections)' : ''} by {v.author} at{' '}
              {formatDateTime(v.createdAt, props.zone)}: {v.changes.join(', ')}
              {v.note ? ` (${v.note})` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** A rule's number (threshold or duration) with its unit, its bounds as the tooltip. */
function BoundField(props: {
  bound: AlertRuleBound;
  label: string;
  step?: 'any';
  value: number | null;
  onChange(text: string): void;
}) {
  const { bound } = props;
  return (
    <label className="alerts-field" title={`${bound.min}–${bound.max} ${bound.unit}`}>
      {bound.label} ({bound.unit})
      <input
        className="input alerts-number"
        type="number"
        step={props.step}
        aria-label={props.label}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
