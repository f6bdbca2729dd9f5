// Desktop notifications for critical pages in the desktop app (issue #12): every `alerts.page` the core
// pushes becomes one Electron Notification (the OS notification centre, also when the window is hidden
// or minimised); clicking it brings the window to the alerts page. Written against the small shape
// of Electron it uses, so test/shell/pageNotifications.test.ts runs it without Electron.
import type { PushedEvent } from '../../shared/events.ts';

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationApi {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
}

export interface PageNotificationDeps {
  subscribe(listener: (event: PushedEvent) => void): () => void;
  notifications: NotificationApi;
  /** Shows the app's window on this hash route (the alerts page). */
  open(hash: string): void;
}

/** Starts showing pages; returns the unsubscribe. */
export function showPageNotifications(deps: PageNotificationDeps): () => void {
  return deps.subscribe((event) => {
    if (event.name !== 'alerts.page' || !deps.notifications.isSupported()) return;
    const page = (event as PushedEvent<'alerts.page'>).payload;
    const n = deps.notifications.create({
      title: `Nightshift: critical on ${page.connectionName}`,
      body: page.message,
      silent: false,
    });
    n.on('click', () => deps.open('#/alerts'));
    n.show();
  });
}
