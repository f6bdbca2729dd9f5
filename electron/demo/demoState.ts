// What a kept double (one whose engine lives in a data directory) remembers about its generated
// history, in its own database: the options it was generated with, since the same seed and `now`
// regenerate the same days (appendWorkload), and how far the history is appended. The row is written
// once the first history is complete, so a database without it is a start that did not finish.
import type { ClientBase } from 'pg';
import type { WorkloadScale } from './workload/day.ts';

export interface DemoState {
  seed: number;
  nights: number;
  scale: WorkloadScale;
  /** The `now` the history was generated for (scenarios sit on nights counted back from it). */
  generatedAt: Date;
  /** History is written up to here; later statements come from the next append. */
  appendedUntil: Date;
}

const TABLE = 'rs_internal.double_state';

/** Null when the database holds no complete history (new, or a first start that was interrupted). */
export async function readDemoState(client: ClientBase): Promise<DemoState | null> {
  const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('${TABLE}') IS NOT NULL AS ok`);
  if (exists.rows[0]?.ok !== true) return null;
  const rows = await client.query<{
    seed: number;
    nights: number;
    scale: WorkloadScale;
    generated_at: string;
    appended_until: string;
  }>(
    `SELECT seed, nights, scale, to_char(generated_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS generated_at,
            to_char(appended_until, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS appended_until
       FROM ${TABLE} WHERE id = 1`,
  );
  const row = rows.rows[0];
  if (row === undefined) return null;
  return {
    seed: row.seed,
    nights: row.nights,
    scale: row.scale,
    generatedAt: new Date(row.generated_at),
    appendedUntil: new Date(row.appended_until),
  };
}

/** Records a complete first history (the last step of a first start). */
export async function writeDemoState(client: ClientBase, state: DemoState): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (
       id             integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
       seed           integer NOT NULL,
       nights         integer NOT NULL,
       scale          text NOT NULL,
       generated_at   timestamp NOT NULL,
       appended_until timestamp NOT NULL
     )`,
  );
  await client.query(`REVOKE ALL ON ${TABLE} FROM PUBLIC`);
  await client.query(
    `INSERT INTO ${TABLE} (id, seed, nights, scale, generated_at, appended_until)
     VALUES (1, $1, $2, $3, $4::timestamptz AT TIME ZONE 'UTC', $5::timestamptz AT TIME ZONE 'UTC')
     ON CONFLICT (id) DO UPDATE SET seed = EXCLUDED.seed, nights = EXCLUDED.nights, scale = EXCLUDED.scale,
       generated_at = EXCLUDED.generated_at, appended_until = EXCLUDED.appended_until`,
    [
      state.seed,
      state.nights,
      state.scale,
      state.generatedAt.toISOString(),
      state.appendedUntil.toISOString(),
    ],
  );
}

export async function markAppended(client: ClientBase, until: Date): Promise<void> {
  await client.query(`UPDATE ${TABLE} SET appended_until = $1::timestamptz AT TIME ZONE 'UTC' WHERE id = 1`, [
    until.toISOString(),
  ]);
}
