// Table-level reads and writes of statements (table_access, access_actors, table_names;
// migrations/0013_table_access.sql).
import type Database from 'better-sqlite3';

export interface TableAccessRecord {
  connectionId: string;
  query: number;
  tableId: number;
  kind: 'read' | 'write';
  startUs: number;
  endUs: number;
  /** The name the cluster showed for the table, when it showed one. */
  tableName: string | null;
  /** The statement's label (query group; '' when unknown) and user. */
  label: string;
  userName: string;
}

export const ACCESS_KIND = { read: 0, write: 1 } as const;

// Each statement is prepared where it runs (once per call, not per row): the table_access job makes
// a TableAccessStore per run.
export class TableAccessStore {
  private readonly actors = new Map<string, number>();

  constructor(private readonly db: Database.Database) {}

  private actorOf(connectionId: string, label: string, userName: string): number {
    const key = `${connectionId}\u0000${label}\u0000${userName}`;
    let actor = this.actors.get(key);
    if (actor === undefined) {
      this.db
        .prepare(
          `INSERT INTO access_actors (connection_id, actor, label, user_name)
           SELECT ?, coalesce(max(actor), 0) + 1, ?, ? FROM access_actors WHERE connection_id = ?
           ON CONFLICT DO NOTHING`,
        )
        .run(connectionId, label, userName, connectionId);
      actor = this.db
        .prepare('SELECT actor FROM access_actors WHERE connection_id = ? AND label = ? AND user_name = ?')
        .pluck()
        .get(connectionId, label, userName) as number;
      this.actors.set(key, actor);
    }
    return actor;
  }

  /** Tables known by their bare name only (no schema): what qualifyNames would complete. */
  unqualified(connectionId: string): number {
    return this.db
      .prepare("SELECT count(*) FROM table_names WHERE connection_id = ? AND instr(table_name, '.') = 0")
      .pluck()
      .get(connectionId) as number;
  }

  /** Stores 'schema.table' for the ids given (SVV_TABLE_INFO's rows); other tables keep their name. */
  qualifyNames(
    connectionId: string,
    rows: readonly { tableId: number; schema: string; table: string }[],
  ): void {
    const qualify = this.db.prepare(
      'UPDATE table_names SET table_name = ? WHERE connection_id = ? AND table_id = ?',
    );
    for (const r of rows) qualify.run(`${r.schema}.${r.table}`, connectionId, r.tableId);
  }

  /** Call inside a transaction. */
  upsert(rows: readonly TableAccessRecord[]): void {
    // A statement's steps may come in two reads (the cursor fell between them): widen, never narrow.
    const access = this.db.prepare(
      `INSERT INTO table_access (connection_id, query, table_id, kind, start_us, end_us, actor) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, query, table_id, kind) DO UPDATE SET
         start_us = min(table_access.start_us, excluded.start_us),
         end_us = max(table_access.end_us, excluded.end_us), actor = excluded.actor`,
    );
    // STL_SCAN shows the bare name: a schema-qualified one (qualifyNames) ending in it is kept.
    const name = this.db.prepare(
      `INSERT INTO table_names (connection_id, table_id, table_name, seen_us) VALUES (?, ?, ?, ?)
       ON CONFLICT (connection_id, table_id) DO UPDATE SET
         table_name = CASE WHEN substr(table_names.table_name, -length(excluded.table_name) - 1) = '.' || excluded.table_name
                           THEN table_names.table_name ELSE excluded.table_name END,
         seen_us = excluded.seen_us
       WHERE excluded.seen_us >= table_names.seen_us`,
    );
    for (const r of rows) {
      const actor = this.actorOf(r.connectionId, r.label, r.userName);
      access.run(r.connectionId, r.query, r.tableId, ACCESS_KIND[r.kind], r.startUs, r.endUs, actor);
      if (r.tableName !== null) name.run(r.connectionId, r.tableId, r.tableName, r.endUs);
    }
  }
}
