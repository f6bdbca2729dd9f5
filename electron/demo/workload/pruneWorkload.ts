// Redshift keeps about seven days of STL history (REFERENCE 1.1, 6.3: "emulated STL data should be
// purged after 7 days" so the app's SQLite cache is actually exercised). This deletes every history row
// older than a cut-off, generated or live, by the same per-relation rule the generator's retentionDays
// applies (relations.ts RETENTION).
import type { ClientBase } from 'pg';
import { RELATION_NAMES, RETENTION, type RelationName } from './relations.ts';
import { formatTimestamp, microsFromDate } from './time.ts';

/** Deletes rows older than `before` (UTC); returns the count per relation. One transaction. */
export async function pruneWorkload(client: ClientBase, before: Date): Promise<Record<RelationName, number>> {
  const cutoff = formatTimestamp(microsFromDate(before));
  const counts = Object.fromEntries(RELATION_NAMES.map((r) => [r, 0])) as Record<RelationName, number>;
  const followers = RELATION_NAMES.filter((r) => 'withQueryOf' in RETENTION[r]);
  await client.query('BEGIN');
  try {
    for (const relation of RELATION_NAMES) {
      const rule = RETENTION[relation];
      if (!('column' in rule) || relation === 'stl_query') continue;
      const result = await client.query(
        `DELETE FROM rs_internal.${relation} WHERE "${rule.column}" < $1::timestamp`,
        [cutoff],
      );
      counts[relation] = result.rowCount ?? 0;
    }
    // STL_QUERY last, taking the relations without a timestamp of their own with it.
    const ctes = followers.map(
      (r, i) => `f${i} AS (DELETE FROM rs_internal.${r} WHERE query IN (SELECT query FROM gone) RETURNING 1)`,
    );
    const selects = followers.map((_r, i) => `(SELECT count(*) FROM f${i})::int AS f${i}`);
    const result = await client.query<Record<string, number>>(
      `WITH gone AS (DELETE FROM rs_internal.stl_query WHERE starttime < $1::timestamp RETURNING query)${ctes.length > 0 ? ', ' : ''}${ctes.join(', ')}
       SELECT (SELECT count(*) FROM gone)::int AS gone${selects.length > 0 ? ', ' : ''}${selects.join(', ')}`,
      [cutoff],
    );
    const row = result.rows[0];
    counts.stl_query = row?.gone ?? 0;
    followers.forEach((r, i) => {
      counts[r] = row?.[`f${i}`] ?? 0;
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return counts;
}
