/**
 * Example: a device up more than 14 days is asked to restart. Two Intune remediations assigned to the same
 * devices: the device package (SYSTEM) reports the uptime and whether Windows waits for a restart, so the report
 * shows who has not restarted; the user package asks the signed-in user, with a toast that has a "Restart now"
 * button (a restart a minute later) and a snooze, at most once a day. Nothing restarts unless the user chooses it.
 * With Fast Startup, "Shut down" is not a restart: the notice says "restart".
 */
import { defineBundle, defineRemediation, deviceUptime, pendingRestart, restartNotice } from 'remgen';

const upFourteenDays = deviceUptime({ id: 'up-at-most-14-days', maxDays: 14 });

export const device = defineRemediation({
  id: 'restart-reminder-device',
  displayName: 'Restart reminder: uptime reported',
  description: 'Reports devices that have not restarted in 14 days, and whether Windows waits for a restart (updates, servicing, file renames). Changes nothing.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [upFourteenDays, pendingRestart({ id: 'no-restart-pending' })],
});

export const user = defineRemediation({
  id: 'restart-reminder-user',
  displayName: 'Restart reminder: the user asked to restart',
  description: 'Asks the signed-in user to restart when the device has run for more than 14 days, at most once a day. The check keeps failing until the device restarts.',
  publisher: 'remgen examples',
  context: 'user',
  steps: [
    upFourteenDays,
    restartNotice({
      id: 'ask-to-restart',
      noticeTitle: 'Please restart your PC today',
      text: 'Your PC has been running for more than two weeks. Restart it to finish updates and keep it fast. Save your work first.',
      senderName: 'Contoso IT',
      appId: 'Contoso.RestartReminder',
      gate: { probes: ['up-at-most-14-days'] },
      cooldown: 'P1D',
    }),
  ],
});

export default defineBundle({
  id: 'restart-reminder',
  displayName: 'Restart reminder after 14 days',
  description: 'Assign the device package (SYSTEM, reports) and the user package (the signed-in user, asks) to the same devices, on a daily schedule.',
  remediations: [device, user],
});
