// What a session writes to its client, in order. A finished statement "gates" the output: its
// history is written before the client learns it finished, so the client (or a test) reading
// STL_QUERY right after sees its own statement. Also the engine-side backpressure: a client that does
// not read pauses the engine socket.
import type net from 'node:net';

export class ClientOutput {
  private gates = 0;
  private readonly queue: Buffer[] = [];
  /** The engine socket is paused until the client drains. */
  upstreamPaused = false;

  constructor(
    private readonly client: net.Socket,
    private readonly upstream: () => net.Socket | null,
    /** The session closed: the client is ended once the held output is out. */
    private readonly closed: () => boolean,
  ) {}

  /** Output is held behind a history write. */
  get gated(): boolean {
    return this.gates > 0;
  }

  /** Holds every later output until `p` settles. */
  gate(p: Promise<void>): void {
    this.gates++;
    void p.finally(() => {
      this.gates--;
      if (this.gates === 0) this.flush();
    });
  }

  send(buf: Buffer): void {
    if (this.gates > 0 || this.queue.length > 0) this.queue.push(buf);
    else this.write(buf);
  }

  /** Writes what is held, if nothing gates it; ends the client of a closed session. */
  flush(): void {
    while (this.gates === 0 && this.queue.length > 0) this.write(this.queue.shift() as Buffer);
    if (this.closed() && this.gates === 0) this.client.end();
  }

  private write(buf: Buffer): void {
    if (this.client.destroyed) return;
    const upstream = this.upstream();
    if (!this.client.write(buf) && upstream !== null && !this.upstreamPaused) {
      this.upstreamPaused = true;
      upstream.pause();
      this.client.once('drain', () => {
        this.upstreamPaused = false;
        this.upstream()?.resume();
      });
    }
  }
}
