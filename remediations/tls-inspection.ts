/**
 * OneDrive error 0x8004de40, the TLS inspection rung, from the device (SYSTEM, whose way out is the machine's
 * WinHTTP proxy): whether the certificate chain the sign-in and device registration endpoints present ends at
 * one of Microsoft's root CAs, or at an antivirus or inspecting proxy's own root. Facts:
 * docs/reference/tls-inspection.md (the endpoints to exclude from inspection, the seven roots, the routes).
 */
import { defineRemediation, tlsInspection } from 'remgen';

/**
 * The tenant's SharePoint name (`contoso` for contoso.sharepoint.com): set it to read the chain of the
 * tenant's OneDrive host as well.
 */
const TENANT: string | undefined = undefined;

/** TLS to the sign-in and device registration endpoints is not intercepted (one probe, either context). */
export const tlsInspectionSteps = [
  tlsInspection({ id: 'no-tls-inspection', title: 'TLS to the Microsoft 365 sign-in endpoints is not intercepted', ...(TENANT ? { tenant: TENANT } : {}) }),
];

export default defineRemediation({
  id: 'tls-inspection',
  displayName: 'OneDrive 0x8004de40: TLS not intercepted (device)',
  description:
    'Reports whether a proxy or antivirus breaks and inspects TLS to login.microsoftonline.com, ' +
    'device.login.microsoftonline.com and enterpriseregistration.windows.net on the way SYSTEM takes (the WinHTTP ' +
    'proxy): the chain each presents must end at one of Microsoft\'s root CAs. An intercepting root is named, and a ' +
    'proxy asking for authentication is reported as such. It only reads: exclude those endpoints from inspection.',
  publisher: 'remgen',
  context: 'system',
  steps: tlsInspectionSteps,
});
