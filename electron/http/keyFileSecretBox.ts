// serve's SecretBox: there is no OS keychain on a jump host, so alert channel secrets (the webhook URL,
// the SMTP password) are sealed with AES-256-GCM under a random key kept in a file only its owner can
// read (0600), by default beside the store, or where NIGHTSHIFT_SECRET_KEY_FILE says (a systemd
// credential, a separate volume): a copy of the store alone does not reveal them, and a restart of
// serve keeps them. Connection passwords stay as before (environment, pgpass, or one run only).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretBox } from '../core/base/SecretBox.ts';

export const KEY_FILE_NAME = 'channel-secrets.key';

/** AES-256-GCM: iv (12) | tag (16) | ciphertext. */
export function aesGcmSecretBox(key: Buffer): SecretBox {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Reads the key file, creating it (0600, 32 random bytes as hex) on first use. */
export function keyFileSecretBox(path: string): SecretBox {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A key others can read protects nothing: tighten it rather than refuse to start.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${path} is not a Nightshift key file (64 hex digits)`);
  return aesGcmSecretBox(key);
}
