// A webhook receiver on 127.0.0.1 for alert delivery tests: answers 200, 500, or never (hangs), as the
// test sets it, and keeps every delivery id it took (a receiver that drops repeats by id).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface WebhookReceiver {
  url: string;
  mode: ReceiverMode;
  /** Requests seen, in order (including failed and hanging ones). */
  requests: { deliveryId: string; body: unknown; answered: ReceiverMode }[];
  /** Delivery ids answered 200, each once however often it came. */
  accepted: Map<string, unknown>;
  /** Ids that came again after they were accepted (dropped as duplicates). */
  repeats: string[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(mode: ReceiverMode = 'ok'): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    mode,
    requests: [],
    accepted: new Map(),
    repeats: [],
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const deliveryId = String(req.headers['x-nightshift-delivery'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      const answered = receiver.mode;
      receiver.requests.push({ deliveryId, body, answered });
      if (answered === 'hang') {
        hanging.add(res);
        return;
      }
      if (answered === 'fail') {
        res.writeHead(500).end('receiver is down');
        return;
      }
      if (receiver.accepted.has(deliveryId)) receiver.repeats.push(deliveryId);
      else receiver.accepted.set(deliveryId, body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
