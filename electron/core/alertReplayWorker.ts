// The replay's worker thread (issue #12, alerts/workerReplays.ts): opens the store file read-only, runs
// one replay job with every area's rule kinds, and posts its progress and its result.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { ALERT_RULE_KINDS } from './alertRuleKinds.ts';
import { AlertRuleSet } from './alerts/AlertRuleSet.ts';
import { runReplayJob } from './alerts/runReplayJob.ts';
import type { ReplayWorkerData, ReplayWorkerMessage } from './alerts/workerReplays.ts';

const post = (m: ReplayWorkerMessage) => parentPort?.postMessage(m);
const { dbPath, job } = workerData as ReplayWorkerData;
try {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = runReplayJob(db, new AlertRuleSet(db, ALERT_RULE_KINDS), job, (done, total) =>
      post({ type: 'progress', done, total }),
    );
    post({ type: 'done', result });
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
