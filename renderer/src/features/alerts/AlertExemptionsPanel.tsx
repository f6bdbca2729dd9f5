// Exemptions and snoozes (issue #12): "mute this feed until Monday", "nightly_dq_checks may run late
// on Sundays". Each names a rule, job, feed or queue, with an author, a reason and an end; it ends by
// itself. What they held back is listed: suppressed, not lost.
import { useState } from 'react';
import type { ExemptionKind } from '../../../../shared/model/alertRule.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useAppState } from '../../app/AppState.ts';
import { usePolled } from '../../hooks/usePolled.ts';
import { formatDateTime, type TimeZoneChoice } from '../../time/formatTime.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { TextInput } from '../../components/TextInput.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.alerts;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const REFRESH_MS = 30_000;

export function AlertExemptionsPanel({ connectionId, zone }: { connectionId: string; zone: TimeZoneChoice }) {
  const { call } = useApi();
  const { info } = useAppState();
  const [version, setVersion] = useState(0);
  const reload = String(version);
  const list = usePolled(connectionId, () => call('alerts.exemptions', { connectionId }), {
    everyMs: REFRESH_MS,
    reload,
  });
  const held = usePolled(connectionId, () => call('alerts.suppressed', { connectionId, limit: 50 }), {
    everyMs: REFRESH_MS,
    reload,
  });
  const [kind, setKind] = useState<ExemptionKind>('feed');
  const [target, setTarget] = useState('');
  const [ruleId, setRuleId] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [until, setUntil] = useState('');
  const [author, setAuthor] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const add = async () => {
    setMessage(null);
    try {
      const end = new Date(until);
      if (Number.isNaN(end.getTime())) throw new Error('Give the end as a date and time.');
      await call('alerts.addExemption', {
        connectionId,
        kind,
        target: target.trim(),
        ruleId: kind === 'rule' || ruleId.trim() === '' ? null : ruleId.trim(),
        weekdays: weekdays.length > 0 ? weekdays : null,
        until: end.toISOString(),
        author: author.trim(),
        reason: reason.trim(),
      });
      setTarget('');
      setReason('');
      setWeekdays([]);
      setMessage('Added.');
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const end = async (exemptionId: number) => {
    setMessage(null);
    try {
      await call('alerts.endExemption', { exemptionId, by: author.trim() || 'unknown' });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  return (
    <section
      className="alerts-exemptions"
      data-testid={ids.exemptions}
      aria-labelledby="alerts-exemptions-title"
    >
      <h2 id="alerts-exemptions-title" className="alerts-heading">
        Exemptions and snoozes
      </h2>
      <table className="alerts-table">
        <TableHead columns={['What', 'When', 'Until', 'Who and why', 'Held back', { label: '' }]} />
        <tbody>
          {(list.data ?? []).map((e) => (
            <tr key={e.id} data-testid={ids.exemption} data-id={e.id} data-active={String(e.activeNow)}>
              <td>
                {e.kind} “{e.target}”{e.ruleId ? ` (rule ${e.ruleId})` : ''}
              </td>
              <td>
                {e.weekdays
                  ? `every ${e.weekdays.map((d) => WEEKDAYS[d]).join(', ')} (${e.timeZone})`
                  : 'snooze'}
                {e.activeNow ? ' · in force now' : ''}
              </td>
              <td>
                {formatDateTime(e.endedAt ?? e.until, zone)}
                {e.endedAt ? ` (ended by ${e.endedBy ?? '?'})` : ''}
              </td>
              <td>
                {e.author}: {e.reason}
              </td>
              <td>{e.suppressed}</td>
              <td>
                {e.endedAt === null && (
                  <button
                    type="button"
                    className="button button-quiet"
                    data-testid={ids.exemptionEnd}
                    disabled={!info.admin}
                    onClick={() => void end(e.id)}
                  >
                    End now
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="alerts-form" data-testid={ids.exemptionForm} onSubmit={submitTo(add)}>
        <select
          className="input"
          aria-label="Exempt a"
          value={kind}
          onChange={(e) => setKind(e.target.value as ExemptionKind)}
        >
          <option value="feed">feed</option>
          <option value="job">job</option>
          <option value="queue">queue</option>
          <option value="rule">rule</option>
        </select>
        <TextInput
          label="Name"
          value={target}
          onChange={setTarget}
          placeholder={kind === 'rule' ? 'rule id (feed-late)' : `${kind} name contains…`}
        />
        {kind !== 'rule' && (
          <TextInput
            label="Only the rule"
            value={ruleId}
            onChange={setRuleId}
            placeholder="only rule (optional)"
          />
        )}
        <span className="alerts-field" role="group" aria-label="Recurring on">
          {WEEKDAYS.map((d, i) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={weekdays.includes(i)}
                onChange={(e) =>
                  setWeekdays(e.target.checked ? [...weekdays, i] : weekdays.filter((w) => w !== i))
                }
              />
              {d}
            </label>
          ))}
        </span>
        <label className="alerts-field">
          Until
          <TextInput label="Until" value={until} onChange={setUntil} type="datetime-local" />
        </label>
        <TextInput label="Exemption author" value={author} onChange={setAuthor} placeholder="Your name" />
        <TextInput label="Reason" value={reason} onChange={setReason} placeholder="Reason" />
        <button
          type="submit"
          className="button"
          disabled={
            !info.admin ||
            target.trim() === '' ||
            until === '' ||
            author.trim() === '' ||
            reason.trim() === ''
          }
        >
          Add
        </button>
      </form>
      <StatusMessage message={message} block />
      {(held.data ?? []).length > 0 && (
        <>
          <h3 className="alerts-heading">Held back (recorded, not sent)</h3>
          <ul className="alerts-list" data-testid={ids.suppressed}>
            {(held.data ?? []).map((h) => (
              <li key={h.incidentId} className="muted">
                {formatDateTime(h.lastSeen, zone)} · {h.severity} · {h.message} (exemption #{h.exemptionId},{' '}
                {h.count}×)
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
