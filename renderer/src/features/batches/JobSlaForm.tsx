// A job's SLA ("done by HH:MM" in the business time zone). Saving is an audited change
// (batches.setJobSla); a read-only door refuses it and the refusal is shown.
import { useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { Button } from '../../components/Button.tsx';
import { auditedChange } from '../../components/auditedChange.ts';
import { submitTo } from '../../components/submitTo.ts';
import { TimeField } from '../../components/TimeField.tsx';

const ids = testIds.batches;

export function JobSlaForm(props: {
  connectionId: string;
  label: string;
  sla: string | null;
  onSaved(): void;
}) {
  const { call } = useApi();
  const [draft, setDraft] = useState(props.sla ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const change = { connectionId: props.connectionId, label: props.label, sla: draft === '' ? null : draft };
    if (await auditedChange(setMessage, () => call('batches.setJobSla', change))) props.onSaved();
  };
  return (
    <form className="batches-settings" onSubmit={submitTo(save)}>
      <TimeField label="Job SLA: done by" testId={ids.jobSla} value={draft} onChange={setDraft} />
      <Button type="submit" data-testid={ids.jobSlaSave}>
        Save
      </Button>
      <StatusMessage message={message} testId={ids.jobSlaMessage} />
    </form>
  );
}
