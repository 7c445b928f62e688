import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** One endpoint whose TLS certificate chain the probe reads. */
export interface TlsInspectionTarget {
  /**
   * Host name to connect to (also the TLS server name).
   * @pattern ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$
   * @maxLength 253
   * @example "login.microsoftonline.com"
   */
  readonly host: string;
  /**
   * TCP port.
   * @default 443
   * @minimum 1
   * @maximum 65535
   */
  readonly port?: number;
}

/**
 * The sign-in and device registration endpoints SSL-inspecting proxies must leave alone
 * (docs/reference/tls-inspection.md, "TLS inspection breaks Microsoft 365 sign-in").
 */
export const TLS_INSPECTION_ENDPOINTS: readonly TlsInspectionTarget[] = Object.freeze([
  { host: 'login.microsoftonline.com' },
  { host: 'device.login.microsoftonline.com' },
  { host: 'enterpriseregistration.windows.net' },
]);

/**
 * The roots Microsoft Entra identity services' certificates chain to, by SHA-1 thumbprint
 * (docs/reference/tls-inspection.md, "Who legitimately issues Microsoft's certificates").
 */
export const MICROSOFT_TLS_ROOTS: readonly { readonly name: string; readonly thumbprint: string }[] = Object.freeze([
  { name: 'DigiCert Global Root CA', thumbprint: 'A8985D3A65E5E5C4B2D7D66D40C6DD2FB19C5436' },
  { name: 'DigiCert Global Root G2', thumbprint: 'DF3C24F9BFD666761B268073FE06D1CC8D4F82A4' },
  { name: 'DigiCert Global Root G3', thumbprint: '7E04DE896A3E666D00E687D33FFAD93BE83D349E' },
  { name: 'DigiCert TLS ECC P384 Root G5', thumbprint: '17F3DE5E9F0F19E98EF61F32266E20C407AE30EE' },
  { name: 'DigiCert TLS RSA 4096 Root G5', thumbprint: 'A78849DC5D7C758C8CDE399856B3AAD0B2A57135' },
  { name: 'Microsoft ECC Root Certificate Authority 2017', thumbprint: '999A64C37FF47D9FAB95F14769891460EEC4C3C5' },
  { name: 'Microsoft RSA Root Certificate Authority 2017', thumbprint: '73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74' },
]);

/** Props of {@link tlsInspection}. */
export interface TlsInspectionProps extends StepBase {
  /**
   * Endpoints whose chain must end at one of Microsoft's root CAs.
   * @default login.microsoftonline.com, device.login.microsoftonline.com and enterpriseregistration.windows.net on 443
   * @minItems 1
   * @maxItems 16
   */
  readonly endpoints?: readonly TlsInspectionTarget[];
  /**
   * The tenant's SharePoint name: adds `<tenant>-my.sharepoint.com` (OneDrive) on 443 to the endpoints.
   * @pattern ^[A-Za-z0-9][A-Za-z0-9-]{0,61}$
   * @example "contoso"
   */
  readonly tenant?: string;
  /**
   * How long the connect, the proxy's answer and each TLS read may take, in milliseconds (the endpoints
   * are read one after the other).
   * @default 5000
   * @minimum 500
   * @maximum 30000
   */
  readonly timeoutMilliseconds?: number;
}

/** A probe: whether TLS to the sign-in endpoints is intercepted (judged by the chain's root). Never changes anything. */
export interface TlsInspectionStep extends TlsInspectionProps {
  readonly kind: 'tlsInspection';
}

/**
 * A probe of TLS inspection: the certificate chain each endpoint presents to this device, through the
 * proxy this context uses (the user's Internet Options, SYSTEM's WinHTTP proxy), must end at one of
 * Microsoft's root CAs; an antivirus or enterprise inspection root is named in the summary.
 * @example
 * tlsInspection({ id: 'no-tls-inspection', tenant: 'contoso' })
 */
export function tlsInspection(props: TlsInspectionProps): TlsInspectionStep {
  return Object.freeze({ kind: 'tlsInspection', ...props });
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9-]{0,61}$/;

