// Stands in for Electron's safeStorage (absent under plain Node): real AES-256-GCM with a key held in
// memory, so tests can check that only ciphertext reaches the disk.
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../../electron/core/base/SecretBox.ts';
import { aesGcmSecretBox } from '../../electron/http/keyFileSecretBox.ts';

export function aesSecretBox(): SecretBox {
  return aesGcmSecretBox(randomBytes(32));
}
