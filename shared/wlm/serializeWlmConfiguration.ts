// Writes a WlmConfiguration back to the one-line JSON string AWS stores (REFERENCE 3.1): the queues in
// order, then the SQA element last.
import type { WlmConfiguration } from './types.ts';

export function serializeWlmConfiguration(config: WlmConfiguration): string {
  const elements: unknown[] = [...config.queues];
  if (config.shortQueryQueue !== null) elements.push(config.shortQueryQueue);
  return JSON.stringify(elements);
}
