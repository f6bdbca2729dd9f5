// What the error dialog says when the core cannot open its store. Mostly the error's own message
// (migration errors are written for the user), with one case spelled out: a better-sqlite3 built for
// Node's ABI instead of Electron's, which is what `electron .` on a fresh checkout runs into.
import { redactSecrets } from '../core/base/Logger.ts';

export function startFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(message)) {
    return (
      'The SQLite driver (better-sqlite3) was built for Node.js, not for Electron.\n\n' +
      'Run "npx electron-rebuild -f -o better-sqlite3" and start Nightshift again. ' +
      '(Run "npm rebuild better-sqlite3" before using the tests or `npm run serve` under Node.)'
    );
  }
  return redactSecrets(message);
}
