// Replays in a worker thread (issue #12): a replay of 90 nights judges every rule at every hour and
// takes tens of seconds on a big store, which in the core's thread would hold every other API call and
// the collector's passes. The worker opens the same store file read-only (WAL lets it read beside the
// writer) and reports its progress; cancelling terminates it.
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../base/ApiError.ts';
import { startWorker } from '../base/startWorker.ts';
import { REPLAY_CANCELLED, type ReplayJob, type ReplayJobResult, type ReplayRunner } from './runReplayJob.ts';

export interface ReplayWorkerData {
  dbPath: string;
  job: ReplayJob;
}

export type ReplayWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReplayJobResult }
  | { type: 'error'; message: string };

/** `module` is the worker entry (electron/core/alertReplayWorker.ts, or its bundled .cjs). */
export function workerReplays(module: URL, dbPath: string): ReplayRunner {
  return (job, onProgress) => {
    const worker: Worker = startWorker(module, { dbPath, job } satisfies ReplayWorkerData);
    let cancelled = false;
    const result = new Promise<ReplayJobResult>((resolve, reject) => {
      worker.on('message', (m: ReplayWorkerMessage) => {
        if (m.type === 'progress') onProgress(m.done, m.total);
        else if (m.type === 'done') resolve(m.result);
        else reject(new ApiError('internal', `The replay failed: ${m.message}`));
      });
      worker.on('error', (e) => reject(new ApiError('internal', `The replay failed: ${e.message}`)));
      // After 'done' this settles nothing; before it, the worker was terminated or died.
      worker.on('exit', () =>
        reject(
          cancelled
            ? new ApiError('unavailable', REPLAY_CANCELLED)
            : new ApiError('internal', 'The replay stopped before it finished.'),
        ),
      );
    });
    return {
      result,
      cancel: () => {
        cancelled = true;
        void worker.terminate();
      },
    };
  };
}
