// rs_internal.record_query writes one finished statement consistently into the history relations the
// app reads: text pieces as Redshift stores them, durations in microseconds everywhere (REFERENCE 1.4-1.6,
// 1.19, 1.24, 6.2, 6.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogDatabase, nextIds, recordQuery, type CatalogDatabase } from './catalogDatabase.ts';

let db: CatalogDatabase;
let etl: number;

beforeAll(async () => {
  db = await createCatalogDatabase();
  etl = await db.userid('etl_user');
});

afterAll(async () => {
  await db?.destroy();
});

/** Records a statement for etl_user in queue 6 and returns its ids. */
async function record(
  querytxt: string,
  overrides: {
    aborted?: 0 | 1;
    label?: string | null;
    starttime?: string;
    execStart?: string;
    endtime?: string;
  } = {},
): Promise<{ query: number; xid: number; pid: number }> {
  const ids = await nextIds(db.admin);
  const pid = 1073741824 + ids.query;
  await recordQuery(db.admin, {
    ...ids,
    userid: etl,
    pid,
    label: overrides.label ?? null,
    serviceClass: 6,
    slotCount: 2,
    querytxt,
    starttime: overrides.starttime ?? '2024-03-01 02:00:00',
    execStart: overrides.execStart ?? '2024-03-01 02:00:01.5',
    endtime: overrides.endtime ?? '2024-03-01 02:00:04.25',
    aborted: overrides.aborted ?? 0,
  });
  return { ...ids, pid };
}

async function rows<T extends object>(sql: string, params: unknown[]): Promise<T[]> {
  return (await db.admin.query<T>(sql, params)).rows;
}

/** AWS's reassembly idiom for blank-padded pieces (REFERENCE 1.5), then unescaping newlines. */
function reassemble(pieces: string[]): string {
  return pieces
    .map((p) => (p.trimEnd().length === 0 ? p : p.trimEnd()))
    .join('')
    .replaceAll('\\n', '\n');
}

// 9 lines of 49 characters, 8 newlines and one more character: 450 characters, 458 once escaped.
const QUERY_450 =
  Array.from({ length: 9 }, (_, i) => `select col_${i}, count(*) from nightly_${i}_`.padEnd(49, 'z')).join(
    '\n',
  ) + ';';

