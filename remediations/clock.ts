/**
 * OneDrive error 0x8004de40, the clock rung: sign-in tokens and TLS fail when the device clock is far off.
 * Facts: docs/reference/intune-configmgr.md 3.5 (w32tm, the HTTPS Date header, Kerberos' 5 minutes).
 */
import { clockResync, clockSkew, defineRemediation } from 'remgen';

/** The clock against login.microsoftonline.com's Date header (300 s), and a resync when it is off. */
export const clockSteps = [
  clockSkew({ id: 'clock-in-sync', title: 'Device clock within 5 minutes of Microsoft 365' }),
  // w32tm /resync is harmless but pointless every hour on a device whose time source is broken: 6 hours.
  clockResync({ id: 'resync-clock', gate: { probes: ['clock-in-sync'] }, cooldown: 'PT6H' }),
];

export default defineRemediation({
  id: 'clock',
  displayName: 'OneDrive 0x8004de40: device clock in sync',
  description:
    'Microsoft 365 sign-in fails when the device clock is more than a few minutes off. This package compares the ' +
    "device clock with the Date header of https://login.microsoftonline.com (it works through the organisation's proxy) " +
    'and, when the difference is over 5 minutes, starts the Windows Time service if it is stopped and runs w32tm /resync, ' +
    'then measures again. The resync runs at most once every 6 hours.',
  publisher: 'remgen',
  context: 'system',
  steps: clockSteps,
});
