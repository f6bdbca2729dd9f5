// Keeps every web contents on our own renderer: no navigation elsewhere, no new windows, no
// <webview>, no browser permissions (camera, geolocation, notifications...). The decisions are pure
// functions so they are tested without Electron; guardWebContents/denyPermissions only wire them.
import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/base/Logger.ts';
import type { TrustedUrlCheck } from './trustedSender.ts';

/** A frame may navigate only to our own index.html (a link to anything else is a bug or an attack). */
export function isAllowedNavigation(targetUrl: string, isOurs: TrustedUrlCheck): boolean {
  return isOurs(targetUrl);
}

/** window.open and target=_blank never create a window: the UI has exactly one. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Every permission is refused, with one exception: writing sanitized text to the clipboard from our
 * own page (the "copy SQL" buttons), which Chromium routes through the permission handlers.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  isOurs: TrustedUrlCheck,
): boolean {
  return permission === 'clipboard-sanitized-write' && isOurs(requestingUrl);
}

export function guardWebContents(contents: WebContents, isOurs: TrustedUrlCheck, log: Logger): void {
  // 'will-frame-navigate' covers the main frame and subframes; programmatic loadFile does not emit it.
  contents.on('will-frame-navigate', (event) => {
    if (isAllowedNavigation(event.url, isOurs)) return;
    event.preventDefault();
    log.warn(`blocked navigation to ${describeUrl(event.url)}`);
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, isOurs)) return;
    event.preventDefault();
    log.warn(`blocked redirect to ${describeUrl(event.url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });
  contents.setWindowOpenHandler((details) => {
    log.warn(`blocked a new window for ${describeUrl(details.url)}`);
    return windowOpenDecision();
  });
}

export function denyPermissions(session: Session, isOurs: TrustedUrlCheck): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(isPermissionGranted(permission, contents.getURL(), isOurs));
  });
  session.setPermissionCheckHandler((contents, permission) =>
    isPermissionGranted(permission, contents?.getURL(), isOurs),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

/** Only scheme and host reach the log: a URL's path or query may carry something private. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? 'a local file' : `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid URL';
  }
}
