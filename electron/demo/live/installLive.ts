// Installs the live relations (live.sql) into a database that already holds the catalog
// (catalog/installCatalog), plus the active WLM configuration and its service-class rows when none is
// stored yet, so STV_WLM_SERVICE_CLASS_CONFIG answers even before the proxy starts.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { DEMO_WLM_JSON } from '../defaultWlmConfiguration.ts';
import { serviceClassRows } from '../proxy/LiveRegistry.ts';
import { WlmController } from '../proxy/Wlm.ts';
import { wlmQueuesOf } from '../proxy/wlmConfig.ts';

const LIVE_SQL = readFileSync(new URL('./live.sql', import.meta.url), 'utf8');

/** `client` must be a superuser connected to the double's database. Idempotent. */
export async function installLive(
  client: pg.Client | pg.PoolClient,
  options: { wlmJson?: string } = {},
): Promise<void> {
  await client.query(LIVE_SQL);
  const stored = await client.query<{ json: string }>('SELECT json FROM rs_internal.wlm_active WHERE id = 1');
  if (stored.rows.length > 0) return;
  const json = options.wlmJson ?? DEMO_WLM_JSON;
  const wlm = new WlmController(wlmQueuesOf(json));
  await client.query(`SELECT rs_internal.live_apply_wlm($1, now() AT TIME ZONE 'UTC', $2)`, [
    json,
    JSON.stringify(serviceClassRows(wlm)),
  ]);
}
