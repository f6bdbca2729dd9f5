// Past digests (issue #12): every digest written so far, newest first, with its counts and how each
// channel delivered it; open one to read it as it was sent, or download it as Markdown or as a
// self-contained HTML file. Text from the cluster is rendered as text.
import { useState } from 'react';
import type { Digest } from '../../../../shared/model/alert.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { errorMessage } from '../../api/ApiCallError.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { usePolled } from '../../hooks/usePolled.ts';
import { formatDateTime } from '../../time/formatTime.ts';
import { downloadDigest } from './downloadDigest.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { TableHead } from '../../components/TableHead.tsx';

const ids = testIds.alertChannels;

export function PastDigestsPanel({ connectionId, zone }: { connectionId: string; zone: 'utc' | 'local' }) {
  const { call } = useApi();
  const past = usePolled(connectionId, () => call('alerts.pastDigests', { connectionId, limit: 60 }), {
    everyMs: 60_000,
  });
  const [opened, setOpened] = useState<Digest | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const act = (work: () => Promise<unknown>) => {
    setProblem(null);
    work().catch((e: unknown) => setProblem(errorMessage(e)));
  };
  const download = (at: string | null, format: 'markdown' | 'html') =>
    act(() => downloadDigest(call, connectionId, at, format));

  return (
    <section className="alerts-settings" aria-labelledby="alerts-past-title">
      <h2 id="alerts-past-title" className="alerts-heading">
        Past digests
      </h2>
      <p className="alerts-form">
        <span className="muted">The next digest as it stands now:</span>
        <DownloadButtons at={null} download={download} html="Download HTML" markdown="Download Markdown" />
      </p>
      <table className="alerts-table" data-testid={ids.pastDigests}>
        <TableHead columns={['Sent for', 'Covers from', 'Items', 'Delivery', { label: '' }]} />
        <tbody>
          {past.data?.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No digest written yet: the first goes out at the next digest time.
              </td>
            </tr>
          )}
          {past.data?.map((d) => (
            <tr key={d.at} data-testid={ids.pastDigest} data-at={d.at}>
              <td>{formatDateTime(d.at, zone)}</td>
              <td>{formatDateTime(d.from, zone)}</td>
              <td>
                {d.lines} ({d.critical} critical, {d.warning} warning, {d.info} info)
              </td>
              <td>
                {d.deliveries.length === 0
                  ? 'shown here only (no channel)'
                  : d.deliveries
                      .map(
                        (x) =>
                          `${x.channel}: ${x.state}${x.state === 'pending' && x.lastError ? ` (${x.lastError})` : ''}`,
                      )
                      .join('; ')}
              </td>
              <td className="alerts-actions">
                <button
                  type="button"
                  className="button button-quiet"
                  data-testid={ids.openDigest}
                  onClick={() =>
                    act(async () => setOpened(await call('alerts.pastDigest', { connectionId, at: d.at })))
                  }
                >
                  Open
                </button>
                <DownloadButtons at={d.at} download={download} html="HTML" markdown="Markdown" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNotice error={problem} />
      {opened && (
        <article className="alerts-digest" data-testid={ids.digestView}>
          <h3 className="alerts-heading">
            Digest for {opened.connectionName}, {formatDateTime(opened.from, zone)} to{' '}
            {formatDateTime(opened.to, zone)}
          </h3>
          <p className="muted">As it was sent:</p>
          <pre className="alerts-sent">{opened.markdown}</pre>
          <button type="button" className="button button-quiet" onClick={() => setOpened(null)}>
            Close
          </button>
        </article>
      )}
    </section>
  );
}

/** Download buttons for one digest (at: a past one; null: the next as it stands). */
function DownloadButtons(p: {
  at: string | null;
  download(at: string | null, format: 'markdown' | 'html'): void;
  html: string;
  markdown: string;
}) {
  const button = (format: 'markdown' | 'html') => (
    <button
      type="button"
      className="button button-quiet"
      data-testid={format === 'html' ? ids.downloadHtml : ids.downloadMarkdown}
      data-at={p.at ?? ''}
      onClick={() => p.download(p.at, format)}
    >
      {format === 'html' ? p.html : p.markdown}
    </button>
  );
  return (
    <>
      {button('html')}
      {button('markdown')}
    </>
  );
}
