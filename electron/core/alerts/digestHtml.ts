// The digest as one self-contained HTML document (issue #12): for the e-mail's HTML part and the
// export. Every text is escaped (statement text and labels come from the cluster), there is no script,
// no external resource, and a CSP meta tag that forbids both should a reader open the file in a browser.
import { escapeMarkup } from '../../../shared/escapeMarkup.ts';
import type { Digest } from '../../../shared/model/alert.ts';
import { localDateTime } from '../base/zonedTime.ts';

const HEADINGS = { critical: 'Critical (paged)', warning: 'Warnings', info: 'For information' } as const;
const COLOURS = { critical: '#b3261e', warning: '#8a5a00', info: '#35586b' } as const;

export function digestHtml(d: Omit<Digest, 'markdown'>): string {
  const local = (iso: string) => escapeMarkup(localDateTime(Date.parse(iso), d.timeZone));
  const title = `Nightshift digest: ${escapeMarkup(d.connectionName)}`;
  const body: string[] = [
    `<h1>${title}</h1>`,
    `<p class="period">${local(d.from)} to ${local(d.to)} (${escapeMarkup(d.timeZone)})</p>`,
  ];
  if (d.lines.length === 0) body.push('<p>Nothing to report: no rule fired in this period.</p>');
  for (const severity of ['critical', 'warning', 'info'] as const) {
    const lines = d.lines.filter((l) => l.severity === severity);
    if (lines.length === 0) continue;
    body.push(`<h2 style="color:${COLOURS[severity]}">${HEADINGS[severity]} (${lines.length})</h2>`, '<ul>');
    for (const l of lines)
      body.push(
        `<li>${escapeMarkup(l.message)} <span class="meta">(seen ${l.count}× from ${local(l.firstSeen)} ` +
          `to ${local(l.lastSeen)}${l.resolved ? ', resolved' : ', still open'}; in Nightshift: ` +
          `<code>${escapeMarkup(l.link)}</code>)</span></li>`,
      );
    body.push('</ul>');
  }
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${title}</title>`,
    '<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1c1c1c}' +
      '.period,.meta{color:#555}code{font-size:90%}li{margin:.3em 0}</style>',
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
