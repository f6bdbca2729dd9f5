// The job editor (issue #10): the jobs as the rules make them over the stored nights, and a draft of
// rules built from quick actions (rename, hide, split by user or queue, merge, make a label a job) or
// edited by hand (label pattern / user / queue). The draft is previewed against the stored history
// (which nights and statements each job would get, what changes) before it can be saved; saving is
// an audited change (batches.setJobRules). Names and labels render as text.
import { useMemo, useState } from 'react';
import type {
  BatchJobRule,
  BatchJobRulesPreview,
  BatchJobs,
  BatchJobSummary,
} from '../../../../shared/model/batch.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { errorMessage } from '../../api/ApiCallError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { Button } from '../../components/Button.tsx';
import { auditedChange, SAVED } from '../../components/auditedChange.ts';

const ids = testIds.batches;

const emptyRule: BatchJobRule = {
  action: 'job',
  labelPattern: '',
  user: null,
  queue: null,
  name: '',
  splitBy: 'none',
};

/** One click on a job's row adds the rule these make (first in the draft). */
const QUICK_ACTIONS: { testId: string; text: string; patch: Partial<BatchJobRule> }[] = [
  { testId: ids.jobsHide, text: 'Hide', patch: { action: 'hide' } },
  { testId: ids.jobsSplitUser, text: 'Split by user', patch: { splitBy: 'user' } },
  { testId: ids.jobsSplitQueue, text: 'Split by queue', patch: { splitBy: 'queue' } },
];

/** The rule that picks exactly a job's statements when it has one label (null otherwise). */
function labelOf(job: BatchJobSummary): string | null {
  const labels = [...new Set(job.sources.map((s) => s.label))];
  return labels.length === 1 ? labels[0]! : null;
}

/** A glob matching the literal text (the editor's patterns are globs). */
const literal = (text: string) => text.replace(/[*%?]/g, '?');

