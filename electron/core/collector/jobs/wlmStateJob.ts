// wlm_state: one sample per queue per poll (queries/wlm.sql; REFERENCE 1.7-1.9). Running and queued are
// counted from STV_WLM_QUERY_STATE, which a monitoring login with SYSLOG ACCESS UNRESTRICTED can read;
// queue names and slots come from the superuser-only config view when it answers, otherwise from the
// last sample that had them. Queues with nothing going on still get a sample (zeros are data; missing
// samples are gaps).
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { Watermarks } from '../../store/history/Watermarks.ts';
import { WlmStore, type WlmSampleRecord } from '../../store/history/WlmStore.ts';

interface StateRow {
  service_class: number;
  name: string;
  num_query_tasks: number;
  num_queued_queries: number;
  num_executing_queries: number;
}

interface CountRow {
  service_class: number;
  queued: number | string;
  running: number | string;
}

const KNOWN_QUEUES_DAYS = 7;

export function createWlmStateJob(settings: CollectorSettings): JobDefinition {
  // Per connection: the queues seen, with their last name and slots.
  const known = new Map<string, Map<number, WlmSampleRecord>>();
  return {
    name: 'wlm_state',
    defaultIntervalMs: settings.intervalsMs.wlm_state,
    requires: ['provisioned'],
    run: (ctx) => runWlmState(ctx, known),
  };
}

async function runWlmState(
  ctx: JobContext,
  known: Map<string, Map<number, WlmSampleRecord>>,
): Promise<JobRunResult> {
  const opts = { signal: ctx.signal };
  const states = await ctx.redshift.query<StateRow>('wlm_service_class_state', [], opts);
  const counts = await ctx.redshift.query<CountRow>('wlm_query_counts', [], opts);
  ctx.signal.throwIfAborted();
  const atUs = ctx.now().getTime() * 1000;
  const store = new WlmStore(ctx.db);
  let queues = known.get(ctx.connectionId);
  if (!queues) {
    queues = new Map(
      store
        .knownQueues(ctx.connectionId, atUs - KNOWN_QUEUES_DAYS * 86_400_000_000)
        .map((q) => [q.serviceClass, q]),
    );
    known.set(ctx.connectionId, queues);
  }
  const samples = new Map<number, WlmSampleRecord>();
  for (const q of queues.values()) samples.set(q.serviceClass, { ...q, running: 0, queued: 0 });
  for (const s of states) {
    samples.set(s.service_class, {
      serviceClass: s.service_class,
      queueName: s.name,
      slots: s.num_query_tasks,
      running: s.num_executing_queries,
      queued: s.num_queued_queries,
    });
  }
  for (const c of counts) {
    const prior = samples.get(c.service_class);
    samples.set(c.service_class, {
      serviceClass: c.service_class,
      queueName: prior?.queueName ?? `Service class ${c.service_class}`,
      slots: prior?.slots ?? 0,
      running: Number(c.running),
      queued: Number(c.queued),
    });
  }
  for (const s of samples.values()) queues.set(s.serviceClass, s);
  const watermarks = new Watermarks(ctx.db);
  ctx.db.transaction(() => {
    store.insertSamples(ctx.connectionId, atUs, [...samples.values()]);
    watermarks.set(ctx.connectionId, 'wlm_state', { atUs }, atUs);
  })();
  return { rowsRead: states.length + counts.length };
}
