// `npm run verify-audit -- nightshift-audit-….csv`: checks an exported audit log offline. Every record's
// hash must match its content and, where the record before it is in the file too, follow it. An
// export of a filtered range is checked record by record across the gaps the filter left.
import { readFileSync } from 'node:fs';
import { verifyLinks } from '../electron/core/audit/verifyAuditChain.ts';
import { readAuditCsv } from '../electron/core/governance/readAuditCsv.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run verify-audit -- <audit export .csv>\n');
  process.exit(2);
}
try {
  const links = readAuditCsv(readFileSync(file, 'utf8'));
  const contiguous = links.every((l, i) => l.seq === i + 1);
  const status = verifyLinks(links, { contiguous });
  const scope = contiguous ? 'the whole log from record 1' : 'a filtered range: each record on its own';
  process.stdout.write(`${file}: ${status.message} (${scope})\n`);
  if (status.intact && status.headHash) process.stdout.write(`last hash: ${status.headHash}\n`);
  process.exit(status.intact ? 0 : 1);
} catch (error) {
  process.stderr.write(`${file}: ${(error as Error).message}\n`);
  process.exit(2);
}
