/**
 * OneDrive error 0x8004de40, the Internet Options rung: Microsoft's step 2 is to tick the TLS boxes in
 * inetcpl.cpl, a per-user setting. Facts: docs/reference/intune-configmgr.md 3.0 and 3.3 (WinINet
 * SecureProtocols, the policy that wins over it).
 */
import { defineRemediation, wininetTls } from 'remgen';

/** TLS 1.2 ticked in the user's Internet Options (other protocols left as they are). */
export const wininetSteps = [wininetTls({ id: 'wininet-tls12', title: 'Internet Options: Use TLS 1.2 ticked' })];

export default defineRemediation({
  id: 'wininet-tls',
  displayName: 'OneDrive 0x8004de40: TLS 1.2 in Internet Options (user)',
  description:
    'Microsoft\'s fix for 0x8004de40 asks to tick the TLS checkboxes in Internet Options, Advanced. This package, run as ' +
    'the signed-in user, turns on the TLS 1.2 bit of the user\'s SecureProtocols value and leaves every other protocol as ' +
    'it is. When a Group Policy sets the value, the policy wins: the package reports it and does not write.',
  publisher: 'remgen',
  context: 'user',
  steps: wininetSteps,
});
