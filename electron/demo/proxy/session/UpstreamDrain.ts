// A session closed in the middle of a sequence on a single-backend engine (it holds the engine lock):
// the engine finishes that sequence first - a Sync ends an open extended-protocol sequence, and the
// ReadyForQuery messages show it is done - so the next session's messages do not land in the middle
// of it (in an error-skip or an implicit transaction that is not theirs). Bounded by DRAIN_TIMEOUT_MS.
import type net from 'node:net';
import { parseNotification, typedMessage, type MessageReader } from '../wire.ts';
import { PROXY_CHANNEL_PREFIX } from './SessionHost.ts';

const SYNC = typedMessage('S');
/** A session closed mid-sequence gives the engine this long to finish it before the lock moves on. */
const DRAIN_TIMEOUT_MS = 10_000;

export class UpstreamDrain {
  private draining: { expected: number; done: () => void } | null = null;

  constructor(
    private readonly reader: MessageReader,
    /** A NOTIFY on the proxy's channels still counts after the session closed. */
    private readonly onNotification: (channel: string, payload: string) => void,
  ) {}

  /**
   * `expected`: ReadyForQuery messages the engine still owes; `sequenceOpen`: a Sync must end the
   * open extended-protocol sequence first; `paused`: the engine socket was paused for the client.
   */
  start(up: net.Socket, release: () => void, expected: number, sequenceOpen: boolean, paused: boolean): void {
    let owed = expected;
    if (sequenceOpen) {
      up.write(SYNC);
      owed++;
    }
    if (owed === 0) {
      up.end(typedMessage('X'));
      release();
      return;
    }
    const timer = setTimeout(() => {
      this.draining = null;
      up.destroy();
      release();
    }, DRAIN_TIMEOUT_MS);
    timer.unref();
    const done = (): void => {
      clearTimeout(timer);
      this.draining = null;
      release();
    };
    up.once('close', done);
    this.draining = {
      expected: owed,
      done: () => {
        up.end(typedMessage('X'));
        done();
      },
    };
    if (paused) up.resume(); // nobody reads the client side any more
  }

  /** Engine output after close: only counted; the proxy's notifications still count. */
  onData(chunk: Buffer, up: net.Socket | null): void {
    const d = this.draining;
    if (d === null) return;
    try {
      this.reader.push(chunk);
      for (let m = this.reader.next(); m !== null; m = this.reader.next()) {
        if (m.type === 'A') {
          const n = parseNotification(m.raw);
          if (n.channel.startsWith(PROXY_CHANNEL_PREFIX)) this.onNotification(n.channel, n.payload);
        } else if (m.type === 'Z' && --d.expected <= 0) {
          d.done();
          return;
        }
      }
    } catch {
      up?.destroy(); // its 'close' releases the lock
    }
  }
}
