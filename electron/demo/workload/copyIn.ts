// `COPY ... FROM STDIN` through a node-postgres client without pg-copy-streams: a Submittable (the
// documented extension point of client.query, also used by pg-cursor / pg-copy-streams) that sends the
// whole payload when the server asks for it. About twice as fast as INSERT ... SELECT FROM unnest(...)
// for the generator's wide, padded rows; writeWorkload falls back to unnest where this is unavailable.
import type { ClientBase, Connection, Submittable } from 'pg';

/** The parts of pg's Connection that COPY needs (present in pg 8, absent from its type definitions). */
interface CopyCapableConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const CHUNK_BYTES = 1 << 20;

function isCopyCapable(connection: unknown): connection is CopyCapableConnection {
  const c = connection as Partial<Record<keyof CopyCapableConnection, unknown>> | null;
  return (
    c !== null &&
    typeof c === 'object' &&
    typeof c.sendCopyFromChunk === 'function' &&
    typeof c.endCopyFrom === 'function'
  );
}

/** Whether `client` is a node-postgres client that can stream COPY data. */
export function supportsCopyIn(client: ClientBase): boolean {
  return isCopyCapable((client as unknown as { connection?: unknown }).connection);
}

class CopyIn implements Submittable {
  readonly done: Promise<void>;
  private settle!: (error: unknown) => void;

  constructor(
    private readonly sql: string,
    private readonly payload: Buffer,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error === null ? resolve() : reject(error));
    });
  }

  submit(connection: Connection): Error | undefined {
    // pg hands a returned error to handleError without contacting the server.
    if (!isCopyCapable(connection)) return new Error('this pg connection cannot send COPY data');
    connection.query(this.sql);
    return undefined;
  }

  handleCopyInResponse(connection: Connection): void {
    if (!isCopyCapable(connection)) return;
    for (let offset = 0; offset < this.payload.length; offset += CHUNK_BYTES) {
      connection.sendCopyFromChunk(this.payload.subarray(offset, offset + CHUNK_BYTES));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(): void {}

  handleError(error: unknown): void {
    // pg detaches the query on an error, so ReadyForQuery will not reach it: settle now. The client
    // still waits for the server's ReadyForQuery before it sends anything else.
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }
}

/** Runs `COPY <target> FROM STDIN` (text format) with `payload` as the data. */
export async function copyIn(client: ClientBase, sql: string, payload: string): Promise<void> {
  const copy = new CopyIn(sql, Buffer.from(payload, 'utf8'));
  client.query(copy);
  await copy.done;
}

/** A value in COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}
