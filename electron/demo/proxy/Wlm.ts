// WLM admission control: slots per service class and a FIFO wait queue per class. A query whose class
// has fewer free slots than its slot count waits (QueuedWaiting) until running queries release theirs.
//
//   request ──> [queued] ──(slots free)──> [running] ──release──> [released]
//                   └──────(cancel)──────> [cancelled]
//
// Configuration changes (applyConfig) take effect at once for admission: running queries keep their
// slots, new ones see the new concurrency (REFERENCE 3.5 "running queries keep their old slots"). For a
// dynamic change the reported num_query_tasks / query_working_mem stay at the old values until the
// queries holding old slots have drained (REFERENCE 1.8, 3.5: they differ from target meanwhile).
import { slotCountTooHighMessage } from './rewrites.ts';
import {
  allServiceClasses,
  routeQuery,
  type RouteInput,
  type WlmConfig,
  type WlmQueue,
} from './wlmConfig.ts';

export type TicketState = 'queued' | 'running' | 'released' | 'cancelled';

export class Ticket {
  state: TicketState = 'queued';
  /** Configuration generation the query started under (its slots and memory come from it). */
  generation = 0;
  /** Resolves true when the query may run, false when it was cancelled while queued. */
  readonly started: Promise<boolean>;
  private settle!: (running: boolean) => void;
  constructor(
    readonly seq: number,
    public queue: WlmQueue,
    readonly slots: number,
    readonly route: RouteInput,
  ) {
    this.started = new Promise<boolean>((resolve) => {
      this.settle = resolve;
    });
  }
  /** @internal */
  resolve(running: boolean): void {
    this.settle(running);
  }
}

export type Admission = { kind: 'rejected'; message: string } | { kind: 'admitted'; ticket: Ticket };

export interface ClassTransition {
  numQueryTasks: number;
  targetNumQueryTasks: number;
  queryWorkingMem: number;
  targetQueryWorkingMem: number;
}

export type ApplyMode = 'dynamic' | 'static';

export class WlmController {
  private held = new Map<number, number>();
  private running = new Set<Ticket>();
  private generation = 0;
  private waiting = new Map<number, Ticket[]>();
  private current = new Map<number, { tasks: number; mem: number }>();
  private seq = 0;

  constructor(
    private cfg: WlmConfig,
    /** Called when a dynamic transition ends (reported values reach the target), not on applyConfig. */
    private readonly onConfigChange: () => void = () => {},
  ) {
    for (const q of allServiceClasses(cfg))
      this.current.set(q.serviceClass, { tasks: q.reportedSlots, mem: q.workingMemMb });
  }

  get config(): WlmConfig {
    return this.cfg;
  }

  /** Routes and admits (or queues) a query. `slotCount` is the session's wlm_query_slot_count. */
  request(route: RouteInput, slotCount: number): Admission {
    const queue = routeQuery(this.cfg, route);
    // wlm_query_slot_count is a manual-WLM concept (REFERENCE 2.4); Auto WLM queries take one slot.
    const slots = queue.auto ? 1 : slotCount;
    // "must not exceed the queue's concurrency (otherwise the query fails)" - REFERENCE 2.4.
    if (slots > queue.slots)
      return { kind: 'rejected', message: slotCountTooHighMessage(slots, queue.name, queue.slots) };
    const ticket = new Ticket(++this.seq, queue, slots, route);
    this.queueOf(queue.serviceClass).push(ticket);
    this.pump(queue.serviceClass);
    return { kind: 'admitted', ticket };
  }

  /** A running query finished: free its slots and start waiting queries. */
  release(ticket: Ticket): void {
    if (ticket.state === 'queued') {
      this.cancel(ticket);
      return;
    }
    if (ticket.state !== 'running') return;
    ticket.state = 'released';
    this.running.delete(ticket);
    const sc = ticket.queue.serviceClass;
    this.held.set(sc, Math.max(0, (this.held.get(sc) ?? 0) - ticket.slots));
    this.pump(sc);
    if (this.settleTransitions()) this.onConfigChange();
  }

