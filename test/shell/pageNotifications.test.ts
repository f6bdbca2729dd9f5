// The desktop app's notifications for critical pages, run against the real EventBus and a stand-in for
// Electron's Notification: one OS notification per pushed page, with the connection and the message,
// nothing for other events or where the OS has no notifications, and a click opens the alerts page.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/core/base/EventBus.ts';
import { showPageNotifications, type NotificationApi } from '../../electron/shell/pageNotifications.ts';

const page = {
  connectionId: 'c1',
  connectionName: 'prod <cluster>',
  incidentId: 7,
  message: 'Disk used is 97.0 % (critical at 95 %)',
  link: '#/overview',
  at: '2026-06-10T01:00:00.000Z',
};

function bed(supported = true) {
  const events = new EventBus();
  const shown: { title: string; body: string }[] = [];
  const clicks: (() => void)[] = [];
  const opened: string[] = [];
  const notifications: NotificationApi = {
    isSupported: () => supported,
    create: (options) => ({
      show: () => shown.push({ title: options.title, body: options.body }),
      on: (_event, listener) => clicks.push(listener),
    }),
  };
  const stop = showPageNotifications({
    subscribe: (l) => events.subscribe(l),
    notifications,
    open: (hash) => opened.push(hash),
  });
  return { events, shown, clicks, opened, stop };
}

describe('desktop notifications for critical pages', () => {
  it('shows one notification per pushed page; a click opens the alerts page', () => {
    const b = bed();
    b.events.emit('collector.status', { connections: [] } as never);
    b.events.emit('alerts.page', page);
    expect(b.shown).toEqual([
      { title: 'Nightshift: critical on prod <cluster>', body: 'Disk used is 97.0 % (critical at 95 %)' },
    ]);
    b.clicks[0]!();
    expect(b.opened).toEqual(['#/alerts']);
    b.stop();
    b.events.emit('alerts.page', page);
    expect(b.shown).toHaveLength(1);
  });

  it('stays silent where the OS has no notifications', () => {
    const b = bed(false);
    b.events.emit('alerts.page', page);
    expect(b.shown).toEqual([]);
  });
});
