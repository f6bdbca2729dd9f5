// The blast radius in one sentence. Pure, so the wording (singular, no victims, no window) is tested.
import type { BlastRadius } from '../../../../shared/model/fingerprint.ts';
import { formatDuration } from '../../time/formatTime.ts';

export function blastSummary(blast: BlastRadius): string {
  const queue =
    blast.queueName ?? (blast.serviceClass === null ? 'its queue' : `service class ${blast.serviceClass}`);
  if (blast.heldFrom === null || blast.heldTo === null)
    return 'The stored history does not say when this query held its slots, so what queued behind it is not known.';
  const n = blast.victims.length;
  if (n === 0) return `No statement waited in ${queue} while this query held its slots.`;
  const what = n === 1 ? '1 statement' : `${n.toLocaleString('en-US')} statements`;
  return `${what} waited ${formatDuration(blast.totalWaitMs)} in ${queue} while this query held its slots.`;
}
