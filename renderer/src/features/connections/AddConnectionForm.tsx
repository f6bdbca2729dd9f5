import { useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { SslMode } from '../../../../shared/model/connection.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import {
  checkDraft,
  EMPTY_DRAFT,
  FIELD_LABELS,
  type ConnectionDraft,
  type DraftField,
  type DraftKind,
} from './connectionDraft.ts';
import { Button } from '../../components/Button';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { Segmented } from '../../components/Segmented';

interface Props {
  /** Whether the core can keep the password encrypted (desktop) or only for this run (headless). */
  canStoreSecrets: boolean;
  onClose: () => void;
  onAdded: () => void;
}

interface Problem {
  field: DraftField | null;
  message: string;
}

const SSL_MODES: readonly { value: SslMode; label: string }[] = [
  { value: 'require', label: 'require (encrypt)' },
  { value: 'verify-full', label: 'verify-full (encrypt, check certificate and host)' },
  { value: 'disable', label: 'disable (plain text)' },
];

export function AddConnectionForm({ canStoreSecrets, onClose, onAdded }: Props) {
  const { call } = useApi();
  const [draft, setDraft] = useState<ConnectionDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errorId = useId();

  const setField = (field: DraftField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (problem?.field === field) setProblem(null);
  };
  const update = (field: DraftField) => (event: ChangeEvent<HTMLInputElement>) =>
    setField(field, event.target.value);

  const setKind = (kind: DraftKind) => {
    setDraft((d) => ({ ...d, kind }));
    setProblem(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkDraft(draft);
    if (!check.ok) {
      setProblem({ field: check.field, message: check.message });
      if (check.field) formRef.current?.querySelector<HTMLElement>(`[name="${check.field}"]`)?.focus();
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await call('connections.add', check.args);
      onAdded();
    } catch (e) {
      setProblem({ field: null, message: errorMessage(e) });
      setSaving(false);
    }
  };

  /** One labelled input; the field named in the current problem is marked invalid. */
  const field = (name: DraftField, testId: string, input: Partial<InputProps> = {}, hint?: ReactNode) => (
    <label className={`field${input.wide ? ' field-wide' : ''}`}>
      <span className="field-label">
        {FIELD_LABELS[name]}
        {input.optional && <span className="faint"> (optional)</span>}
      </span>
      <input
        name={name}
        data-testid={testId}
        type={input.type ?? 'text'}
        value={draft[name]}
        onChange={update(name)}
        placeholder={input.placeholder}
        inputMode={input.inputMode}
        autoComplete={input.type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        aria-invalid={problem?.field === name || undefined}
        aria-describedby={problem?.field === name ? errorId : undefined}
        className="input"
      />
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );

  return (
    <form
      ref={formRef}
      className="panel add-form"
      data-testid={testIds.addForm.root}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Add connection"
    >
      <div className="panel-header">
        <h2 className="panel-title">Add connection</h2>
        <Segmented
          label="Connection kind"
          className="segmented"
          optionClassName="segment"
          segments={[
            { value: 'direct', label: 'Direct (host + password)', testId: testIds.addForm.kindDirect },
            { value: 'cluster', label: 'Provisioned cluster (IAM)', testId: testIds.addForm.kindCluster },
          ]}
          value={draft.kind}
          onChange={setKind}
        />
      </div>

      <div className="form-grid">
        {field('name', testIds.addForm.name, { placeholder: 'prod-warehouse' })}
        {draft.kind === 'direct' ? (
          <>
            {field('host', testIds.addForm.host, {
              placeholder: 'examplecluster.abc123.eu-west-1.redshift.amazonaws.com',
              wide: true,
            })}
            {field('port', testIds.addForm.port, { inputMode: 'numeric', placeholder: '5439' })}
            {field('database', testIds.addForm.database, { placeholder: 'dev' })}
            {field('user', testIds.addForm.user, { placeholder: 'nightshift_monitor' })}
            {field(
              'password',
              testIds.addForm.password,
              { type: 'password', optional: true },
              canStoreSecrets
                ? 'Stored encrypted with the OS keychain. Leave empty to use PGPASSWORD or ~/.pgpass.'
                : 'Kept in memory until the server stops, never written to disk. Leave empty to use PGPASSWORD or ~/.pgpass.',
            )}
            <label className="field">
              <span className="field-label">{FIELD_LABELS.sslMode}</span>
              <ChoiceSelect
                name="sslMode"
                testId={testIds.addForm.sslMode}
                value={draft.sslMode}
                choices={SSL_MODES}
                onChange={(v) => setField('sslMode', v)}
              />
            </label>
          </>
        ) : (
          <>
            {field('region', testIds.addForm.region, { placeholder: 'eu-west-1' })}
            {field('clusterIdentifier', testIds.addForm.clusterIdentifier, { placeholder: 'prod-warehouse' })}
            {field('database', testIds.addForm.database, { placeholder: 'dev' })}
            {field(
              'dbUser',
              testIds.addForm.dbUser,
              { placeholder: 'nightshift_monitor' },
              'A temporary password is issued for this user at each connect.',
            )}
            {field(
              'awsProfile',
              testIds.addForm.awsProfile,
              { optional: true, placeholder: 'default credential chain' },
              'A named profile from ~/.aws.',
            )}
            {field(
              'awsEndpoint',
              testIds.addForm.awsEndpoint,
              { optional: true, placeholder: 'https://redshift.eu-west-1.amazonaws.com', wide: true },
              'Only for a VPC endpoint or a local stand-in.',
            )}
          </>
        )}
      </div>

      <div className="form-footer">
        <div className="form-problem" id={errorId} role="alert" data-testid={testIds.addForm.error}>
          {problem?.message}
        </div>
        <Button look="quiet" data-testid={testIds.addForm.cancel} onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" look="primary" data-testid={testIds.addForm.submit} disabled={saving}>
          {saving ? 'Saving…' : 'Save connection'}
        </Button>
      </div>
    </form>
  );
}

interface InputProps {
  type: 'text' | 'password';
  placeholder: string;
  inputMode: 'numeric' | 'text';
  optional: boolean;
  wide: boolean;
}
