/**
 * OneDrive error 0x8004de40, the name resolution rung: a stale or poisoned DNS cache (after VPN changes,
 * for instance) keeps the sign-in names from resolving. Facts: docs/reference/intune-configmgr.md
 * 3.6 (what to probe, TcpClient with per-endpoint timeouts) and 3.7 (ipconfig /flushdns, admin).
 */
import { defineRemediation, dnsFlush, endpoints } from 'remgen';

/** The sign-in endpoints (DNS and TCP 443) and a DNS cache flush when their names do not resolve. */
export const dnsSteps = [
  endpoints({ id: 'sign-in-endpoints', title: 'Microsoft 365 sign-in endpoints resolve and answer on 443' }),
  // Flushing is harmless; every 4 hours keeps a device on a flapping VPN from flushing hourly.
  dnsFlush({ id: 'flush-dns', gate: { probes: ['sign-in-endpoints'] }, cooldown: 'PT4H' }),
];

export default defineRemediation({
  id: 'dns',
  displayName: 'OneDrive 0x8004de40: sign-in names resolve',
  description:
    'OneDrive cannot connect when login.microsoftonline.com, login.windows.net or enterpriseregistration.windows.net ' +
    'do not resolve or do not answer on TCP 443. This package checks each (the WinHTTP and Internet Options proxies are ' +
    'reported), and when a name does not resolve it flushes the DNS client cache with ipconfig /flushdns and resolves ' +
    'again. A name that resolves but does not answer is reported, not flushed: that is a firewall or proxy matter. ' +
    'The flush runs at most once every 4 hours.',
  publisher: 'remgen',
  context: 'system',
  steps: dnsSteps,
});
