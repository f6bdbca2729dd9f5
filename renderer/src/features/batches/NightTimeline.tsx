// One night: every job as a bar across the night window (queued share hatched, executing share solid),
// expandable to its statements.
import { useState } from 'react';
import type { BatchNight } from '../../../../shared/model/batch.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, formatDuration } from '../../time/formatTime.ts';
import { barOf, versusMedian } from './batchModel.ts';
import { JobStatements } from './JobStatements.tsx';

const ids = testIds.batches;

export function NightTimeline({ night }: { night: BatchNight }) {
  const { zone } = useView();
  const [open, setOpen] = useState<string | null>(null);
  const window = night.window;
  if (window === null || night.night === null) return null;
  return (
    <div className="batches-timeline" data-testid={ids.timeline} role="list">
      {night.jobs.map((job) => {
        const bar = barOf(job, window);
        const expanded = open === job.label;
        const moved = night.movers.includes(job.label);
        return (
          <div key={job.label} role="listitem" data-testid={ids.job} data-label={job.label}>
            <div className="batches-job">
              <button
                type="button"
                className="batches-job-toggle"
                aria-expanded={expanded}
                data-testid={ids.jobExpand}
                onClick={() => setOpen(expanded ? null : job.label)}
              >
                {expanded ? '▾' : '▸'}
              </button>
              <span className="batches-job-label" data-testid={ids.jobLabel} title={job.label}>
                {job.label}
                {moved && <span className="badge badge-warn">moved the finish</span>}
                {job.aborted > 0 && <span className="badge badge-danger">{job.aborted} aborted</span>}
              </span>
              <span className="batches-track">
                <span
                  className="batches-bar"
                  data-testid={ids.jobBar}
                  style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                  title={`${formatDateTime(job.firstStart, zone)} → ${formatDateTime(job.lastEnd, zone)}`}
                >
                  <span className="batches-bar-queued" style={{ width: `${bar.queuedShare * 100}%` }} />
                  <span className="batches-bar-exec" />
                </span>
              </span>
              <span className="batches-job-figures">
                {formatDuration(job.durationMs)}
                {versusMedian(job) !== null && <span className="muted"> ({versusMedian(job)})</span>}
                <span className="muted">
                  {' '}
                  · {job.statements} stmts · queued {formatDuration(job.queueMs)} · exec{' '}
                  {formatDuration(job.execMs)}
                  {job.execFactor !== null && ` (×${job.execFactor.toFixed(1)})`}
                </span>
              </span>
            </div>
            {expanded && (
              <JobStatements connectionId={night.connectionId} night={night.night!} label={job.label} />
            )}
          </div>
        );
      })}
    </div>
  );
}