function sourcesText(job: BatchJobSummary): string {
  const labels = [...new Set(job.sources.map((s) => s.label))];
  return labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} +${labels.length - 3}`;
}

export function JobsPanel({
  connectionId,
  jobs,
  savedNote,
  onSaved,
}: {
  connectionId: string;
  jobs: BatchJobs;
  /** The outcome of the last save, kept by the page: saving remounts this panel (its key). */
  savedNote: string | null;
  onSaved(note: string): void;
}) {
  const { call } = useApi();
  const [draft, setDraft] = useState<BatchJobRule[]>(jobs.rules);
  const [renames, setRenames] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<string[]>([]);
  const [mergeName, setMergeName] = useState('');
  const [preview, setPreview] = useState<{ rules: string; result: BatchJobRulesPreview } | null>(null);
  const [ownMessage, setMessage] = useState<string | null>(null);
  const message = ownMessage ?? savedNote;
  const draftKey = JSON.stringify(draft);
  const previewed = preview !== null && preview.rules === draftKey;

  /** Quick actions put their rule first: the first matching rule wins. */
  const add = (rules: BatchJobRule[]) => setDraft((d) => [...rules, ...d]);
  const ruleFor = (job: BatchJobSummary, patch: Partial<BatchJobRule>): BatchJobRule | null => {
    const label = labelOf(job);
    return label === null ? null : { ...emptyRule, labelPattern: literal(label), ...patch };
  };
  const quick = (job: BatchJobSummary, patch: Partial<BatchJobRule>) => {
    const rule = ruleFor(job, patch);
    if (rule === null) setMessage(`${job.name} takes several labels: edit its rule below instead.`);
    else add([rule]);
  };

  const runPreview = async () => {
    setMessage(null);
    try {
      const clean = draft.map(normalized);
      setDraft(clean);
      const result = await call('batches.previewJobRules', { connectionId, rules: clean });
      setPreview({ rules: JSON.stringify(clean), result });
    } catch (error) {
      setPreview(null);
      setMessage(`Cannot preview: ${errorMessage(error)}`);
    }
  };
  // The page remounts the panel on success: the page shows the outcome (savedNote).
  const save = async () => {
    const change = () => call('batches.setJobRules', { connectionId, rules: draft });
    if (await auditedChange(setMessage, change, null)) onSaved(SAVED);
  };

  const shown = useMemo(() => preview?.result.after ?? null, [preview]);
  return (
    <div className="batches-jobs" data-testid={ids.jobs}>
      <p className="muted">
        {jobs.jobs.length} jobs over the stored nights{jobs.from && ` (${jobs.from} to ${jobs.to})`}. Rename,
        hide, split or merge them; the changes become rules you preview against the stored history before
        saving.
      </p>
      <table className="table batches-jobs-table">
        <thead>
          <tr>
            <th>Merge</th>
            <th>Job</th>
            <th>From</th>
            <th>Nights</th>
            <th>Statements</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {jobs.jobs.map((j) => (
            <tr key={j.name} data-testid={ids.jobsRow} data-job={j.name}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Merge ${j.name}`}
                  data-testid={ids.jobsMergePick}
                  checked={picked.includes(j.name)}
                  onChange={(e) =>
                    setPicked((p) => (e.target.checked ? [...p, j.name] : p.filter((x) => x !== j.name)))
                  }
                />
              </td>
              <td className="mono" data-testid={ids.jobsName}>
                {j.name} {j.proposed && <span className="badge">proposed</span>}
              </td>
              <td className="mono">{sourcesText(j)}</td>
              <td>{j.nights}</td>
              <td>{j.statements}</td>
              <td className="batches-jobs-actions">
                <input
                  aria-label={`New name for ${j.name}`}
                  placeholder="new name"
                  maxLength={120}
                  data-testid={ids.jobsRename}
                  value={renames[j.name] ?? ''}
                  onChange={(e) => setRenames({ ...renames, [j.name]: e.target.value })}
                  onKeyDown={(e) => {
                    const name = (renames[j.name] ?? '').trim();
                    if (e.key === 'Enter' && name !== '') quick(j, { name });
                  }}
                  onBlur={() => {
                    const name = (renames[j.name] ?? '').trim();
                    if (name !== '' && !draft.some((r) => r.name === name)) quick(j, { name });
                  }}
                />
                {QUICK_ACTIONS.map((a) => (
                  <Button key={a.testId} small data-testid={a.testId} onClick={() => quick(j, a.patch)}>
                    {a.text}
                  </Button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="batches-jobs-merge">
        <input
          placeholder="name of the merged job"
          maxLength={120}
          data-testid={ids.jobsMergeName}
          value={mergeName}
          onChange={(e) => setMergeName(e.target.value)}
        />
        <Button
          small
          data-testid={ids.jobsMerge}
          disabled={picked.length < 2 || mergeName.trim() === ''}
          onClick={() => {
            const rules = jobs.jobs
              .filter((j) => picked.includes(j.name))
              .map((j) => ruleFor(j, { name: mergeName.trim() }))
              .filter((r): r is BatchJobRule => r !== null);
            add(rules);
            setPicked([]);
          }}
        >
          Merge {picked.length} selected jobs
        </Button>
      </div>
      {jobs.others.length > 0 && (
        <details>
          <summary>{jobs.others.length} labels that are not jobs</summary>
          <ul>
            {jobs.others.map((o) => (
              <li key={o.label} data-testid={ids.jobsOther}>
                <span className="mono">{o.label}</span>{' '}
                <span className="muted">
                  · {o.nights} nights, {o.statements} statements
                </span>{' '}
                <Button
                  small
                  data-testid={ids.jobsAddOther}
                  onClick={() => add([{ ...emptyRule, labelPattern: literal(o.label) }])}
                >
                  Make it a job
                </Button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <h3>Rules (the first that matches a label, user and queue decides)</h3>
      {draft.length === 0 && <p className="muted">No rules: every recurring label is a job of its own.</p>}
      {draft.map((r, i) => (
        <RuleRow
          key={i}
          rule={r}
          onChange={(next) => setDraft(draft.map((x, k) => (k === i ? next : x)))}
          onRemove={() => setDraft(draft.filter((_x, k) => k !== i))}
        />
      ))}
      <div className="batches-jobs-buttons">
        <Button small data-testid={ids.jobsAddRule} onClick={() => setDraft([...draft, emptyRule])}>
          Add a rule
        </Button>
        <Button data-testid={ids.jobsPreview} onClick={() => void runPreview()}>
          Preview against the stored nights
        </Button>
        <Button
          look="primary"
          data-testid={ids.jobsSave}
          disabled={!previewed}
          title={previewed ? undefined : 'Preview the rules first'}
          onClick={() => void save()}
        >
          Save rules
        </Button>
        <StatusMessage message={message} testId={ids.jobsMessage} />
      </div>
      {preview !== null && shown !== null && (
        <div className="batches-jobs-preview" data-testid={ids.jobsPreviewResult} data-current={previewed}>
          <ul>
            {preview.result.changes.map((c) => (
              <li key={c} data-testid={ids.jobsChange}>
                {c}
              </li>
            ))}
          </ul>
          <p className="muted">
            With these rules: {shown.jobs.length} jobs
            {shown.hidden.length > 0 && `, ${shown.hidden.length} hidden`}:{' '}
            {shown.jobs.map((j) => `${j.name} (${j.nights} nights, ${j.statements} statements)`).join('; ')}
          </p>
        </div>
      )}
    </div>
  );
}

/** Empty fields mean "any". */
function normalized(r: BatchJobRule): BatchJobRule {
  const orNull = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
  return {
    ...r,
    labelPattern: orNull(r.labelPattern),
    user: orNull(r.user),
    queue: orNull(r.queue),
    name: r.name.trim(),
  };
}

function RuleRow({
  rule,
  onChange,
  onRemove,
}: {
  rule: BatchJobRule;
  onChange(rule: BatchJobRule): void;
  onRemove(): void;
}) {
  const text = (field: 'labelPattern' | 'user' | 'queue', placeholder: string) => (
    <input
      aria-label={placeholder}
      placeholder={placeholder}
      maxLength={320}
      value={rule[field] ?? ''}
      onChange={(e) => onChange({ ...rule, [field]: e.target.value })}
    />
  );
  return (
    <div className="batches-jobs-rule" data-testid={ids.jobsRule}>
      <select
        aria-label="Action"
        value={rule.action}
        onChange={(e) => onChange({ ...rule, action: e.target.value === 'hide' ? 'hide' : 'job' })}
      >
        <option value="job">job</option>
        <option value="hide">hide</option>
      </select>
      {text('labelPattern', 'label pattern (nightly_*)')}
      {text('user', 'user (any)')}
      {text('queue', 'queue (any)')}
      <input
        aria-label="Job name"
        placeholder="job name (the label)"
        maxLength={120}
        value={rule.name}
        onChange={(e) => onChange({ ...rule, name: e.target.value })}
      />
      <select
        aria-label="Split"
        value={rule.splitBy}
        onChange={(e) =>
          onChange({
            ...rule,
            splitBy: e.target.value === 'user' ? 'user' : e.target.value === 'queue' ? 'queue' : 'none',
          })
        }
      >
        <option value="none">one job</option>
        <option value="user">one per user</option>
        <option value="queue">one per queue</option>
      </select>
      <Button small data-testid={ids.jobsRuleRemove} onClick={onRemove}>
        Remove
      </Button>
    </div>
  );
}
