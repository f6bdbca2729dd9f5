// The batch's business time zone, night window and SLA. Saving is an audited change (batches.setSettings);
// a read-only door refuses it and the refusal is shown. The page remounts it (key) when the stored
// settings change, so the page keeps the last save's outcome (savedNote) across that remount.
import { useState } from 'react';
import type { BatchSettings } from '../../../../shared/model/batch.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { Button } from '../../components/Button.tsx';
import { auditedChange, SAVED } from '../../components/auditedChange.ts';
import { submitTo } from '../../components/submitTo.ts';
import { TimeField } from '../../components/TimeField.tsx';

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

  // The page remounts the form on success: the page shows the outcome (savedNote).
  const save = async () => {
    const change = { connectionId, ...draft, sla: draft.sla === '' ? null : draft.sla };
    if (await auditedChange(setMessage, () => call('batches.setSettings', change), null)) onSaved(SAVED);
  };

  /** A night edge's field: its value and where a change goes. */
  const bind = (edge: 'nightStart' | 'nightEnd') => ({
    value: draft[edge],
    onChange: (time: string) => setDraft({ ...draft, [edge]: time }),
  });

  return (
    <form className="batches-settings" data-testid={ids.settings} onSubmit={submitTo(save)}>
      <label>
        Business time zone
        <input
          data-testid={ids.settingsZone}
          value={draft.timeZone}
          onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
        />
      </label>
      <TimeField label="Night from" testId={ids.settingsStart} {...bind('nightStart')} />
      <TimeField label="to" testId={ids.settingsEnd} {...bind('nightEnd')} />
      <TimeField
        label="SLA: done by"
        testId={ids.settingsSla}
        value={draft.sla ?? ''}
        onChange={(sla) => setDraft({ ...draft, sla: sla === '' ? null : sla })}
      />
      <Button type="submit" data-testid={ids.settingsSave}>
        Save
      </Button>
      <StatusMessage message={message} testId={ids.settingsMessage} />
    </form>
  );
}
