/**
 * OneDrive error 0x8004de40 ("There was a problem connecting to OneDrive"), the whole fix ladder of
 * Microsoft's article (docs/reference/intune-configmgr.md 3.0) as two Intune remediations: what needs
 * SYSTEM on the device, and what lives in the signed-in user's profile. Each rung is also its own package
 * in this folder, for admins who want only one of them.
 */
import { defineBundle, defineRemediation } from 'remgen';
import { clearCredentials } from './cached-credentials.ts';
import { clockSteps } from './clock.ts';
import { dnsSteps } from './dns.ts';
import { joinSteps } from './hybrid-join.ts';
import { endpointSteps } from './m365-endpoints.ts';
import { oneDriveSignedIn, resetOneDrive } from './onedrive-reset.ts';
import { tlsInspectionSteps } from './tls-inspection.ts';
import { tlsModernSteps } from './tls-modern.ts';
import { tlsSteps } from './tls.ts';
import { wininetSteps } from './wininet-tls.ts';

export const device = defineRemediation({
  id: 'onedrive-0x8004de40-device',
  displayName: 'OneDrive 0x8004de40: device fixes (TLS, clock, join, DNS)',
  description:
    'The device half of the 0x8004de40 fix, run as SYSTEM: TLS 1.2 for SCHANNEL, WinHTTP and .NET in both registry views, ' +
    'the Azure Front Door cipher suites first and TLS 1.3 where Windows has it; ' +
    'the device clock against Microsoft 365 with a w32tm resync when it is off; the Entra (hybrid) join with the ' +
    'Automatic-Device-Join task when it is broken; the sign-in endpoints with a DNS cache flush when their names do not ' +
    'resolve; TLS to the sign-in endpoints not intercepted on the WinHTTP proxy\'s way (reported only). Actions run only ' +
    'when their check fails, at most once per cooldown. SCHANNEL changes need a restart.',
  publisher: 'remgen',
  context: 'system',
  steps: [...tlsSteps, ...tlsModernSteps, ...clockSteps, ...joinSteps, ...dnsSteps, ...tlsInspectionSteps],
});

export const user = defineRemediation({
  id: 'onedrive-0x8004de40-user',
  displayName: 'OneDrive 0x8004de40: user fixes (Internet Options, credentials, OneDrive reset)',
  description:
    'The user half of the 0x8004de40 fix, run as the signed-in user: TLS 1.2 ticked in Internet Options; the Microsoft 365 ' +
    'endpoints reachable from the user\'s session, and TLS to them not intercepted on the user\'s proxy (reported only); and, when OneDrive is installed but its work account has not signed in, ' +
    'the stale OneDrive and Office credentials deleted (at most daily) and OneDrive reset (at most weekly). The check ' +
    'keeps failing until the user has signed in.',
  publisher: 'remgen',
  context: 'user',
  steps: [...wininetSteps, ...endpointSteps, ...tlsInspectionSteps, oneDriveSignedIn, clearCredentials, resetOneDrive],
});

export default defineBundle({
  id: 'onedrive-0x8004de40',
  displayName: 'OneDrive error 0x8004de40',
  description:
    'Fixes "There was a problem connecting to OneDrive" (0x8004de40) on a fleet: assign the device remediation (SYSTEM) ' +
    'and the user remediation (signed-in user) to the same devices, on the same schedule.',
  remediations: [device, user],
});
