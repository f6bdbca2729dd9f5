// One finished statement as the collector stores it from STL (no WLM times of its own): a test names
// what it is about (who, when, how long, which shape) and takes the rest as an ordinary completed run.
import type { QueryRecord } from '../../../../electron/core/store/history/QueryRecord.ts';

export type StatementFacts = Pick<
  QueryRecord,
  'connectionId' | 'query' | 'startUs' | 'queueUs' | 'execUs' | 'fingerprint' | 'text'
> &
  Partial<QueryRecord>;

export function storedStatement(facts: StatementFacts): QueryRecord {
  const elapsedUs = facts.queueUs + facts.execUs;
  return {
    endUs: facts.startUs + elapsedUs,
    elapsedUs,
    userId: 100,
    userName: 'etl_user',
    pid: 1,
    xid: 1,
    label: 'default',
    database: 'dev',
    serviceClass: 6,
    queueName: 'etl_nightly',
    slotCount: 1,
    aborted: false,
    textComplete: true,
    wlmQueueStartUs: null,
    wlmQueueEndUs: null,
    wlmExecStartUs: null,
    wlmExecEndUs: null,
    finalState: 'Completed',
    source: 'stl',
    ...facts,
  };
}
