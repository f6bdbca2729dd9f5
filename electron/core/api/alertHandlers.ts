// alerts.* (issue #12): the alerts page's calls, answered by the AlertService the core runs.
import type { AlertService } from '../alerts/AlertService.ts';
import type { ApiHandlers } from './dispatch.ts';

type AlertMethods =
  | 'alerts.incidents'
  | 'alerts.acknowledge'
  | 'alerts.nextDigest'
  | 'alerts.settings'
  | 'alerts.setSchedule'
  | 'alerts.setWebhook'
  | 'alerts.deliveries'
  | 'alerts.setEmail'
  | 'alerts.pastDigests'
  | 'alerts.pastDigest'
  | 'alerts.exportDigest';

export function alertHandlers(deps: { alerts: AlertService }): Pick<ApiHandlers, AlertMethods> {
  const { alerts } = deps;
  return {
    'alerts.incidents': async (args) => alerts.incidents(args),
    'alerts.acknowledge': async (args) => alerts.acknowledge(args),
    'alerts.nextDigest': async ({ connectionId }) => alerts.nextDigest(connectionId),
    'alerts.settings': async ({ connectionId }) => alerts.settings(connectionId),
    'alerts.setSchedule': async (args) => alerts.setSchedule(args),
    'alerts.setWebhook': async (args) => alerts.setWebhook(args),
    'alerts.deliveries': async ({ connectionId, limit }) => alerts.deliveries(connectionId, limit ?? 100),
    'alerts.setEmail': async (args) => alerts.setEmail(args),
    'alerts.pastDigests': async ({ connectionId, limit }) => alerts.pastDigests(connectionId, limit ?? 60),
    'alerts.pastDigest': async ({ connectionId, at }) => alerts.pastDigest(connectionId, at),
    'alerts.exportDigest': async (args) => alerts.exportDigest(args),
  };
}
