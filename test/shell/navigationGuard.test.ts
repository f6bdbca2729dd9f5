import { describe, expect, it } from 'vitest';
import {
  isAllowedNavigation,
  isPermissionGranted,
  windowOpenDecision,
} from '../../electron/shell/navigationGuard.ts';
import { APP_INDEX_URL } from '../../electron/shell/appProtocol.ts';
import { createTrustedUrlCheck } from '../../electron/shell/trustedSender.ts';

const ours = APP_INDEX_URL;
const isOurs = createTrustedUrlCheck();

describe('navigation guard', () => {
  it('lets the window navigate only within our own index.html', () => {
    expect(isAllowedNavigation(ours, isOurs)).toBe(true);
    expect(isAllowedNavigation(`${ours}#/wlm`, isOurs)).toBe(true);
    for (const elsewhere of [
      'https://evil.example/',
      'https://docs.aws.amazon.com/redshift/latest/dg/r_STV_RECENTS.html',
      'file:///etc/passwd',
      ours.replace('index.html', 'other.html'),
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      expect(isAllowedNavigation(elsewhere, isOurs), elsewhere).toBe(false);
    }
  });

  it('never opens a new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it('refuses every browser permission, to our page as to any other', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'hid',
      'usb',
      'serial',
      'unknown',
    ]) {
      expect(isPermissionGranted(permission, ours, isOurs), permission).toBe(false);
    }
  });

  it('lets only our page write sanitized text to the clipboard (the "copy SQL" buttons)', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', ours, isOurs)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', isOurs)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, isOurs)).toBe(false);
  });
});
