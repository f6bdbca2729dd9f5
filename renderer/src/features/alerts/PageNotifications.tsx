// Desktop notifications for critical pages on door 2 (issue #12): the browser's Notification API, asked
// for from a button (browsers only grant it on a user's gesture), showing every page the core pushes
// over the event stream. The desktop app's window leaves this to the shell, which shows Electron's own
// notification (electron/shell/pageNotifications.ts), so a page never pops up twice.
import { useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi, useEvent } from '../../api/ApiContext.tsx';

const ids = testIds.alertChannels;

const supported = () => typeof Notification !== 'undefined';

/** Mounted once for the whole app: shows each pushed page when the user allowed notifications. */
export function PageNotifier() {
  const { door } = useApi();
  useEvent('alerts.page', (page) => {
    if (door !== 'browser' || !supported() || Notification.permission !== 'granted') return;
    // The tag makes a repeat of the same page replace the first instead of stacking.
    new Notification(`Nightshift: critical on ${page.connectionName}`, {
      body: page.message,
      tag: `page:${page.connectionId}:${page.incidentId}`,
    });
  });
  return null;
}

/** The alerts page's switch: asks the browser for permission and says what it answered. */
export function NotificationButton() {
  const { door } = useApi();
  const [permission, setPermission] = useState(() => (supported() ? Notification.permission : 'unsupported'));
  if (door !== 'browser') return null;
  const words: Record<string, string> = {
    granted: 'Desktop notifications are on for critical pages.',
    denied: 'This browser blocks notifications from this page: allow them in its site settings.',
    unsupported: 'This browser has no desktop notifications.',
    default: 'Critical pages can show as desktop notifications while this page is open.',
  };
  return (
    <p className="alerts-form">
      <span className="muted" data-testid={ids.notifyState} data-permission={permission}>
        {words[permission]}
      </span>
      {permission === 'default' && (
        <button
          type="button"
          className="button"
          data-testid={ids.notifyButton}
          onClick={() => void Notification.requestPermission().then(setPermission)}
        >
          Enable desktop notifications
        </button>
      )}
    </p>
  );
}
