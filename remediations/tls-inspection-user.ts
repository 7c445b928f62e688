/**
 * OneDrive error 0x8004de40, the TLS inspection rung from the signed-in user's session, whose way out is
 * their Internet Options (manual proxy, PAC, auto-detect). The same probe as tls-inspection.ts.
 * Facts: docs/reference/tls-inspection.md.
 */
import { defineRemediation } from 'remgen';
import { tlsInspectionSteps } from './tls-inspection.ts';

export default defineRemediation({
  id: 'tls-inspection-user',
  displayName: 'OneDrive 0x8004de40: TLS not intercepted (user)',
  description:
    'Reports whether a proxy or antivirus breaks and inspects TLS to the Microsoft 365 sign-in and device registration ' +
    'endpoints on the way the signed-in user takes (their Internet Options proxy): the chain each presents must end at ' +
    'one of Microsoft\'s root CAs. An intercepting root is named, and a proxy asking for authentication is reported ' +
    'as such. It only reads.',
  publisher: 'remgen',
  context: 'user',
  steps: tlsInspectionSteps,
});
