// wlm_config: the queues as the cluster reports them (STV_WLM_SERVICE_CLASS_CONFIG, REFERENCE 1.8),
// recorded in wlm_config_history each time they differ from the last recording. The view is
// superuser-only: a regular login reads no rows and nothing is recorded (the cluster job records the
// parameter group's wlm_json_configuration instead, where the Redshift API is available).
import type { CollectorSettings } from '../../base/CollectorSettings.ts';
import type { JobContext, JobDefinition, JobRunResult } from '../Job.ts';
import { Watermarks } from '../../store/history/Watermarks.ts';
import { WlmStore } from '../../store/history/WlmStore.ts';

export function createWlmConfigJob(settings: CollectorSettings): JobDefinition {
  return {
    name: 'wlm_config',
    defaultIntervalMs: settings.intervalsMs.wlm_config,
    requires: ['provisioned'],
    run: runWlmConfig,
  };
}

async function runWlmConfig(ctx: JobContext): Promise<JobRunResult> {
  const rows = await ctx.redshift.query<Record<string, unknown>>('wlm_service_classes', [], {
    signal: ctx.signal,
  });
  ctx.signal.throwIfAborted();
  const atUs = ctx.now().getTime() * 1000;
  const store = new WlmStore(ctx.db);
  const watermarks = new Watermarks(ctx.db);
  ctx.db.transaction(() => {
    if (rows.length > 0) store.recordConfig(ctx.connectionId, 'service_classes', atUs, JSON.stringify(rows));
    watermarks.set(ctx.connectionId, 'wlm_config', { atUs, classes: rows.length }, atUs);
  })();
  return { rowsRead: rows.length };
}