describe('record_query', () => {
  it('splits a 450-character statement with newlines into 3 padded STL_QUERYTEXT pieces with \\n escapes', async () => {
    expect(QUERY_450).toHaveLength(450);
    const { query } = await record(QUERY_450);
    const pieces = await rows<{ sequence: number; text: string }>(
      'SELECT sequence, text FROM rs_system.stl_querytext WHERE query = $1 ORDER BY sequence',
      [query],
    );
    expect(pieces.map((p) => p.sequence)).toEqual([0, 1, 2]);
    for (const piece of pieces) {
      expect(piece.text).toHaveLength(200); // character(200), blank-padded
      expect(piece.text).not.toContain('\n');
    }
    expect(pieces[0]?.text).toContain('\\n');
    expect(pieces[2]?.text.trimEnd()).toHaveLength(458 - 400);
    expect(reassemble(pieces.map((p) => p.text))).toBe(QUERY_450);
  });

  it('never splits an escape sequence between two pieces (the DG example: 199 characters, then \\n)', async () => {
    const text = `${'x'.repeat(199)}\nfrom t`;
    const { query } = await record(text);
    const pieces = await rows<{ text: string }>(
      'SELECT rtrim(text) AS text FROM rs_system.stl_querytext WHERE query = $1 ORDER BY sequence',
      [query],
    );
    expect(pieces.map((p) => p.text)).toEqual(['x'.repeat(199), '\\nfrom t']);
  });

  it('escapes backslashes as \\\\ in the pieces', async () => {
    const text = String.raw`select 'C:\temp' as path`;
    const { query } = await record(text);
    const pieces = await rows<{ text: string }>(
      'SELECT rtrim(text) AS text FROM rs_system.stl_querytext WHERE query = $1',
      [query],
    );
    expect(pieces).toEqual([{ text: String.raw`select 'C:\\temp' as path` }]);
  });

  it('keeps queue and execution microseconds consistent across STL_WLM_QUERY, SVL_QLOG and SYS_QUERY_HISTORY', async () => {
    const { query, xid, pid } = await record(QUERY_450);
    const [wlm] = await rows<Record<string, string>>(
      `SELECT total_queue_time, total_exec_time, queue_start_time::text, queue_end_time::text,
              exec_start_time::text, exec_end_time::text, service_class::text, slot_count::text,
              rtrim(final_state) AS final_state, rtrim(query_priority) AS query_priority
         FROM rs_system.stl_wlm_query WHERE query = $1`,
      [query],
    );
    expect(wlm).toEqual({
      total_queue_time: '1500000',
      total_exec_time: '2750000',
      queue_start_time: '2024-03-01 02:00:00',
      queue_end_time: '2024-03-01 02:00:01.5',
      exec_start_time: '2024-03-01 02:00:01.5',
      exec_end_time: '2024-03-01 02:00:04.25',
      service_class: '6',
      slot_count: '2',
      final_state: 'Completed',
      query_priority: 'n/a',
    });
    const [qlog] = await rows<Record<string, string>>(
      `SELECT elapsed, aborted::text, rtrim(label) AS label, xid::text, pid::text
         FROM rs_system.svl_qlog WHERE query = $1`,
      [query],
    );
    expect(qlog).toEqual({
      elapsed: '4250000',
      aborted: '0',
      label: 'default',
      xid: String(xid),
      pid: String(pid),
    });
    const [sys] = await rows<Record<string, string | boolean>>(
      `SELECT h.elapsed_time, h.queue_time, h.execution_time, h.transaction_id, h.session_id::text,
              rtrim(h.status) AS status, rtrim(h.query_type) AS query_type, rtrim(h.username) AS username,
              h.start_time::text, h.end_time::text, h.service_class_id::text,
              (h.query_id <> $1) AS own_id_space
         FROM rs_system.sys_query_history h
        WHERE h.transaction_id = $2`,
      [query, xid],
    );
    expect(sys).toEqual({
      elapsed_time: '4250000',
      queue_time: '1500000',
      execution_time: '2750000',
      transaction_id: String(xid),
      session_id: String(pid),
      status: 'success',
      query_type: 'SELECT',
      username: 'etl_user',
      start_time: '2024-03-01 02:00:00',
      end_time: '2024-03-01 02:00:04.25',
      service_class_id: '6',
      own_id_space: true,
    });
  });

  it('writes STL_QUERY with the default label blank-padded and the text whole', async () => {
    const { query } = await record(QUERY_450);
    const [row] = await rows<{ label: string; querytxt: string; database: string; aborted: number }>(
      'SELECT label, querytxt, rtrim(database) AS database, aborted FROM rs_system.stl_query WHERE query = $1',
      [query],
    );
    expect(row?.label).toBe('default'.padEnd(320, ' '));
    expect(row?.querytxt.trimEnd()).toBe(QUERY_450);
    expect(row?.querytxt).toHaveLength(4000);
    expect(row?.database).toBe(db.name);
    expect(row?.aborted).toBe(0);
  });

  it('cuts STL_QUERY text at 4000 characters and keeps all of it in STL_QUERYTEXT and SYS_QUERY_TEXT', async () => {
    // no blanks: a piece ending in a blank cannot be told from padding (a Redshift limitation too)
    const long = Array.from({ length: 100 }, (_, i) => `select_${i}`.padEnd(49, 'q')).join('\n');
    expect(long).toHaveLength(4999);
    const { query, xid } = await record(long);
    const [stl] = await rows<{ querytxt: string }>(
      'SELECT querytxt FROM rs_system.stl_query WHERE query = $1',
      [query],
    );
    expect(stl?.querytxt.trimEnd()).toBe(long.slice(0, 4000).trimEnd());
    const pieces = await rows<{ text: string }>(
      'SELECT text FROM rs_system.stl_querytext WHERE query = $1 ORDER BY sequence',
      [query],
    );
    expect(reassemble(pieces.map((p) => p.text))).toBe(long);
    const sysPieces = await rows<{ sequence: number; text: string }>(
      'SELECT sequence, text FROM rs_system.sys_query_text WHERE transaction_id = $1 ORDER BY sequence',
      [xid],
    );
    expect(sysPieces.map((p) => [p.sequence, p.text.length])).toEqual([
      [0, 4000],
      [1, 4000],
    ]);
    expect(reassemble(sysPieces.map((p) => p.text))).toBe(long);
  });

  it('records a cancelled statement as aborted in STL/SVL and canceled in SYS_QUERY_HISTORY', async () => {
    const { query, xid } = await record('select pg_sleep(600)', { aborted: 1, label: 'nightly_load' });
    const [stl] = await rows<{ aborted: number; label: string }>(
      'SELECT aborted, rtrim(label) AS label FROM rs_system.stl_query WHERE query = $1',
      [query],
    );
    expect(stl).toEqual({ aborted: 1, label: 'nightly_load' });
    const [qlog] = await rows<{ aborted: number }>(
      'SELECT aborted FROM rs_system.svl_qlog WHERE query = $1',
      [query],
    );
    expect(qlog).toEqual({ aborted: 1 });
    const [wlm] = await rows<{ final_state: string }>(
      'SELECT rtrim(final_state) AS final_state FROM rs_system.stl_wlm_query WHERE query = $1',
      [query],
    );
    expect(wlm).toEqual({ final_state: 'Completed' });
    const [sys] = await rows<{ status: string; query_label: string; error_message: string }>(
      `SELECT rtrim(status) AS status, rtrim(query_label) AS query_label, rtrim(error_message) AS error_message
         FROM rs_system.sys_query_history WHERE transaction_id = $1`,
      [xid],
    );
    expect(sys).toEqual({
      status: 'canceled',
      query_label: 'nightly_load',
      error_message: `Query (${query}) cancelled on user's request`,
    });
  });

  it('refuses times out of order', async () => {
    await expect(
      record('select 1', { starttime: '2024-03-01 02:00:05', execStart: '2024-03-01 02:00:01' }),
    ).rejects.toThrow(/times out of order/);
  });
});
