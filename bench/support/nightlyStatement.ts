// One completed statement of a synthetic nightly ETL job, as the collector stores it: the batch benches
// vary when jobs start, how long they queue and run, and what they are called; everything else is this.
import type { QueryRecord } from '../../electron/core/store/history/QueryRecord.ts';

export interface NightlyStatement {
  connectionId: string;
  query: number;
  /** 'YYYY-MM-DD', written into the SQL as the day it loads. */
  night: string;
  job: number;
  /** The statement's place in its job (fingerprints repeat every 20). */
  step: number;
  label: string;
  startUs: number;
  queueUs: number;
  execUs: number;
}

export function nightlyStatement(s: NightlyStatement): QueryRecord {
  const { startUs, queueUs, execUs, job, step } = s;
  return {
    connectionId: s.connectionId,
    query: s.query,
    startUs,
    endUs: startUs + queueUs + execUs,
    userId: 101,
    userName: 'etl_user',
    pid: 40_000 + job,
    xid: s.query + 1,
    label: s.label,
    database: 'dev',
    serviceClass: 6,
    queueName: 'etl_nightly',
    slotCount: 1,
    queueUs,
    execUs,
    elapsedUs: queueUs + execUs,
    aborted: false,
    fingerprint: `f${job}-${step % 20}`,
    text: `INSERT INTO mart.t_${job} SELECT * FROM stage.s_${job} WHERE day = '${s.night}' -- ${step}`,
    textComplete: true,
    wlmQueueStartUs: startUs,
    wlmQueueEndUs: startUs + queueUs,
    wlmExecStartUs: startUs + queueUs,
    wlmExecEndUs: startUs + queueUs + execUs,
    finalState: 'Completed',
    source: 'stl',
  };
}
