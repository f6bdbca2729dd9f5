// A connection's alert e-mail: SMTP host and port, STARTTLS required or optional (or TLS from the first
// byte), sender, recipients and login. The password is write-only: the core seals it and only ever says
// "password set"; leaving the field empty keeps the stored one.
import { useState } from 'react';
import type { EmailSecurity, EmailSettings } from '../../../../shared/model/alert.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { RemoveChannelButton } from './RemoveChannelButton.tsx';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.alertChannels;

interface Draft {
  host: string;
  port: string;
  security: EmailSecurity;
  from: string;
  to: string;
  user: string;
  password: string;
}

const EMPTY: Draft = {
  host: '',
  port: '587',
  security: 'starttls',
  from: '',
  to: '',
  user: '',
  password: '',
};

function draftOf(e: EmailSettings | null): Draft {
  return e ? { ...e, port: String(e.port), to: e.to.join(', '), user: e.user ?? '', password: '' } : EMPTY;
}

export function EmailSettingsPanel({ connectionId }: { connectionId: string }) {
  const { call } = useApi();
  const { info } = useAppState();
  const [version, setVersion] = useState(0);
  const settings = usePolled(connectionId, () => call('alerts.settings', { connectionId }), {
    reload: String(version),
  });
  const stored = settings.data?.email ?? null;
  const [edits, setEdits] = useState<Draft | null>(null);
  const draft = edits ?? draftOf(stored);
  const [message, setMessage] = useState<string | null>(null);
  const edit = (key: keyof Draft, value: string) => setEdits({ ...draft, [key]: value });

  const save = async (remove: boolean) => {
    setMessage(null);
    try {
      await call('alerts.setEmail', {
        connectionId,
        email: remove
          ? null
          : {
              host: draft.host.trim(),
              port: Number(draft.port),
              security: draft.security,
              from: draft.from.trim(),
              to: draft.to
                .split(/[,;\s]+/)
                .map((t) => t.trim())
                .filter((t) => t !== ''),
              user: draft.user.trim() === '' ? null : draft.user.trim(),
              // Empty keeps the stored password; there is no way to read it back.
              ...(draft.password !== '' ? { password: draft.password } : {}),
            },
      });
      setEdits(null);
      setVersion((v) => v + 1);
      setMessage('Saved.');
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const text = (key: keyof Draft, label: string, type = 'text', placeholder = '') => (
    <label className="alerts-field">
      {label}
      <input
        className="input"
        type={type}
        value={draft[key]}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        onChange={(e) => edit(key, e.target.value)}
      />
    </label>
  );

  return (
    <section className="alerts-settings">
      <h2 className="alerts-heading">E-mail</h2>
      <form className="alerts-form" data-testid={ids.email} onSubmit={submitTo(() => save(false))}>
        <span className="muted" data-testid={ids.emailStatus}>
          {stored
            ? `Pages and digests go to ${stored.to.join(', ')} via ${stored.host}:${stored.port} (${stored.passwordStatus}).`
            : 'No e-mail: set an SMTP server to send pages and digests by mail too.'}
        </span>
        {text('host', 'SMTP host', 'text', 'smtp.example.com')}
        {text('port', 'Port')}
        <label className="alerts-field">
          Security
          <select className="input" value={draft.security} onChange={(e) => edit('security', e.target.value)}>
            <option value="starttls">STARTTLS required</option>
            <option value="starttls-optional">STARTTLS when offered</option>
            <option value="tls">TLS (port 465)</option>
          </select>
        </label>
        {text('from', 'From', 'email', 'nightshift@example.com')}
        {text('to', 'To (comma separated)', 'text', 'oncall@example.com')}
        {text('user', 'Login (empty: none)')}
        {text(
          'password',
          'Password',
          'password',
          stored?.passwordSource === 'none' || !stored ? '' : 'set: leave empty to keep',
        )}
        <button type="submit" className="button" disabled={!info.admin || draft.host.trim() === ''}>
          Save e-mail
        </button>
        <RemoveChannelButton shown={stored !== null} admin={info.admin} onRemove={() => void save(true)} />
      </form>
      <StatusMessage message={message} block />
    </section>
  );
}
