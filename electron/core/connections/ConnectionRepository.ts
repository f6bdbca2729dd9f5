import type Database from 'better-sqlite3';
import type { Connection, ConnectionTarget, PasswordSource } from '../../../shared/model/connection.ts';

interface Row {
  id: string;
  name: string;
  target_json: string;
  password_sealed: Buffer | null;
  password_source: PasswordSource;
  created_at: string;
}

export interface StoredConnection {
  connection: Connection;
  /** The keychain-encrypted password, if any. Never leaves the core. */
  passwordSealed: Buffer | null;
}

/** Saved connections in the store. Only sealed (encrypted) passwords are ever written. */
export class ConnectionRepository {
  constructor(private readonly db: Database.Database) {}

  list(): Connection[] {
    const rows = this.db.prepare('SELECT * FROM connections ORDER BY created_at, name').all() as Row[];
    return rows.map((r) => toConnection(r));
  }

  get(id: string): StoredConnection | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Row | undefined;
    return row && { connection: toConnection(row), passwordSealed: row.password_sealed };
  }

  findByName(name: string): Connection | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE name = ?').get(name) as Row | undefined;
    return row && toConnection(row);
  }

  insert(connection: Connection, passwordSealed: Buffer | null): void {
    this.db
      .prepare(
        `INSERT INTO connections (id, name, kind, target_json, password_sealed, password_source, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        connection.id,
        connection.name,
        connection.target.kind,
        JSON.stringify(connection.target),
        passwordSealed,
        connection.passwordSource,
        connection.createdAt,
      );
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }
}

function toConnection(row: Row): Connection {
  return {
    id: row.id,
    name: row.name,
    target: JSON.parse(row.target_json) as ConnectionTarget,
    passwordSource: row.password_source,
    createdAt: row.created_at,
  };
}
