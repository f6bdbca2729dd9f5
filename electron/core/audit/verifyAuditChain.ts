// Walks the audit chain in sequence order and says whether it is intact, or exactly where and how it
// breaks: a record whose content no longer matches its hash (edited, or replaced), a record that does
// not follow the one before it (reordered, or replaced with a recomputed hash), missing numbers
// (deleted), a record without a hash (inserted outside Nightshift), or records cut off the end.
import type Database from 'better-sqlite3';
import type { AuditChainStatus } from '../../../shared/model/audit.ts';
import { auditHash, GENESIS_HASH, type ChainedContent } from './auditHash.ts';
import { auditRecordOf, type AuditRow } from './auditRecordOf.ts';

export interface ChainLink extends ChainedContent {
  prevHash: string | null;
  hash: string | null;
}

/** The store's chain, from its first record. */
export function verifyAuditChain(db: Database.Database): AuditChainStatus {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  const used = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).get() as
    { seq: number } | undefined;
  return verifyLinks(
    (function* () {
      for (const row of rows) yield auditRecordOf(row);
    })(),
    { highestIssued: used?.seq ?? 0, contiguous: true },
  );
}

/** Records hashed between two pauses of the paced walk (a few milliseconds of work). */
const PACED_PAGE = 1_000;

/**
 * The store's chain, as verifyAuditChain, read in pages with a pause between them: a long log (1.5 s
 * for 50,000 records) is checked without stopping the rest of the core (collector, other calls) for
 * the whole walk. Records appended meanwhile are not part of this check.
 */
export async function verifyAuditChainPaced(
  db: Database.Database,
  pageSize = PACED_PAGE,
): Promise<AuditChainStatus> {
  const used = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).get() as
    { seq: number } | undefined;
  const through = (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_log').get() as { seq: number })
    .seq;
  const page = db.prepare('SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?');
  const chain = chainChecker({ highestIssued: used?.seq ?? 0, contiguous: true });
  let after = 0;
  for (;;) {
    const rows = page.all(after, through, pageSize) as AuditRow[];
    for (const row of rows) {
      const broken = chain.add(auditRecordOf(row));
      if (broken) return broken;
    }
    if (rows.length < pageSize) return chain.finish();
    after = rows[rows.length - 1]!.seq;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Any sequence of records in ascending order. `contiguous: false` for an export of a filtered range:
 * a record whose predecessor is not in it is checked on its own (its hash still covers its content).
 */
export function verifyLinks(
  links: Iterable<ChainLink>,
  options: { highestIssued?: number; contiguous: boolean },
): AuditChainStatus {
  const chain = chainChecker(options);
  for (const link of links) {
    const broken = chain.add(link);
    if (broken) return broken;
  }
  return chain.finish();
}

/** The walk, one link at a time: `add` answers where the chain breaks, or null while it holds. */
function chainChecker(options: { highestIssued?: number; contiguous: boolean }): {
  add(link: ChainLink): AuditChainStatus | null;
  finish(): AuditChainStatus;
} {
  let records = 0;
  let previous: { seq: number; hash: string } | null = null;
  const broken = (seq: number, why: string): AuditChainStatus => ({
    records,
    intact: false,
    headHash: null,
    brokenAt: seq,
    message: `Chain broken at record ${seq.toLocaleString('en-US')}: ${why}.`,
  });
  const add = (link: ChainLink): AuditChainStatus | null => {
    records++;
    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (link.hash === null || link.prevHash === null)
      return broken(link.seq, 'it has no hash, so it was written outside Nightshift');
    if (options.contiguous && link.seq !== expectedSeq) {
      const missing =
        link.seq === expectedSeq + 1 ? `record ${expectedSeq}` : `records ${expectedSeq}–${link.seq - 1}`;
      return broken(
        link.seq,
        `${missing} before it ${link.seq === expectedSeq + 1 ? 'is' : 'are'} missing (deleted)`,
      );
    }
    const follows = previous && previous.seq === link.seq - 1 ? previous.hash : null;
    const expectedPrev = link.seq === 1 ? GENESIS_HASH : follows;
    if (expectedPrev !== null && link.prevHash !== expectedPrev)
      return broken(
        link.seq,
        `it does not follow record ${link.seq - 1} (records were reordered, or one was replaced with a recomputed hash)`,
      );
    if (auditHash(link, link.prevHash) !== link.hash)
      return broken(
        link.seq,
        'its content no longer matches its hash (edited or replaced after it was written)',
      );
    previous = { seq: link.seq, hash: link.hash };
    return null;
  };
  const finish = (): AuditChainStatus => {
    const last = previous?.seq ?? 0;
    if (options.highestIssued !== undefined && options.highestIssued > last) {
      const first = last + 1;
      return broken(
        first,
        `${first === options.highestIssued ? `record ${first} was` : `records ${first}–${options.highestIssued} were`} deleted from the end`,
      );
    }
    return {
      records,
      intact: true,
      headHash: previous?.hash ?? null,
      brokenAt: null,
      message: `${records.toLocaleString('en-US')} record${records === 1 ? '' : 's'}, chain intact.`,
    };
  };
  return { add, finish };
}