/** The endpoints the probe reads, in order: the given (or default) ones, then the tenant's OneDrive host. */
export function tlsEndpointList(step: TlsInspectionProps): { host: string; port: number }[] {
  const list = (step.endpoints ?? TLS_INSPECTION_ENDPOINTS).map((e) => ({ host: e.host, port: e.port ?? 443 }));
  if (step.tenant) list.push({ host: `${step.tenant}-my.sharepoint.com`, port: 443 });
  return list;
}

const timeoutOf = (step: TlsInspectionProps): number => step.timeoutMilliseconds ?? 5000;

export const tlsInspectionRoom: StepRoom<TlsInspectionStep> = {
  kind: 'tlsInspection',
  category: 'probe',
  script: 'tls/tls-inspection.ps1',
  functions: { test: 'Test-RgTlsInspection' },
  runtime: ['tls-chain.ps1', 'proxy.ps1'],
  // The chain is what the network presents; the route differs by context (the user's WinINet proxy, SYSTEM's WinHTTP one).
  contextOf: () => 'any',
  check(step, issue) {
    if (step.endpoints !== undefined && step.endpoints.length === 0) {
      issue(['endpoints'], 'endpoints is empty: leave it out for the sign-in and device registration endpoints, or name at least one');
    }
    (step.endpoints ?? []).forEach((e, index) => {
      if (typeof e.host !== 'string' || e.host.length > 253 || !HOST.test(e.host)) {
        issue(['endpoints', index, 'host'], `${JSON.stringify(e.host)} is not a host name: write a name such as login.microsoftonline.com (no scheme, path or port)`);
      }
      if (e.port !== undefined && (!Number.isInteger(e.port) || e.port < 1 || e.port > 65535)) {
        issue(['endpoints', index, 'port'], `port ${JSON.stringify(e.port)} is not a TCP port: use a whole number from 1 to 65535`);
      }
    });
    if (step.tenant !== undefined && !TENANT.test(step.tenant)) {
      issue(['tenant'], `tenant ${JSON.stringify(step.tenant)} is not a SharePoint tenant name: write the part before .sharepoint.com, e.g. contoso`);
    }
    const { timeoutMilliseconds: t } = step;
    if (t !== undefined && (!Number.isInteger(t) || t < 500 || t > 30000)) {
      issue(['timeoutMilliseconds'], `timeoutMilliseconds ${JSON.stringify(t)} is out of range: use a whole number from 500 to 30000`);
    }
    const seen = new Set<string>();
    for (const e of tlsEndpointList(step)) {
      const key = `${e.host.toLowerCase()}:${e.port}`;
      if (seen.has(key)) issue(['endpoints'], `${key} is listed twice`);
      seen.add(key);
    }
  },
  toData: (step) => ({
    Endpoints: tlsEndpointList(step).map((e) => ({ Host: e.host, Port: e.port })),
    TimeoutMilliseconds: timeoutOf(step),
    Roots: MICROSOFT_TLS_ROOTS.map((r) => ({ Name: r.name, Thumbprint: r.thumbprint })),
  }),
  title: (step) => {
    const list = tlsEndpointList(step);
    return list.length === 1 ? `TLS to ${list[0]!.host} is not intercepted` : `TLS to ${list.length} sign-in endpoints is not intercepted`;
  },
  explain: (step) => ({
    detects: `the certificate chain ${tlsEndpointList(step).map((e) => `${e.host}:${e.port}`).join(', ')} present${tlsEndpointList(step).length === 1 ? 's' : ''} to this device, through the proxy this context uses (the user's Internet Options; SYSTEM's WinHTTP proxy; CONNECT first through an explicit proxy), within ${timeoutOf(step)} ms each, ends at one of Microsoft's ${MICROSOFT_TLS_ROOTS.length} root CAs (judged by the root's SHA-1 thumbprint, never by intermediates); an intercepting root is named, a proxy asking for authentication (407) is reported as such`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
