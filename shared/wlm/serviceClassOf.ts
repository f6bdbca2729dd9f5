// How a WLM configuration maps to Redshift's service classes and queue names (REFERENCE 1.2, 3.2):
// manual queues are 6, 7, … in array order, automatic queues 100, 101, …; SQA is always 14.
import type { WlmConfiguration, WlmMode, WlmQueue } from './types.ts';

export const SQA_SERVICE_CLASS = 14;
export const SUPERUSER_SERVICE_CLASS = 5;
const FIRST_MANUAL_SERVICE_CLASS = 6;
const FIRST_AUTO_SERVICE_CLASS = 100;
/**
 * Name we give the SQA service class where a name is needed (metrics, system tables). AWS does not
 * document the `name` of service class 14 in STV_WLM_SERVICE_CLASS_CONFIG: our choice.
 */
export const SQA_QUEUE_NAME = 'Short query queue';

/** Automatic WLM as soon as any queue says so (`auto_wlm: true` or `queue_type: "auto"`, REFERENCE 3.7). */
export function wlmModeOf(config: WlmConfiguration): WlmMode {
  return config.queues.some((q) => q.auto_wlm === true || q.queue_type === 'auto') ? 'auto' : 'manual';
}

/** The queue's name, or Redshift's default: `Queue 1`, `Queue 2`, …, and `Default queue` for the last. */
export function queueNameOf(queue: WlmQueue, index: number, queueCount: number): string {
  if (queue.name !== undefined && queue.name !== '') return queue.name;
  return index === queueCount - 1 ? 'Default queue' : `Queue ${index + 1}`;
}

export function serviceClassOf(config: WlmConfiguration, queueIndex: number): number {
  if (!Number.isInteger(queueIndex) || queueIndex < 0 || queueIndex >= config.queues.length) {
    throw new RangeError(`no queue at index ${queueIndex} (the configuration has ${config.queues.length})`);
  }
  const first = wlmModeOf(config) === 'auto' ? FIRST_AUTO_SERVICE_CLASS : FIRST_MANUAL_SERVICE_CLASS;
  return first + queueIndex;
}

export interface WlmServiceClass {
  serviceClass: number;
  name: string;
  /** Position in `config.queues`, or null for the SQA service class. */
  queueIndex: number | null;
  isDefaultQueue: boolean;
}

/** User queues in order, then SQA (14) when the SQA element turns it on. */
export function listServiceClasses(config: WlmConfiguration): WlmServiceClass[] {
  const n = config.queues.length;
  const out: WlmServiceClass[] = config.queues.map((q, i) => ({
    serviceClass: serviceClassOf(config, i),
    name: queueNameOf(q, i, n),
    queueIndex: i,
    isDefaultQueue: i === n - 1,
  }));
  if (config.shortQueryQueue?.short_query_queue === true) {
    out.push({
      serviceClass: SQA_SERVICE_CLASS,
      name: SQA_QUEUE_NAME,
      queueIndex: null,
      isDefaultQueue: false,
    });
  }
  return out;
}
