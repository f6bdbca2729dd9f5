/**
 * Encrypts secrets with a key the OS keeps (Electron safeStorage: Keychain, DPAPI, libsecret).
 * The core depends on this shape only, so it never imports Electron.
 */
export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}
