// loads.impactExport: the impact as Markdown (an incident report's section) or CSV (one row per group).
// Labels, table names and statement text come from the cluster and may hold anything: Markdown gets
// every special character escaped and line breaks flattened; CSV cells go through csvCell.
import type { Impact, ImpactExport, ImpactExportFormat } from '../../../shared/model/impact.ts';
import { csvCell } from '../base/csvCell.ts';

/** Text safe inside a Markdown paragraph or table cell: no markup, no HTML, no line break. */
export function markdownText(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/g, (c) => `\\${c}`);
}

const CSV_COLUMNS = [
  'kind',
  'label',
  'hop',
  'statements',
  'first_utc',
  'last_utc',
  'nights',
  'read_tables',
  'wrote_tables',
  'sample_query',
] as const;

export function impactCsv(impact: Impact): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const g of impact.groups)
    lines.push(
      [
        g.kind,
        g.label,
        g.hop,
        g.statements,
        g.firstTime,
        g.lastTime,
        g.nights.join(' '),
        g.readTables.join(' '),
        g.wroteTables.join(' '),
        g.sampleQuery,
      ]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

export function impactMarkdown(impact: Impact): string {
  const o = impact.origin;
  const md = markdownText;
  const out: string[] = [];
  out.push(`# Impact of query ${o.query}`, '');
  out.push(
    `Started ${o.startTime} (UTC) as ${md(o.userName ?? 'unknown user')}, label ${md(o.label)}` +
      (o.load
        ? `: COPY into ${md(o.load.tableName)}, ${o.load.status}, ${o.load.rowsRejected} rows rejected.`
        : '.'),
  );
  out.push(`Followed ${impact.hops} ${impact.hops === 1 ? 'hop' : 'hops'} up to ${impact.until}.`, '');
  out.push('## To do', '');
  for (const t of impact.todo) out.push(`- [ ] ${md(t)}`);
  out.push('', '## Tables reached', '', '| Table | Hop | Since (UTC) |', '| --- | --- | --- |');
  for (const t of impact.tables) out.push(`| ${md(t.tableName)} | ${t.hop} | ${t.since} |`);
  out.push(
    '',
    '## Who read them',
    '',
    '| Kind | Job / dashboard / user | Hop | Statements | First (UTC) | Last (UTC) | Nights | Read | Wrote |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const g of impact.groups)
    out.push(
      `| ${g.kind} | ${md(g.label)} | ${g.hop} | ${g.statements} | ${g.firstTime} | ${g.lastTime} | ${g.nights.join(', ')} | ${md(g.readTables.join(', '))} | ${md(g.wroteTables.join(', '))} |`,
    );
  return `${out.join('\n')}\n`;
}

export function impactExport(impact: Impact, format: ImpactExportFormat): ImpactExport {
  const base = `nightshift-impact-${impact.origin.query}`;
  return format === 'csv'
    ? { filename: `${base}.csv`, mimeType: 'text/csv;charset=utf-8', text: impactCsv(impact) }
    : { filename: `${base}.md`, mimeType: 'text/markdown;charset=utf-8', text: impactMarkdown(impact) };
}
