// Blast radius (queries.blastRadius): the statements that waited in the same queue while this query
// held its slots, and how long. Each victim links to its own detail.
import type { BlastRadius } from '../../../../shared/model/fingerprint.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { formatDateTime, formatDuration, zoneLabel } from '../../time/formatTime.ts';
import { blastSummary } from './blastSummary.ts';

const ids = testIds.queryDetail;

export function BlastRadiusPanel({ blast }: { blast: BlastRadius }) {
  const { zone, linkTo } = useView();
  return (
    <div data-testid={ids.blast}>
      <p className="qd-blast-summary" data-testid={ids.blastSummary}>
        {blastSummary(blast)}
      </p>
      {blast.heldFrom && blast.heldTo && (
        <p className="muted small">
          Held its slots from {formatDateTime(blast.heldFrom, zone)} to {formatDateTime(blast.heldTo, zone)} (
          {zoneLabel(zone)}).
        </p>
      )}
      {blast.victims.length > 0 && (
        <div className="table-wrap">
          <table className="table qd-blast-table">
            <thead>
              <tr>
                <th>Query</th>
                <th>Started ({zoneLabel(zone)})</th>
                <th>User</th>
                <th>Label</th>
                <th className="num">Waited</th>
                <th>Text</th>
              </tr>
            </thead>
            <tbody>
              {blast.victims.map((v) => (
                <tr key={`${v.query}-${v.startTime}`} data-testid={ids.blastRow}>
                  <td>
                    <a href={linkTo('query', { q: v.query, t: v.startTime })} data-testid={ids.blastLink}>
                      {v.query}
                    </a>
                  </td>
                  <td className="mono">{formatDateTime(v.startTime, zone)}</td>
                  <td>{v.userName ?? '–'}</td>
                  <td className="qd-clip">{v.label}</td>
                  <td className="num">{formatDuration(v.waitedMs)}</td>
                  <td className="qd-clip mono">{v.textPreview}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
