// Who may talk to the core over IPC, and where our window may navigate: only the renderer we ship.
// Electron hands us the sending frame's URL (event.senderFrame.url); a frame showing anything else —
// a remote page, another local file, a frame that is already gone — is not Nightshift's UI
// (DESIGN.md §7: desktop/desktop `trusted-ipc-sender.ts`).
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TrustedUrlOptions {
  /** Absolute path of the built renderer's index.html (dist/renderer/index.html, inside app.asar when packaged). */
  rendererIndexPath: string;
  /**
   * A Vite dev server URL, honoured only when the caller is explicitly in dev mode (main.ts never
   * passes one in a packaged build). Null or absent: the file only.
   */
  devServerUrl?: string | null;
  /** Defaults to process.platform; Windows paths compare case-insensitively. */
  platform?: NodeJS.Platform;
}

/** True when the URL is our own renderer document (query and fragment are the page's own state). */
export type TrustedUrlCheck = (url: string | undefined) => boolean;

export function createTrustedUrlCheck(options: TrustedUrlOptions): TrustedUrlCheck {
  const windows = (options.platform ?? process.platform) === 'win32';
  const path = windows ? win32 : posix;
  const normalise = (p: string) => (windows ? path.resolve(p).toLowerCase() : path.resolve(p));
  const indexPath = normalise(options.rendererIndexPath);
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;

  return (url) => {
    if (typeof url !== 'string' || url === '') return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
      return parsed.origin === devOrigin;
    }
    // file://host/share/... is a network location, never our bundle.
    if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
    parsed.search = '';
    parsed.hash = '';
    let filePath: string;
    try {
      // Also rejects encoded separators (%2F), so "..%2F" tricks cannot name another file.
      filePath = fileURLToPath(parsed, { windows });
    } catch {
      return false;
    }
    return normalise(filePath) === indexPath;
  };
}
