// The e-mail channel (issue #12), over SMTP with nodemailer: the most used Node mail library, actively
// maintained, with no dependencies of its own, and STARTTLS required / opportunistic / implicit TLS,
// AUTH and timeouts built in. Every message carries its outbox delivery id (Message-ID and
// X-Nightshift-Delivery-Id) so a receiver, or a mail filter, drops a repeat after a crash during sending.
import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import { escapeMarkup } from '../../../shared/escapeMarkup.ts';
import { digestHtml } from './digestHtml.ts';
import type { ResolvedEmail } from './EmailChannel.ts';
import type { DeliveryPayload } from './webhook.ts';

export const EMAIL_DELIVERY_HEADER = 'X-Nightshift-Delivery-Id';

/** A Message-ID that is the delivery id, with anything outside an RFC 5322 atom written as =XX. */
export function messageIdOf(deliveryId: string): string {
  const local = deliveryId.replace(
    /[^A-Za-z0-9_-]/g,
    (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `<${local}@nightshift.invalid>`;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export function emailMessage(p: DeliveryPayload): EmailMessage {
  const name = oneLine(p.connection.name);
  if (p.kind === 'page') {
    const text =
      `CRITICAL on ${p.connection.name}: ${p.incident.message}\n\n` +
      `Seen at ${p.incident.at}. In Nightshift: ${p.incident.link}\nDelivery id: ${p.deliveryId}\n`;
    return {
      subject: `[Nightshift] CRITICAL on ${name}: ${oneLine(p.incident.message)}`.slice(0, 250),
      text,
      html: `<!doctype html><html><body><p><strong>CRITICAL</strong> on ${escapeMarkup(p.connection.name)}: ${escapeMarkup(
        p.incident.message,
      )}</p><p>Seen at ${escapeMarkup(p.incident.at)}. In Nightshift: <code>${escapeMarkup(p.incident.link)}</code></p></body></html>`,
    };
  }
  const n = p.digest.lines.length;
  return {
    subject: `[Nightshift] Digest for ${name}: ${n} item${n === 1 ? '' : 's'}`,
    text: p.digest.markdown,
    html: digestHtml(p.digest),
  };
}

/** Sends one delivery; resolves once the server accepted it for every recipient, throws otherwise. */
export async function sendEmail(
  settings: ResolvedEmail,
  payload: DeliveryPayload,
  deliveryId: string,
  timeoutMs: number,
  tls: ConnectionOptions = {},
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ...(settings.user !== null ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls,
  });
  try {
    const message = emailMessage(payload);
    const info = (await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: messageIdOf(deliveryId),
      headers: { [EMAIL_DELIVERY_HEADER]: deliveryId },
    })) as { rejected?: unknown[] };
    if (info.rejected && info.rejected.length > 0)
      throw new Error(`the SMTP server refused ${info.rejected.length} recipient(s)`);
  } finally {
    transport.close();
  }
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
