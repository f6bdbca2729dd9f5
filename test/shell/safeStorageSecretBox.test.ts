// safeStorage exists only inside Electron; a stand-in with the same four methods checks the choice
// the shell makes: real OS encryption, or none (passwords for this session only).
import { describe, expect, it } from 'vitest';
import { safeStorageSecretBox, type SafeStorageLike } from '../../electron/shell/safeStorageSecretBox.ts';

function safeStorage(
  available: boolean,
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
  };
}

describe('the SecretBox over safeStorage', () => {
  it('is null when the OS offers no encryption', () => {
    expect(safeStorageSecretBox(safeStorage(false, 'unknown'), 'darwin')).toBeNull();
  });

  it("is null on Linux when Chromium fell back to its hard-coded 'basic_text' key", () => {
    expect(safeStorageSecretBox(safeStorage(true, 'basic_text'), 'linux')).toBeNull();
  });

  it('seals and opens through the OS key store when there is one', () => {
    for (const [platform, backend] of [
      ['linux', 'gnome_libsecret'],
      ['darwin', 'unknown'],
      ['win32', 'unknown'],
    ] as const) {
      const box = safeStorageSecretBox(safeStorage(true, backend), platform);
      if (!box) throw new Error(`no SecretBox on ${platform} with ${backend}`);
      const sealed = box.encrypt('hunter2');
      expect(sealed.toString('utf8')).not.toBe('hunter2');
      expect(box.decrypt(sealed)).toBe('hunter2');
    }
  });
});
