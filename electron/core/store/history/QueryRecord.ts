import type { QueryDetail } from '../../../../shared/model/query.ts';

/**
 * One finished statement as the store keeps it (queries table, migrations/0002_history.sql): the
 * contract's fields where they are the same, times in microseconds where the contract has ISO strings.
 */
export interface QueryRecord extends Pick<
  QueryDetail,
  | 'connectionId'
  | 'query'
  | 'userId'
  | 'userName'
  | 'pid'
  | 'xid'
  | 'label'
  | 'database'
  | 'serviceClass'
  | 'queueName'
  | 'slotCount'
  | 'aborted'
  | 'fingerprint'
  | 'text'
  | 'textComplete'
> {
  startUs: number;
  endUs: number;
  queueUs: number;
  execUs: number;
  elapsedUs: number;
  wlmQueueStartUs: number | null;
  wlmQueueEndUs: number | null;
  wlmExecStartUs: number | null;
  wlmExecEndUs: number | null;
  finalState: string | null;
  source: 'stl' | 'sys';
}
