// Nightly batches (#/batches?night=YYYY-MM-DD&nights=N, issue #10): one night's jobs as bars with what
// determined the finish in words, the finish time's drift against the SLA with a forecast, and the
// batch settings (business time zone, night window, SLA).
import { useMemo, useRef, useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useEvent } from '../../api/ApiContext.tsx';
import { useView } from '../../app/ViewState.ts';
import { useHashParams } from '../../app/useHashPage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useWhyEmpty } from '../../components/useWhyEmpty.ts';
import { useCall } from '../../hooks/useCall.ts';
import { BatchSettingsForm } from './BatchSettingsForm.tsx';
import { BatchPage } from './BatchPage.tsx';
import { DriftPanel } from './DriftPanel.tsx';
import { JobsPanel } from './JobsPanel.tsx';
import { NightMarks } from './NightMarks.tsx';
import { NightTimeline } from './NightTimeline.tsx';
import { NIGHT_RANGES, NightSelect, RangeSelect } from './NightSelects.tsx';
import './batches.css';

const ids = testIds.batches;

export function BatchesPage() {
  const view = useView();
  const params = useHashParams();
  const connectionId = view.connectionId;
  const nightParam = params.get('night');
  const night = nightParam !== null && /^\d{4}-\d{2}-\d{2}$/.test(nightParam) ? nightParam : undefined;
  const nightsParam = Number(params.get('nights'));
  const nights = NIGHT_RANGES.find((r) => r === nightsParam) ?? 90;
  const [saved, setSaved] = useState(0);
  // What the last save said: the panels remount when what they show was saved, and would forget it.
  const [jobsNote, setJobsNote] = useState<string | null>(null);
  const [settingsNote, setSettingsNote] = useState<string | null>(null);
  /** A panel saved: keep what it said, and ask every answer again (a change can recut the nights). */
  const savedWith = (keepNote: (note: string) => void) => (note: string) => {
    keepNote(note);
    setSaved((s) => s + 1);
  };
  const whyEmpty = useWhyEmpty({ job: 'query_history' });

  const nightArgs = useMemo(
    () => (connectionId === null ? null : { connectionId, ...(night ? { night } : {}) }),
    [connectionId, night],
  );
  const settingsArgs = useMemo(() => (connectionId === null ? null : { connectionId }), [connectionId]);
  const driftArgs = useMemo(
    () => (connectionId === null ? null : { connectionId, nights }),
    [connectionId, nights],
  );
  // A settings change re-cuts the nights: every answer is asked for again (`saved`).
  const nightCall = useCall('batches.night', nightArgs, saved);
  const settingsCall = useCall('batches.settings', settingsArgs, saved);
  const driftCall = useCall('batches.drift', driftArgs, saved);
  const jobsCall = useCall('batches.jobs', settingsArgs, saved);
  // While the nights are recut (a new window), every step is read again: the views fill in newest first.
  // At most every 2 s (a slice is ~40 ms), and when it is done.
  const lastRefresh = useRef(0);
  useEvent('batches.rebuild', (p) => {
    if (p.connectionId !== connectionId) return;
    if (!p.finished && Date.now() - lastRefresh.current < 2_000) return;
    lastRefresh.current = Date.now();
    setSaved((s) => s + 1);
  });
  const go = (p: { night?: string | undefined; nights?: number }) => {
    window.location.hash = view.linkTo('batches', { night: p.night ?? night, nights: p.nights ?? nights });
  };

  const n = nightCall.data;
  const error = nightCall.error ?? driftCall.error;
  return (
    <BatchPage view="batches" night={n?.night ?? night} error={error}>
      {connectionId === null ? (
        <EmptyState testId={ids.empty} message={whyEmpty} />
      ) : n === null ? (
        error === null && <p className="muted">Loading the night…</p>
      ) : n.night === null ? (
        <EmptyState testId={ids.empty} message={n.story} />
      ) : (
        <>
          <div className="batches-night-head">
            <label>
              Night{' '}
              <NightSelect
                testId={ids.nightPicker}
                value={n.night}
                nights={n.nights}
                onChange={(night) => go({ night })}
              />
            </label>
            {n.monthStart && <span className="badge badge-warn">month start</span>}
            {n.finish && (
              <span
                className="batches-finish"
                data-testid={ids.finish}
                data-sla={
                  n.finish.slaMarginMinutes === null
                    ? 'none'
                    : n.finish.slaMarginMinutes > 0
                      ? 'missed'
                      : 'met'
                }
              >
                Finished {n.finish.clock} ({n.timeZone}){n.finish.sla !== null && ` · SLA ${n.finish.sla}`}
              </span>
            )}
          </div>
          <p className="batches-story" data-testid={ids.story}>
            {n.story}
          </p>
          <NightTimeline night={n} />
          {n.window !== null && (
            <NightMarks connectionId={n.connectionId} night={n.night} window={n.window} refresh={saved} />
          )}
          {n.otherLabels.length > 0 && (
            <details className="batches-other" data-testid={ids.otherLabels}>
              <summary>{n.otherLabels.length} other labels this night (not batch jobs)</summary>
              <ul>
                {n.otherLabels.map((l) => (
                  <li key={l.label} data-testid={ids.otherLabel}>
                    <span className="mono">{l.label}</span>{' '}
                    <span className="muted">· {l.statements} statements</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {connectionId !== null && (
        <>
          <h2 className="batches-h2">
            Finish time drift{' '}
            <RangeSelect testId={ids.driftRange} value={nights} onChange={(r) => go({ nights: r })} />
          </h2>
          {driftCall.data && <DriftPanel drift={driftCall.data} />}
          <h2 className="batches-h2">Jobs</h2>
          {jobsCall.data && (
            <JobsPanel
              key={`${connectionId}|${JSON.stringify(jobsCall.data.rules)}`}
              connectionId={connectionId}
              jobs={jobsCall.data}
              savedNote={jobsNote}
              onSaved={savedWith(setJobsNote)}
            />
          )}
          <h2 className="batches-h2">Batch settings</h2>
          {settingsCall.data && (
            <BatchSettingsForm
              key={`${connectionId}|${JSON.stringify(settingsCall.data)}`}
              connectionId={connectionId}
              settings={settingsCall.data}
              savedNote={settingsNote}
              onSaved={savedWith(setSettingsNote)}
            />
          )}
        </>
      )}
    </BatchPage>
  );
}