  /** Removes a queued query (cancel, disconnect). Returns false when it was not queued any more. */
  cancel(ticket: Ticket): boolean {
    if (ticket.state !== 'queued') return false;
    const list = this.queueOf(ticket.queue.serviceClass);
    const i = list.indexOf(ticket);
    if (i >= 0) list.splice(i, 1);
    ticket.state = 'cancelled';
    ticket.resolve(false);
    this.pump(ticket.queue.serviceClass);
    return true;
  }

  /** Installs a new configuration; queued queries are routed again under it. */
  applyConfig(cfg: WlmConfig, mode: ApplyMode): void {
    this.cfg = cfg;
    this.generation++;
    const queued = [...this.waiting.values()].flat().sort((a, b) => a.seq - b.seq);
    this.waiting.clear();
    for (const t of queued) {
      t.queue = routeQuery(cfg, t.route);
      this.queueOf(t.queue.serviceClass).push(t);
    }
    const live = new Set(allServiceClasses(cfg).map((q) => q.serviceClass));
    for (const sc of [...this.current.keys()]) if (!live.has(sc)) this.current.delete(sc);
    for (const q of allServiceClasses(cfg)) {
      const before = this.current.get(q.serviceClass);
      if (mode === 'static' || before === undefined)
        this.current.set(q.serviceClass, { tasks: q.reportedSlots, mem: q.workingMemMb });
    }
    this.settleTransitions();
    for (const sc of this.waiting.keys()) this.pump(sc);
  }

  /** Reported vs target concurrency and memory of a class (REFERENCE 1.8). */
  transition(q: WlmQueue): ClassTransition {
    const cur = this.current.get(q.serviceClass) ?? { tasks: q.reportedSlots, mem: q.workingMemMb };
    return {
      numQueryTasks: cur.tasks,
      targetNumQueryTasks: q.reportedSlots,
      queryWorkingMem: cur.mem,
      targetQueryWorkingMem: q.workingMemMb,
    };
  }

  heldSlots(serviceClass: number): number {
    return this.held.get(serviceClass) ?? 0;
  }

  queuedCount(serviceClass: number): number {
    return this.waiting.get(serviceClass)?.length ?? 0;
  }

  /** A dynamic transition ends once the queries that started under an older configuration are done. */
  private settleTransitions(): boolean {
    let changed = false;
    for (const q of allServiceClasses(this.cfg)) {
      const cur = this.current.get(q.serviceClass);
      if (cur === undefined || (cur.tasks === q.reportedSlots && cur.mem === q.workingMemMb)) continue;
      const drained = ![...this.running].some(
        (t) => t.queue.serviceClass === q.serviceClass && t.generation < this.generation,
      );
      if (drained) {
        this.current.set(q.serviceClass, { tasks: q.reportedSlots, mem: q.workingMemMb });
        changed = true;
      }
    }
    return changed;
  }

  private queueOf(sc: number): Ticket[] {
    let list = this.waiting.get(sc);
    if (list === undefined) {
      list = [];
      this.waiting.set(sc, list);
    }
    return list;
  }

  /** Starts queued queries of a class in FIFO order while their slots fit. */
  private pump(sc: number): void {
    const list = this.waiting.get(sc);
    if (list === undefined) return;
    while (list.length > 0) {
      const head = list[0] as Ticket;
      const held = this.heldSlots(sc);
      // A query queued before a concurrency cut may need more slots than the queue now has: it runs
      // when the queue is empty rather than waiting forever.
      if (held + head.slots > head.queue.slots && held > 0) break;
      list.shift();
      this.held.set(sc, held + head.slots);
      head.state = 'running';
      head.generation = this.generation;
      this.running.add(head);
      head.resolve(true);
    }
  }
}
