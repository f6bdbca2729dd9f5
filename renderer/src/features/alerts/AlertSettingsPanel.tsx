// A connection's alert schedule (digest time, quiet hours, time zone, hold-down) and webhook. The core
// validates and audits both; a webhook URL is never shown again once saved (only its host).
import { useState } from 'react';
import type { AlertSchedule, WebhookFormat } from '../../../../shared/model/alert.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { RemoveChannelButton } from './RemoveChannelButton.tsx';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.alerts;

export function AlertSettingsPanel({ connectionId, onSaved }: { connectionId: string; onSaved(): void }) {
  const { call } = useApi();
  const { info } = useAppState();
  const [version, setVersion] = useState(0);
  const settings = usePolled(connectionId, () => call('alerts.settings', { connectionId }), {
    reload: String(version),
  });
  // The user's edits, over the stored schedule until saved.
  const [draft, setSchedule] = useState<AlertSchedule | null>(null);
  const schedule = draft ?? settings.data?.schedule ?? null;
  const [format, setFormat] = useState<WebhookFormat>('slack');
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const save = async (what: 'schedule' | 'webhook' | 'remove') => {
    setMessage(null);
    try {
      if (what === 'schedule' && schedule) await call('alerts.setSchedule', { connectionId, schedule });
      if (what === 'webhook')
        await call('alerts.setWebhook', { connectionId, webhook: { format, url: url.trim() } });
      if (what === 'remove') await call('alerts.setWebhook', { connectionId, webhook: null });
      setUrl('');
      setSchedule(null);
      setVersion((v) => v + 1);
      setMessage('Saved.');
      onSaved();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const webhook = settings.data?.webhook ?? null;
  const field = (key: keyof AlertSchedule, label: string) =>
    schedule && (
      <label className="alerts-field">
        {label}
        <input
          className="input"
          value={String(schedule[key])}
          onChange={(e) =>
            setSchedule({
              ...schedule,
              [key]: key === 'holdDownMinutes' ? Number(e.target.value) || 0 : e.target.value,
            })
          }
        />
      </label>
    );

  return (
    <section className="alerts-settings">
      <h2 className="alerts-heading">Schedule and webhook</h2>
      <form className="alerts-form" data-testid={ids.schedule} onSubmit={submitTo(() => save('schedule'))}>
        {field('timeZone', 'Time zone')}
        {field('digestAt', 'Digest at')}
        {field('quietFrom', 'Quiet from')}
        {field('quietTo', 'Quiet to')}
        {field('holdDownMinutes', 'Hold-down (min)')}
        <button type="submit" className="button" disabled={!info.admin || !schedule}>
          Save schedule
        </button>
      </form>
      <form className="alerts-form" data-testid={ids.webhook} onSubmit={submitTo(() => save('webhook'))}>
        <span className="muted">
          {webhook
            ? `Webhook: ${webhook.format === 'slack' ? 'Slack' : 'JSON'} to ${webhook.urlHint} (${
                webhook.urlSource === 'keychain' ? 'sealed in the store' : 'kept for this run only'
              }${webhook.available ? '' : '; unavailable: set it again'})`
            : 'No webhook: incidents show here only.'}
        </span>
        <select
          className="input"
          aria-label="Webhook format"
          value={format}
          onChange={(e) => setFormat(e.target.value as WebhookFormat)}
        >
          <option value="slack">Slack incoming webhook</option>
          <option value="json">Generic JSON</option>
        </select>
        <input
          className="input alerts-url"
          type="url"
          placeholder="https://hooks.slack.com/services/…"
          aria-label="Webhook URL"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" className="button" disabled={!info.admin || url.trim() === ''}>
          Save webhook
        </button>
        <RemoveChannelButton
          shown={webhook !== null}
          admin={info.admin}
          onRemove={() => void save('remove')}
        />
      </form>
      <StatusMessage message={message} block />
    </section>
  );
}
