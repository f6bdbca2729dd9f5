// The webhook channel (issue #12): the same delivery as generic JSON (everything, for a team's own
// receiver) or in Slack's incoming-webhook format ({ text }, mrkdwn, with &, < and > escaped as Slack
// asks). Every request carries the delivery id (header and body) so a receiver can drop a repeat.
import type { Digest, WebhookFormat } from '../../../shared/model/alert.ts';

export interface PagePayload {
  kind: 'page';
  deliveryId: string;
  connection: { id: string; name: string };
  incident: {
    id: number;
    ruleId: string;
    subject: string;
    severity: 'critical';
    message: string;
    link: string;
    at: string;
  };
}

export interface DigestPayload {
  kind: 'digest';
  deliveryId: string;
  connection: { id: string; name: string };
  digest: Digest;
}

export type DeliveryPayload = PagePayload | DigestPayload;

export const DELIVERY_HEADER = 'X-Nightshift-Delivery';

export function webhookBody(format: WebhookFormat, p: DeliveryPayload): unknown {
  if (format === 'json') return p;
  const text =
    p.kind === 'page'
      ? `:rotating_light: *CRITICAL* on ${slackEscape(p.connection.name)}: ${slackEscape(p.incident.message)}\n` +
        `Nightshift: ${slackEscape(p.incident.link)}`
      : slackEscape(p.digest.markdown);
  return { text };
}

function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** POSTs the body; resolves on 2xx, throws with the status (or the timeout) otherwise. */
export async function postWebhook(
  url: string,
  body: unknown,
  deliveryId: string,
  timeoutMs: number,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [DELIVERY_HEADER]: deliveryId,
      'Idempotency-Key': deliveryId,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  // Read (and drop) the body so the connection is released.
  const text = await response.text().catch(() => '');
  if (!response.ok)
    throw new Error(`the webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}
