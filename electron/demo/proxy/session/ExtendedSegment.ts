// The extended-protocol side of a session: Parse / Bind / Describe / Close / Execute messages are
// collected into a segment that goes upstream whole at Sync or Flush (so WLM can hold all of it), and
// the prepared statements and portals are remembered so an Execute knows which statement it runs.
// Also the two "skip to Sync" states: the proxy's own (it answered the batch with an error) and the
// engine's (PostgreSQL skips a batch after an error, so its Executes must not be admitted).
import type { PlannedStatement } from '../rewrites.ts';
import { parseBindNames, parseClose, parseExecutePortal, type Message } from '../wire.ts';

/** An extended-protocol message collected until the segment's Sync / Flush. */
export interface SegmentItem {
  raw: Buffer;
  kind: 'P' | 'B' | 'D' | 'C' | 'E';
  statements: PlannedStatement[];
}

export class ExtendedSegment {
  private items: SegmentItem[] = [];
  private readonly statements = new Map<string, PlannedStatement[]>();
  private readonly portals = new Map<string, PlannedStatement | null>();
  /** Drop client messages until Sync: the proxy already answered this extended batch with an error. */
  skipUntilSync = false;
  /** PostgreSQL is skipping this extended batch after an error: do not admit its Executes. */
  upstreamSkipping = false;

  get open(): boolean {
    return this.items.length > 0;
  }

  /** True when `m` is dropped: the proxy is skipping to the Sync that ends its refused batch. */
  skips(m: Message): boolean {
    if (!this.skipUntilSync) return false;
    if (m.type !== 'S') return true;
    this.skipUntilSync = false;
    return false;
  }

  /** A Parse whose text the session planned (rewritten `raw` when the text changed). */
  addParse(name: string, statements: PlannedStatement[], raw: Buffer): void {
    this.statements.set(name, statements);
    this.items.push({ raw, kind: 'P', statements: [] });
  }

  /** Collects a Bind / Describe / Close / Execute; false for any other message. */
  collect(m: Message): boolean {
    switch (m.type) {
      case 'B': {
        const { portal, statement } = parseBindNames(m.raw);
        this.portals.set(portal, this.statements.get(statement)?.[0] ?? null);
        this.items.push({ raw: m.raw, kind: 'B', statements: [] });
        return true;
      }
      case 'D':
        this.items.push({ raw: m.raw, kind: 'D', statements: [] });
        return true;
      case 'C': {
        const { kind, name } = parseClose(m.raw);
        if (kind === 'S') this.statements.delete(name);
        else this.portals.delete(name);
        this.items.push({ raw: m.raw, kind: 'C', statements: [] });
        return true;
      }
      case 'E': {
        const statement = this.portals.get(parseExecutePortal(m.raw)) ?? null;
        this.items.push({ raw: m.raw, kind: 'E', statements: statement === null ? [] : [statement] });
        return true;
      }
      default:
        return false;
    }
  }

  /** The collected messages, in order; the segment starts empty again. */
  take(): SegmentItem[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  /** The proxy replaced the segment by its own unnamed statement and portal. */
  forgetUnnamed(): void {
    this.statements.delete('');
    this.portals.delete('');
  }
}
