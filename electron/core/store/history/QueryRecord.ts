/** One finished statement as the store keeps it (queries table, migrations/0002_history.sql). */
export interface QueryRecord {
  connectionId: string;
  query: number;
  startUs: number;
  endUs: number;
  userId: number;
  userName: string | null;
  pid: number;
  xid: number;
  label: string;
  database: string;
  serviceClass: number | null;
  queueName: string | null;
  slotCount: number | null;
  queueUs: number;
  execUs: number;
  elapsedUs: number;
  aborted: boolean;
  fingerprint: string;
  text: string;
  textComplete: boolean;
  wlmQueueStartUs: number | null;
  wlmQueueEndUs: number | null;
  wlmExecStartUs: number | null;
  wlmExecEndUs: number | null;
  finalState: string | null;
  source: 'stl' | 'sys';
}
