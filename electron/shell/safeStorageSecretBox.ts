// The core's SecretBox over Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). Null when the
// OS offers no real key store: the core then keeps passwords for this session only rather than
// writing something to disk that merely looks encrypted.
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/base/SecretBox.ts';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** Call after app 'ready': before it, Linux and Windows report encryption as unavailable. */
export function safeStorageSecretBox(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  // On Linux without a keyring Chromium falls back to 'basic_text': a key hard-coded in Chromium, so
  // the "encrypted" file is readable by anyone who has it (Electron safeStorage docs).
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
