/**
 * OneDrive error 0x8004de40, the reachability rung (Microsoft's first check: "verify internet"), from the
 * user's session, where the user's proxy applies. Facts: docs/reference/intune-configmgr.md 3.0 and
 * 3.6 (the endpoints, TcpClient instead of Test-NetConnection, WinHTTP and WinINet proxies).
 */
import { defineRemediation, endpoints } from 'remgen';

/**
 * The tenant's SharePoint name (`contoso` for contoso.sharepoint.com): set it to probe the tenant's
 * SharePoint and OneDrive hosts as well.
 */
const TENANT: string | undefined = undefined;

/** Microsoft 365 sign-in endpoints (and the tenant's SharePoint and OneDrive when TENANT is set). */
export const endpointSteps = [
  endpoints({ id: 'm365-endpoints', title: 'Microsoft 365 endpoints reachable from the user session', ...(TENANT ? { tenant: TENANT } : {}) }),
];

export default defineRemediation({
  id: 'm365-endpoints',
  displayName: 'OneDrive 0x8004de40: Microsoft 365 reachable (user)',
  description:
    'Reports whether the Microsoft 365 sign-in endpoints resolve and accept a TCP connection on 443 from the user\'s ' +
    'session, with the WinHTTP and Internet Options proxy settings, so the portal shows devices that cannot reach ' +
    'Microsoft 365 at all. It only reads: an unreachable endpoint is a network, proxy or SSL inspection matter for the ' +
    'network team.',
  publisher: 'remgen',
  context: 'user',
  steps: endpointSteps,
});
