// Who may talk to the core over IPC, and where our window may navigate: only the renderer we ship,
// served from our own origin (appProtocol.ts). Electron hands us the sending frame's URL
// (event.senderFrame.url); a frame showing anything else — a remote page, a local file, a frame that is
// already gone — is not Nightshift's UI (DESIGN.md §7: desktop/desktop `trusted-ipc-sender.ts`).
import { APP_ORIGIN } from './appProtocol.ts';

export interface TrustedUrlOptions {
  /**
   * A Vite dev server URL, honoured only when the caller is explicitly in dev mode (main.ts never
   * passes one in a packaged build). Null or absent: our own scheme only.
   */
  devServerUrl?: string | null;
}

/** True when the URL is our own renderer document (query and fragment are the page's own state). */
export type TrustedUrlCheck = (url: string | undefined) => boolean;

export function createTrustedUrlCheck(options: TrustedUrlOptions = {}): TrustedUrlCheck {
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
    // new URL() has already folded "/x/../index.html"; encoded separators stay encoded and do not match.
    // Host names compare without case (Chromium lowers them on a standard scheme; Node leaves them).
    const origin = `${parsed.protocol}//${parsed.host.toLowerCase()}`;
    return origin === APP_ORIGIN && ['/', '/index.html'].includes(parsed.pathname);
  };
}
