// Blast radius (queries.blastRadius): the statements that waited in the same queue while this query
// held its slots, and how long. Each victim links to its own detail.
import type { BlastRadius } from '../../../../shared/model/fingerprint.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';
import { QueryListTable } from '../../components/QueryListTable.tsx';
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
        <QueryListTable
          rows={blast.victims}
          zone={zone}
          figure={{ header: 'Waited', of: (v) => formatDuration(v.waitedMs) }}
          linkOf={(v) => linkTo('query', { q: v.query, t: v.startTime })}
          className="qd-blast-table"
          rowTestId={ids.blastRow}
          linkTestId={ids.blastLink}
        />
      )}
    </div>
  );
}
