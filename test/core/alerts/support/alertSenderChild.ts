// A process that raises a critical incident on every evaluation (a new subject each time, so each is
// a new page) and sends through the outbox to a webhook, for the kill -9 loop: the parent kills it at
// random moments, between the outbox write and the send and during the send.
// argv: dataDir receiverUrl mode (raise | drain) [smtpPort]; with an SMTP port, pages go by e-mail too
// (STARTTLS, login; the test's CA in NS_TEST_SMTP_CA), through the same outbox.
import { AlertService } from '../../../../electron/core/alerts/AlertService.ts';
import { AuditLog } from '../../../../electron/core/audit/AuditLog.ts';
import type { AlertRule } from '../../../../electron/core/base/AlertRule.ts';
import { openStore } from '../../../../electron/core/store/openStore.ts';

const [dataDir, receiverUrl, mode, smtpPort] = process.argv.slice(2) as [
  string,
  string,
  'raise' | 'drain',
  string | undefined,
];
const db = openStore({ dataDir });
let n = 0;
const everNew: AlertRule = {
  id: 'kill-test',
  description: 'a new critical subject on every evaluation',
  evaluate: () => [
    { subject: `s-${process.pid}-${n++}`, severity: 'critical', message: `page ${n}`, link: '#/alerts' },
  ],
};
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const service = new AlertService({
  db,
  log,
  rules: mode === 'raise' ? [everNew] : [],
  secrets: null,
  audit: new AuditLog(db),
  connectionName: () => 'kill loop',
  retry: { baseMs: 20, capMs: 100 },
  sendTimeoutMs: 2_000,
  tickMs: 20,
  ...(process.env.NS_TEST_SMTP_CA ? { emailTls: { ca: process.env.NS_TEST_SMTP_CA } } : {}),
});
// No keychain here: the URL is kept for this run only, so each run sets it again.
service.setWebhook({ connectionId: 'k', webhook: { format: 'json', url: receiverUrl } });
if (smtpPort)
  service.setEmail({
    connectionId: 'k',
    email: {
      host: '127.0.0.1',
      port: Number(smtpPort),
      security: 'starttls',
      from: 'nightshift@example.com',
      to: ['oncall@example.com'],
      user: 'kill',
      password: 'kill-loop-password',
    },
  });
service.start();
if (mode === 'raise') setInterval(() => service.evaluate('k'), 15);
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void service.stop().then(() => {
    db.close();
    process.exit(0);
  });
});
