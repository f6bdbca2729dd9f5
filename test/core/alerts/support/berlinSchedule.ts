// The alert schedule most alert tests start from: Berlin, the digest at 10:00, quiet 22:00-08:00 (the
// defaults but for the zone, which has DST and is not the machine's).
import type { AlertSchedule } from '../../../../shared/model/alert.ts';

export const BERLIN_SCHEDULE: AlertSchedule = {
  timeZone: 'Europe/Berlin',
  digestAt: '10:00',
  quietFrom: '22:00',
  quietTo: '08:00',
  holdDownMinutes: 60,
};
