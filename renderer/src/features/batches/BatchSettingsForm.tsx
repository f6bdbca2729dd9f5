// The batch's business time zone, night window and SLA. Saving is an audited change (batches.setSettings);
// a read-only door refuses it and the refusal is shown. The page remounts it (key) when the stored
// settings change, so the page keeps the last save's outcome (savedNote) across that remount.
import { useState, type FormEvent } from 'react';
import type { BatchSettings } from '../../../../shared/model/batch.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { errorMessage } from '../../api/ApiCallError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';

const ids = testIds.batches;

export function BatchSettingsForm({
  connectionId,
  settings,
  savedNote,
  onSaved,
}: {
  connectionId: string;
  settings: BatchSettings;
  savedNote: string | null;
  onSaved(note: string): void;
}) {
  const { call } = useApi();
  const [draft, setDraft] = useState(settings);
  const [ownMessage, setMessage] = useState<string | null>(null);
  const message = ownMessage ?? savedNote;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await call('batches.setSettings', { connectionId, ...draft, sla: draft.sla === '' ? null : draft.sla });
      onSaved('Saved (recorded in the audit log).');
    } catch (error) {
      setMessage(`Not saved: ${errorMessage(error)}`);
    }
  };

  return (
    <form className="batches-settings" data-testid={ids.settings} onSubmit={(e) => void save(e)}>
      <label>
        Business time zone
        <input
          data-testid={ids.settingsZone}
          value={draft.timeZone}
          onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
        />
      </label>
      <label>
        Night from
        <input
          type="time"
          data-testid={ids.settingsStart}
          value={draft.nightStart}
          onChange={(e) => setDraft({ ...draft, nightStart: e.target.value })}
        />
      </label>
      <label>
        to
        <input
          type="time"
          data-testid={ids.settingsEnd}
          value={draft.nightEnd}
          onChange={(e) => setDraft({ ...draft, nightEnd: e.target.value })}
        />
      </label>
      <label>
        SLA: done by
        <input
          type="time"
          data-testid={ids.settingsSla}
          value={draft.sla ?? ''}
          onChange={(e) => setDraft({ ...draft, sla: e.target.value === '' ? null : e.target.value })}
        />
      </label>
      <button type="submit" className="btn" data-testid={ids.settingsSave}>
        Save
      </button>
      <StatusMessage message={message} testId={ids.settingsMessage} />
    </form>
  );
}
