// PostgreSQL frontend/backend protocol v3 framing for the Redshift proxy: splitting a byte stream into
// messages and building the few messages the proxy writes itself. Only what the proxy needs; see
// https://www.postgresql.org/docs/15/protocol-message-formats.html for the layouts.

/** Codes of the untyped first messages a client may send (protocol-message-formats). */
export const PROTOCOL_V3 = 196608;
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

/** Largest message the proxy accepts. PostgreSQL's own limit for most messages is 1 GB. */
const MAX_MESSAGE_LENGTH = 1 << 30;
/** Startup packets are small; PostgreSQL refuses ones over 10000 bytes (MAX_STARTUP_PACKET_LENGTH). */
const MAX_STARTUP_LENGTH = 10000;

export class ProtocolError extends Error {}

/** One framed message. `type` is '' for untyped startup-phase messages; `raw` is the whole message. */
export interface Message {
  type: string;
  raw: Buffer;
}

/**
 * Accumulates bytes and yields complete messages. Untyped mode (the client's first message) reads
 * `int32 length` + body; typed mode reads `byte type` + `int32 length` + body.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private typed: boolean) {}

  setTyped(typed: boolean): void {
    this.typed = typed;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** Next complete message, or null when more bytes are needed. Throws ProtocolError on a bad length. */
  next(): Message | null {
    const header = this.typed ? 5 : 4;
    if (this.size < header) return null;
    const head = this.peek(header);
    const length = head.readInt32BE(this.typed ? 1 : 0);
    const max = this.typed ? MAX_MESSAGE_LENGTH : MAX_STARTUP_LENGTH;
    if (length < 4 || length > max) throw new ProtocolError(`invalid message length ${length}`);
    const total = length + (this.typed ? 1 : 0);
    if (this.size < total) return null;
    const raw = this.take(total);
    return { type: this.typed ? String.fromCharCode(raw[0] ?? 0) : '', raw };
  }

  private peek(n: number): Buffer {
    if ((this.chunks[0]?.length ?? 0) >= n) return (this.chunks[0] as Buffer).subarray(0, n);
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all.subarray(0, n);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.size -= n;
      return out;
    }
    const all = Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.size -= n;
    return all.subarray(0, n);
  }
}

