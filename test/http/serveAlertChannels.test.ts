// Alert channels survive a restart of a real `serve` (issue #12): the webhook URL (a Slack URL is a
// secret: sealed whole) and the SMTP password are sealed with serve's key file (0600, beside the store),
// never written in clear, never returned; after SIGTERM and a new serve on the same data directory both
// are still there and usable.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, keyFileSecretBox } from '../../electron/http/keyFileSecretBox.ts';
import type { AlertSettings } from '../../shared/model/alert.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

const HOOK = 'https://hooks.slack.example/services/T0001/B0001/xoxb-very-secret-token';
const PASSWORD = 'smtp-Pa55-never-shown';

let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

async function settings(s: ServeProcess): Promise<AlertSettings> {
  const r = await s.call('alerts.settings', { connectionId: 'jump' });
  return (r.body as { result: AlertSettings }).result;
}

describe('serve keeps alert channels across a restart', () => {
  it('seals the webhook URL and SMTP password with its key file; a new serve reads them back', async () => {
    serve = await startServe({ admin: true });
    const dataDir = serve.dataDir;
    expect(
      (
        await serve.call('alerts.setWebhook', {
          connectionId: 'jump',
          webhook: { format: 'slack', url: HOOK },
        })
      ).status,
    ).toBe(200);
    const email = {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      from: 'nightshift@example.com',
      to: ['oncall@example.com'],
      user: 'alerts',
    };
    const set = await serve.call('alerts.setEmail', {
      connectionId: 'jump',
      email: { ...email, password: PASSWORD },
    });
    expect(JSON.stringify(set.body)).not.toContain(PASSWORD);
    expect(await serve.stop()).toBe(0);

    const keyFile = join(dataDir, KEY_FILE_NAME);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const store = readFileSync(join(dataDir, 'nightshift.db')).toString('latin1');
    expect(store).not.toContain('very-secret-token');
    expect(store).not.toContain(PASSWORD);

    serve = await startServe({ admin: true, dataDir });
    const after = await settings(serve);
    expect(after.webhook).toEqual({
      format: 'slack',
      urlHint: 'https://hooks.slack.example/…',
      urlSource: 'keychain',
      available: true,
    });
    expect(after.email).toMatchObject({ ...email, passwordStatus: 'password set', available: true });
    expect(JSON.stringify(after)).not.toContain(PASSWORD);
    expect(JSON.stringify(after)).not.toContain('very-secret-token');
    expect(serve.stderr()).not.toContain(PASSWORD);

    // What is sealed is the whole URL and the password, under the key file's key.
    const db = new Database(join(dataDir, 'nightshift.db'), { readonly: true });
    try {
      const box = keyFileSecretBox(keyFile);
      const sealed = db.prepare('SELECT url_sealed FROM alert_channels').pluck().get() as Buffer;
      const password = db.prepare('SELECT password_sealed FROM alert_email').pluck().get() as Buffer;
      expect(box.decrypt(sealed)).toBe(HOOK);
      expect(box.decrypt(password)).toBe(PASSWORD);
    } finally {
      db.close();
    }
  });
});
