// The audit chain's hash: SHA-256 over a record's content, its sequence number and the previous
// record's hash, in one fixed serialisation (a JSON array in column order). Used where records are
// written, where the store is verified, and by `npm run verify-audit` on an exported CSV.
import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../../shared/model/audit.ts';

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** A record's chained content, as stored (JSON columns as their text); read back from a CSV too. */
export type ChainedContent = Omit<AuditRecord, 'prevHash' | 'hash' | 'repeats' | 'outcome'> & {
  outcome: string;
};

export function auditHash(record: ChainedContent, prevHash: string): string {
  const content = [
    record.seq,
    record.at,
    record.requestId,
    record.actorOsUser,
    record.actorDbUser,
    record.actorAws,
    record.connectionId,
    record.action,
    record.target,
    record.params,
    record.reason,
    record.before,
    record.after,
    record.outcome,
    record.message,
    prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
