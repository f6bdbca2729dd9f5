// The digest (issue #12): one message per connection, what happened in its period in order of
// importance (critical, then warning, then info; earliest first within one), each line linked, one
// line per incident with its count instead of repetitions. Also as Markdown, for the webhook, Slack and
// the export; text from the cluster (statement text, labels) is escaped so it stays text.
import type Database from 'better-sqlite3';
import type { Digest, DigestLine } from '../../../shared/model/alert.ts';
import { isoFromMicros } from '../base/redshiftTime.ts';
import { SEVERITY_SQL, type IncidentDbRow } from './readIncidents.ts';
import { localDateTime } from '../base/zonedTime.ts';

export function buildDigest(
  db: Database.Database,
  connection: { id: string; name: string },
  fromUs: number,
  toUs: number,
  timeZone: string,
): Digest {
  // Seen in the period, or still open at its start (a condition that lasts is in every digest).
  const rows = db
    .prepare(
      `SELECT * FROM alert_incidents
       WHERE connection_id = ? AND first_seen_us < ? AND suppressed_by IS NULL
         AND (last_seen_us >= ? OR resolved_us IS NULL OR resolved_us >= ?)
       ORDER BY ${SEVERITY_SQL}, first_seen_us, id`,
    )
    .all(connection.id, toUs, fromUs, fromUs) as IncidentDbRow[];
  const lines = rows.map((r): DigestLine => ({
    incidentId: r.id,
    severity: r.severity,
    ruleId: r.rule_id,
    message: r.message,
    link: r.link,
    count: r.count,
    firstSeen: isoFromMicros(r.first_seen_us),
    lastSeen: isoFromMicros(r.last_seen_us),
    resolved: r.resolved_us !== null && r.resolved_us < toUs,
  }));
  const digest = {
    connectionId: connection.id,
    connectionName: connection.name,
    from: isoFromMicros(fromUs),
    to: isoFromMicros(toUs),
    timeZone,
    lines,
  };
  return { ...digest, markdown: digestMarkdown(digest) };
}

const HEADINGS = { critical: 'Critical (paged)', warning: 'Warnings', info: 'For information' } as const;

export function digestMarkdown(d: Omit<Digest, 'markdown'>): string {
  const local = (iso: string) => localDateTime(Date.parse(iso), d.timeZone);
  const out = [
    `# Nightshift digest: ${escapeMarkdown(d.connectionName)}`,
    '',
    `${local(d.from)} to ${local(d.to)} (${d.timeZone})`,
    '',
  ];
  if (d.lines.length === 0) out.push('Nothing to report: no rule fired in this period.');
  for (const severity of ['critical', 'warning', 'info'] as const) {
    const lines = d.lines.filter((l) => l.severity === severity);
    if (lines.length === 0) continue;
    out.push(`## ${HEADINGS[severity]} (${lines.length})`, '');
    for (const l of lines)
      out.push(
        `- ${escapeMarkdown(l.message)} ` +
          `(seen ${l.count}× from ${local(l.firstSeen)} to ${local(l.lastSeen)}${l.resolved ? ', resolved' : ', still open'}) ` +
          `[open](${l.link})`,
      );
    out.push('');
  }
  return out.join('\n');
}

/** Markdown's active characters as literals, so a statement text never becomes a link or markup. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}
