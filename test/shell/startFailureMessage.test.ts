import { describe, expect, it } from 'vitest';
import { startFailureMessage } from '../../electron/shell/startFailureMessage.ts';

describe('the desktop app: explaining a start that failed', () => {
  it('turns an ABI mismatch into the command that fixes it', () => {
    const error = new Error(
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.",
    );
    expect(startFailureMessage(error)).toContain('npx electron-rebuild -f -o better-sqlite3');
  });

  it("shows any other error's own message, without secrets", () => {
    expect(startFailureMessage(new Error('Migration "0002_x.sql" was changed after it was applied'))).toBe(
      'Migration "0002_x.sql" was changed after it was applied',
    );
    expect(startFailureMessage(new Error('postgres://admin:s3cret@host/db refused'))).not.toContain('s3cret');
  });
});