/** Reads NUL-terminated strings and integers from a message body. */
export class BodyReader {
  private offset: number;
  constructor(
    private readonly buf: Buffer,
    start: number,
  ) {
    this.offset = start;
  }
  cstring(): string {
    const end = this.buf.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolError('unterminated string in message');
    const s = this.buf.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return s;
  }
  int16(): number {
    if (this.offset + 2 > this.buf.length) throw new ProtocolError('message too short');
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  int32(): number {
    if (this.offset + 4 > this.buf.length) throw new ProtocolError('message too short');
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  byte(): number {
    if (this.offset + 1 > this.buf.length) throw new ProtocolError('message too short');
    return this.buf[this.offset++] as number;
  }
  rest(): Buffer {
    return this.buf.subarray(this.offset);
  }
  get position(): number {
    return this.offset;
  }
}

function cstr(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
}

/** Builds a typed message from its body parts. */
export function typedMessage(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

// ---- startup ------------------------------------------------------------------------------------

export interface StartupMessage {
  protocol: number;
  params: Map<string, string>;
}

export function parseStartup(raw: Buffer): StartupMessage {
  const r = new BodyReader(raw, 4);
  const protocol = r.int32();
  const params = new Map<string, string>();
  if (protocol === PROTOCOL_V3) {
    for (;;) {
      const key = r.cstring();
      if (key === '') break;
      params.set(key, r.cstring());
    }
  }
  return { protocol, params };
}

export function buildStartup(params: Map<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of params) parts.push(cstr(k), cstr(v));
  parts.push(Buffer.from([0]));
  const body = Buffer.concat(parts);
  const out = Buffer.alloc(8 + body.length);
  out.writeInt32BE(8 + body.length, 0);
  out.writeInt32BE(PROTOCOL_V3, 4);
  body.copy(out, 8);
  return out;
}

/** The 16 bytes of a CancelRequest (sent on a fresh connection). */
export function buildCancelRequest(pid: number, secret: number): Buffer {
  const out = Buffer.alloc(16);
  out.writeInt32BE(16, 0);
  out.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  out.writeInt32BE(pid, 8);
  out.writeInt32BE(secret, 12);
  return out;
}

// ---- frontend messages the proxy reads or rewrites --------------------------------------------

/** Query ('Q'): the SQL string. */
export function parseQuery(raw: Buffer): string {
  return new BodyReader(raw, 5).cstring();
}

export function buildQuery(sql: string): Buffer {
  return typedMessage('Q', cstr(sql));
}

/** Parse ('P'): statement name, SQL, and the parameter type section kept as bytes. */
export interface ParseMessage {
  name: string;
  sql: string;
  paramTypes: Buffer;
}

export function parseParse(raw: Buffer): ParseMessage {
  const r = new BodyReader(raw, 5);
  const name = r.cstring();
  const sql = r.cstring();
  const paramTypes = r.rest();
  if (paramTypes.length < 2) throw new ProtocolError('Parse message too short');
  return { name, sql, paramTypes };
}

export function buildParse(m: ParseMessage): Buffer {
  return typedMessage('P', cstr(m.name), cstr(m.sql), m.paramTypes);
}

/** Bind ('B'): only the portal and statement names matter to the proxy. */
export function parseBindNames(raw: Buffer): { portal: string; statement: string } {
  const r = new BodyReader(raw, 5);
  return { portal: r.cstring(), statement: r.cstring() };
}

/** Execute ('E'): the portal name. */
export function parseExecutePortal(raw: Buffer): string {
  return new BodyReader(raw, 5).cstring();
}

/** Close ('C' from the client): 'S' statement or 'P' portal, and its name. */
export function parseClose(raw: Buffer): { kind: string; name: string } {
  const r = new BodyReader(raw, 5);
  return { kind: String.fromCharCode(r.byte()), name: r.cstring() };
}

// ---- backend messages -------------------------------------------------------------------------

export function readyForQueryStatus(raw: Buffer): string {
  return String.fromCharCode(raw[5] ?? 73);
}

export function parseCommandTag(raw: Buffer): string {
  return new BodyReader(raw, 5).cstring();
}

export function buildCommandComplete(tag: string): Buffer {
  return typedMessage('C', cstr(tag));
}

export function parseBackendKeyData(raw: Buffer): { pid: number; secret: number } {
  const r = new BodyReader(raw, 5);
  return { pid: r.int32(), secret: r.int32() };
}

export function buildBackendKeyData(pid: number, secret: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeInt32BE(pid, 0);
  body.writeInt32BE(secret, 4);
  return typedMessage('K', body);
}

/** NotificationResponse ('A'): sending backend pid, channel, payload. */
export function parseNotification(raw: Buffer): { pid: number; channel: string; payload: string } {
  const r = new BodyReader(raw, 5);
  return { pid: r.int32(), channel: r.cstring(), payload: r.cstring() };
}

/** ErrorResponse / NoticeResponse fields keyed by their one-letter codes (S, V, C, M, D, H, W, ...). */
export type ErrorFields = Map<string, string>;

export function parseErrorFields(raw: Buffer): ErrorFields {
  const r = new BodyReader(raw, 5);
  const fields: ErrorFields = new Map();
  for (;;) {
    const code = r.byte();
    if (code === 0) break;
    fields.set(String.fromCharCode(code), r.cstring());
  }
  return fields;
}

export function buildErrorResponse(fields: ErrorFields): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of fields) parts.push(Buffer.from(k, 'latin1'), cstr(v));
  parts.push(Buffer.from([0]));
  return typedMessage('E', ...parts);
}

/** A new ErrorResponse with PostgreSQL's usual fields. */
export function errorResponse(severity: 'ERROR' | 'FATAL', sqlstate: string, message: string): Buffer {
  return buildErrorResponse(
    new Map([
      ['S', severity],
      ['V', severity],
      ['C', sqlstate],
      ['M', message],
    ]),
  );
}
