// An SMTP server on 127.0.0.1 for alert e-mail tests (smtp-server, from the nodemailer project): offers
// STARTTLS with a self-signed certificate made for the test, requires a login, and either takes mail or
// refuses it (451) as the test sets it. It keeps every message it took by X-Nightshift-Delivery-Id, the
// way a receiver that drops repeats would.
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  deliveryId: string;
  messageId: string;
  subject: string;
  /** Whether the session had been upgraded to TLS (STARTTLS) when the message came. */
  secure: boolean;
  user: string | null;
  raw: string;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  /** The self-signed certificate: the client's trusted CA. */
  cert: string;
  mode: 'ok' | 'refuse';
  /** Every message taken, in order, repeats included. */
  received: ReceivedMail[];
  /** The first message taken for each delivery id. */
  accepted: Map<string, ReceivedMail>;
  repeats: string[];
  /** Login attempts: user and whether the password was right. */
  logins: { user: string; ok: boolean }[];
  /** Connections that broke (a sender killed mid-session resets its socket): counted, not thrown. */
  broken: string[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(login: { user: string; password: string }): Promise<SmtpReceiver> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const receiver: SmtpReceiver = {
    host: '127.0.0.1',
    port: 0,
    cert: pems.cert,
    mode: 'ok',
    received: [],
    accepted: new Map(),
    repeats: [],
    logins: [],
    broken: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    key: pems.private,
    cert: pems.cert,
    // Login only after STARTTLS (smtp-server's default): a client that does not upgrade cannot log in.
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = auth.username === login.user && auth.password === login.password;
      receiver.logins.push({ user: auth.username ?? '', ok });
      if (ok) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onMailFrom(_address, _session, callback) {
      if (receiver.mode === 'refuse') {
        const error = new Error('mailbox unavailable, try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
        const mail: ReceivedMail = {
          deliveryId: header('X-Nightshift-Delivery-Id'),
          messageId: header('Message-ID'),
          subject: header('Subject'),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : null,
          raw,
        };
        receiver.received.push(mail);
        if (receiver.accepted.has(mail.deliveryId)) receiver.repeats.push(mail.deliveryId);
        else receiver.accepted.set(mail.deliveryId, mail);
        callback();
      });
    },
  });
  // smtp-server reports a client's broken connection as a server 'error' event; without a listener
  // Node would throw it out of the test (the kill -9 loop breaks connections on purpose).
  server.on('error', (error: Error) => receiver.broken.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.server.address() as AddressInfo).port;
  return receiver;
}
