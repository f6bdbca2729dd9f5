// A small discrete-event simulation of one day on the cluster: sessions ("chains") submit statements
// one after another; statements that go through WLM wait FIFO in their service class until enough
// slots are free (REFERENCE 1.2, 1.6: queue time + execution time = start -> end), leader-only
// statements (utility, DDL, system probes) run at once. So queue waits, slot limits and the blast
// radius of a slow statement come out of the simulation instead of being painted on.
import type { Micros } from './time.ts';

export type StatementKind = 'query' | 'utility' | 'ddl';

export interface SimStatement {
  seq: number;
  kind: StatementKind;
  /** null: not queued by WLM (leader-only); no STL_WLM_QUERY row. */
  serviceClass: number | null;
  slotCount: number;
  /** Planned execution time. */
  plannedExec: Micros;
  /** QMR abort / cancel after this much execution time (then aborted = 1). */
  execLimit: Micros | null;
  submit: Micros;
  execStart: Micros;
  end: Micros;
  /** The limit cut the execution short. */
  cut: boolean;
  ran: boolean;
}

export interface ChainItem<S extends SimStatement> {
  statement: S;
  /** Think time / client gap before submitting this item, after the previous one ended. */
  gap: Micros;
  /** 'ok': only if nothing earlier in the chain was cut; 'cut': only if something was (ROLLBACK). */
  when?: 'ok' | 'cut';
}

export interface Chain<S extends SimStatement> {
  startAt: Micros;
  after: Chain<S>[];
  items: ChainItem<S>[];
  /** Filled by the simulation. */
  done: boolean;
  end: Micros;
}

export function chain<S extends SimStatement>(
  startAt: Micros,
  items: ChainItem<S>[],
  after: Chain<S>[] = [],
): Chain<S> {
  return { startAt, after, items, done: false, end: 0 };
}

interface Event {
  t: Micros;
  order: number;
  kind: 'submit' | 'finish';
  chainIndex: number;
  item: number;
}

/** Binary min-heap on (t, order): ties resolve in creation order, so the run is deterministic. */
class EventQueue {
  private readonly heap: Event[] = [];
  private order = 0;

  push(t: Micros, kind: Event['kind'], chainIndex: number, item: number): void {
    const e: Event = { t, order: this.order++, kind, chainIndex, item };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(e, h[parent] as Event)) break;
      h[i] = h[parent] as Event;
      i = parent;
    }
    h[i] = e;
  }

  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      let candidate = last;
      if (l < h.length && before(h[l] as Event, candidate)) {
        smallest = l;
        candidate = h[l] as Event;
      }
      if (r < h.length && before(h[r] as Event, candidate)) {
        smallest = r;
      }
      if (smallest === i) break;
      h[i] = h[smallest] as Event;
      i = smallest;
    }
    h[i] = last;
    return top;
  }
}

const before = (a: Event, b: Event): boolean => a.t < b.t || (a.t === b.t && a.order < b.order);

interface Waiting {
  chainIndex: number;
  item: number;
}

/** Runs every chain to completion; fills submit / execStart / end / cut / ran on the statements. */
export function simulate<S extends SimStatement>(
  chains: Chain<S>[],
  slotsOf: (serviceClass: number) => number,
): void {
  const events = new EventQueue();
  const used = new Map<number, number>();
  const queues = new Map<number, Waiting[]>();
  const cutChains = new Set<number>();
  const index = new Map<Chain<S>, number>();
  chains.forEach((c, i) => index.set(c, i));
  const dependents = new Map<number, number[]>();
  const pending = chains.map((c) => c.after.length);
  chains.forEach((c, i) => {
    for (const dep of c.after) {
      const d = index.get(dep);
      if (d === undefined) throw new Error('chain depends on a chain that is not simulated');
      dependents.set(d, [...(dependents.get(d) ?? []), i]);
    }
    if (c.after.length === 0) events.push(c.startAt, 'submit', i, 0);
  });

  const start = (s: S, chainIndex: number, item: number, t: Micros): void => {
    s.execStart = t;
    const limited = s.execLimit !== null && s.execLimit < s.plannedExec;
    s.cut = limited;
    s.end = t + (limited && s.execLimit !== null ? s.execLimit : s.plannedExec);
    s.ran = true;
    if (limited) cutChains.add(chainIndex);
    events.push(s.end, 'finish', chainIndex, item);
  };

  const finishChain = (chainIndex: number, t: Micros): void => {
    const c = chains[chainIndex] as Chain<S>;
    c.done = true;
    c.end = t;
    for (const d of dependents.get(chainIndex) ?? []) {
      pending[d] = (pending[d] ?? 1) - 1;
      if (pending[d] === 0) {
        const dependent = chains[d] as Chain<S>;
        const ready = Math.max(...dependent.after.map((a) => a.end));
        events.push(Math.max(dependent.startAt, ready + 20_000_000), 'submit', d, 0);
      }
    }
  };

  for (let e = events.pop(); e !== undefined; e = events.pop()) {
    const c = chains[e.chainIndex] as Chain<S>;
    if (e.kind === 'submit') {
      // Skip items that do not apply after (or without) a cut statement.
      let item = e.item;
      const wasCut = cutChains.has(e.chainIndex);
      while (item < c.items.length) {
        const when = c.items[item]?.when;
        if (when === undefined || (when === 'ok' && !wasCut) || (when === 'cut' && wasCut)) break;
        item++;
      }
      const next = c.items[item];
      if (next === undefined) {
        finishChain(e.chainIndex, e.t);
        continue;
      }
      const s = next.statement;
      s.submit = e.t;
      if (s.serviceClass === null) {
        start(s, e.chainIndex, item, e.t);
        continue;
      }
      const sc = s.serviceClass;
      const queue = queues.get(sc) ?? [];
      queues.set(sc, queue);
      const inUse = used.get(sc) ?? 0;
      if (queue.length === 0 && inUse + s.slotCount <= slotsOf(sc)) {
        used.set(sc, inUse + s.slotCount);
        start(s, e.chainIndex, item, e.t);
      } else {
        queue.push({ chainIndex: e.chainIndex, item });
      }
      continue;
    }
    // finish
    const finished = c.items[e.item]?.statement;
    if (finished === undefined) continue;
    if (finished.serviceClass !== null) {
      const sc = finished.serviceClass;
      used.set(sc, (used.get(sc) ?? 0) - finished.slotCount);
      const queue = queues.get(sc) ?? [];
      // FIFO: the head waits for enough free slots; nobody overtakes it.
      while (queue.length > 0) {
        const head = queue[0] as Waiting;
        const s = (chains[head.chainIndex] as Chain<S>).items[head.item]?.statement;
        if (s === undefined) {
          queue.shift();
          continue;
        }
        const inUse = used.get(sc) ?? 0;
        if (inUse + s.slotCount > slotsOf(sc)) break;
        queue.shift();
        used.set(sc, inUse + s.slotCount);
        start(s, head.chainIndex, head.item, e.t);
      }
    }
    const following = c.items[e.item + 1];
    if (following === undefined) {
      finishChain(e.chainIndex, e.t);
    } else {
      events.push(e.t + following.gap, 'submit', e.chainIndex, e.item + 1);
    }
  }
}
