// The replay (issue #12): run the rules in force, and the rules panel's unsaved edits beside them, over
// the stored history, and read night by night what would have paged and what would have gone to the
// digest ("last 30 nights: 41 pages with the current rules, 3 with these"). The replay runs in the
// core's worker thread for up to a minute on a big store: the panel follows its 'alerts.replay' progress
// events (by the id it gave the run) and can cancel it.
import { useState } from 'react';
import type { ReplayComparison } from '../../../../shared/model/alertRule.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi, useEvent } from '../../api/ApiContext.tsx';
import type { RuleDrafts } from './AlertRulesPanel.tsx';
import { TableHead } from '../../components/TableHead.tsx';

const ids = testIds.alerts;

export function AlertReplayPanel({ connectionId, drafts }: { connectionId: string; drafts: RuleDrafts }) {
  const { call } = useApi();
  const [nights, setNights] = useState(30);
  const [result, setResult] = useState<ReplayComparison | null>(null);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [replayId, setReplayId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const edited = Object.keys(drafts).length;

  useEvent('alerts.replay', (p) => {
    if (p.replayId === replayId && !p.finished) setProgress({ done: p.done, total: p.total });
  });

  const run = async (withEdits: boolean) => {
    // Not crypto.randomUUID: door 2 may be served over plain http to another host (no secure context).
    const id = `replay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    setReplayId(id);
    setProgress(null);
    setRunning(true);
    setMessage(null);
    try {
      setResult(
        await call('alerts.replay', {
          connectionId,
          nights,
          rules: withEdits && edited > 0 ? drafts : null,
          replayId: id,
        }),
      );
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setRunning(false);
      setReplayId(null);
    }
  };
  const cancel = async () => {
    if (replayId) await call('alerts.cancelReplay', { replayId }).catch(() => undefined);
  };
  const percent = progress && progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
  const editedNights = new Map((result?.edited?.nights ?? []).map((n) => [n.digestDate, n]));
  const dates = [
    ...new Set(
      [...(result?.current.nights ?? []), ...(result?.edited?.nights ?? [])].map((n) => n.digestDate),
    ),
  ].sort((a, b) => b.localeCompare(a));
  const current = new Map((result?.current.nights ?? []).map((n) => [n.digestDate, n]));

  return (
    <section className="alerts-replay" data-testid={ids.replay} aria-labelledby="alerts-replay-title">
      <h2 id="alerts-replay-title" className="alerts-heading">
        Replay over stored history
      </h2>
      <form
        className="alerts-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <label className="alerts-field">
          Last
          <input
            className="input alerts-number"
            type="number"
            min={1}
            max={90}
            aria-label="Nights to replay"
            value={nights}
            onChange={(e) => setNights(Math.max(1, Math.min(90, Number(e.target.value) || 1)))}
          />
          nights
        </label>
        <button type="submit" className="button" data-testid={ids.replayRun} disabled={running}>
          Replay the rules in force
        </button>
        <button
          type="button"
          className="button"
          data-testid={ids.replayEdited}
          disabled={running || edited === 0}
          onClick={() => void run(true)}
        >
          {edited === 0
            ? 'Edit a rule above to compare'
            : `Compare with my ${edited} edited rule${edited === 1 ? '' : 's'}`}
        </button>
        {running && (
          <>
            <progress
              data-testid={ids.replayProgress}
              aria-label="Replay progress"
              max={100}
              value={percent}
            />
            <span className="muted">Replaying… {percent} %</span>
            <button
              type="button"
              className="button"
              data-testid={ids.replayCancel}
              onClick={() => void cancel()}
            >
              Cancel
            </button>
          </>
        )}
      </form>
      {message && <p role="alert">{message}</p>}
      {result && (
        <>
          <p data-testid={ids.replaySummary}>
            <strong>{result.summary}</strong>
            {result.current.suppressed > 0 ? ` ${result.current.suppressed} held back by exemptions.` : ''}
          </p>
          <table className="alerts-table">
            <TableHead
              columns={[
                'Digest of',
                'Pages (in force)',
                'Digest items (in force)',
                ...(result.edited ? ['Pages (edited)', 'Digest items (edited)'] : []),
                'What would have paged',
              ]}
            />
            <tbody>
              {dates.map((d) => {
                const c = current.get(d);
                const e = editedNights.get(d);
                return (
                  <tr
                    key={d}
                    data-testid={ids.replayNight}
                    data-date={d}
                    data-pages={c?.pages ?? 0}
                    data-digest={c?.digestItems ?? 0}
                  >
                    <td>{d}</td>
                    <td>{c?.pages ?? 0}</td>
                    <td title={(c?.digest ?? []).join('\n')}>{c?.digestItems ?? 0}</td>
                    {result.edited && <td>{e?.pages ?? 0}</td>}
                    {result.edited && <td title={(e?.digest ?? []).join('\n')}>{e?.digestItems ?? 0}</td>}
                    <td className="alerts-replay-paged">{(c?.paged ?? []).join(' · ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
