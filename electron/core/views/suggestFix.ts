// One plain-English suggestion per optimizer alert (STL_ALERT_EVENT_LOG, REFERENCE 1.16). Redshift's
// event texts are matched by their documented beginnings (the full strings are unverified, 1.16), so
// a reworded alert still finds its advice; anything else gets a generic line quoting Redshift's own
// solution.

interface Rule {
  matches: RegExp;
  suggestion: string;
}

const RULES: readonly Rule[] = [
  {
    matches: /missing query planner statist/i,
    suggestion:
      'The planner guessed row counts because table statistics are missing or stale: run ANALYZE on the tables this query reads (or schedule it after the nightly loads).',
  },
  {
    matches: /nested loop join/i,
    suggestion:
      'A nested loop join usually means a missing or wrong join condition (a Cartesian product): check that every joined table has an equality predicate in ON or WHERE.',
  },
  {
    matches: /very selective query filter/i,
    suggestion:
      'The query read many more rows than it kept: make the filtered column the leading sort key (or add a sort key on it) so Redshift can skip blocks instead of scanning them.',
  },
  {
    matches: /(scanned a large number of deleted rows|ghost rows|deleted rows)/i,
    suggestion:
      'The scan read many deleted or uncommitted rows: run VACUUM on the table (VACUUM DELETE ONLY is enough) to reclaim them.',
  },
  {
    matches: /broadcast/i,
    suggestion:
      'A large number of rows were broadcast to every node: give the joined tables matching distribution keys on the join column, or DISTSTYLE ALL for a small dimension table.',
  },
  {
    matches: /distribut/i,
    suggestion:
      'A large number of rows were redistributed across nodes for a join or aggregation: choose distribution keys so the joined tables are co-located on the join column.',
  },
  {
    matches: /(spill|disk.?based|hash join.*disk|written to disk)/i,
    suggestion:
      'A hash join or aggregation ran out of memory and spilled to disk: give the queue more memory per slot (or run it with a higher wlm_query_slot_count), or reduce the rows joined.',
  },
  {
    matches: /serial execution|ds_dist_all_inner/i,
    suggestion:
      'The join ran serially on one slice (DS_DIST_ALL_INNER): change the inner table away from DISTSTYLE ALL, or distribute both tables on the join column.',
  },
];

/** What to do about an alert, in plain words. */
export function suggestFix(event: string, solution: string): string {
  const text = `${event} ${solution}`;
  for (const rule of RULES) if (rule.matches.test(event)) return rule.suggestion;
  // The solution text sometimes names the fix when the event text is unfamiliar.
  for (const rule of RULES) if (rule.matches.test(text)) return rule.suggestion;
  const quoted = solution.trim();
  return quoted === ''
    ? 'Redshift flagged this step without a suggested fix: look at the step in the plan and its row counts.'
    : `Redshift suggests: "${quoted}".`;
}
