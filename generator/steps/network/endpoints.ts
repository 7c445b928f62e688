import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** One endpoint the probe resolves and connects to. */
export interface EndpointTarget {
  /**
   * Host name to resolve and connect to.
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

/** The Microsoft 365 sign-in and device registration endpoints (docs/reference/intune-configmgr.md 3.6). */
export const DEFAULT_ENDPOINTS: readonly EndpointTarget[] = Object.freeze([
  { host: 'login.microsoftonline.com' },
  { host: 'login.windows.net' },
  { host: 'enterpriseregistration.windows.net' },
]);

/** Props of {@link endpoints}. */
export interface EndpointsProps extends StepBase {
  /**
   * Endpoints that must resolve and accept a TCP connection.
   * @default login.microsoftonline.com, login.windows.net and enterpriseregistration.windows.net on 443
   * @minItems 1
   * @maxItems 32
   */
  readonly endpoints?: readonly EndpointTarget[];
  /**
   * The tenant's SharePoint name: adds `<tenant>.sharepoint.com` and `<tenant>-my.sharepoint.com` (OneDrive)
   * on 443 to the endpoints.
   * @pattern ^[A-Za-z0-9][A-Za-z0-9-]{0,61}$
   * @example "contoso"
   */
  readonly tenant?: string;
  /**
   * How long each connect may take, in milliseconds; the endpoints are checked at once, so the probe
   * takes about this long when some do not answer. 2-5 s suits VPN and proxy paths (reference 3.6).
   * @default 3000
   * @minimum 100
   * @maximum 30000
   */
  readonly timeoutMilliseconds?: number;
}

/** A probe: DNS and TCP reachability of endpoints, with the WinINet and WinHTTP proxy reported. Never changes anything. */
export interface EndpointsStep extends EndpointsProps {
  readonly kind: 'endpoints';
}

/**
 * A probe of the Microsoft 365 sign-in and OneDrive endpoints: each is resolved and connected to over TCP
 * (TcpClient, all at once, each with its own timeout); the WinINet and WinHTTP proxy settings are reported.
 * @example
 * endpoints({ id: 'm365-reachable', tenant: 'contoso' })
 */
export function endpoints(props: EndpointsProps): EndpointsStep {
  return Object.freeze({ kind: 'endpoints', ...props });
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9-]{0,61}$/;

/** The endpoints the probe checks, in order: the given (or default) ones, then the tenant's SharePoint hosts. */
export function endpointList(step: EndpointsProps): { host: string; port: number }[] {
  const list = (step.endpoints ?? DEFAULT_ENDPOINTS).map((e) => ({ host: e.host, port: e.port ?? 443 }));
  if (step.tenant) list.push({ host: `${step.tenant}.sharepoint.com`, port: 443 }, { host: `${step.tenant}-my.sharepoint.com`, port: 443 });
  return list;
}

const timeoutOf = (step: EndpointsProps): number => step.timeoutMilliseconds ?? 3000;
const named = (list: { host: string; port: number }[]): string => list.map((e) => `${e.host}:${e.port}`).join(', ');

export const endpointsRoom: StepRoom<EndpointsStep> = {
  kind: 'endpoints',
  category: 'probe',
  script: 'network/endpoints.ps1',
  functions: { test: 'Test-RgEndpoints' },
  runtime: ['network.ps1', 'registry.ps1', 'proxy.ps1'],
  // Network reachability is the same for SYSTEM and the user, except the user's WinINet proxy: it fits either package.
  contextOf: () => 'any',
  check(step, issue) {
    if (step.endpoints !== undefined && step.endpoints.length === 0) {
      issue(['endpoints'], 'endpoints is empty: leave it out for the Microsoft 365 sign-in endpoints, or name at least one');
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
    if (t !== undefined && (!Number.isInteger(t) || t < 100 || t > 30000)) {
      issue(['timeoutMilliseconds'], `timeoutMilliseconds ${JSON.stringify(t)} is out of range: use a whole number from 100 to 30000`);
    }
    const seen = new Set<string>();
    for (const e of endpointList(step)) {
      const key = `${e.host.toLowerCase()}:${e.port}`;
      if (seen.has(key)) issue(['endpoints'], `${key} is listed twice`);
      seen.add(key);
    }
  },
  toData: (step) => ({
    Endpoints: endpointList(step).map((e) => ({ Host: e.host, Port: e.port })),
    TimeoutMilliseconds: timeoutOf(step),
  }),
  title: (step) => {
    const list = endpointList(step);
    return list.length === 1 ? `${list[0]!.host}:${list[0]!.port} is reachable` : `${list.length} endpoints are reachable`;
  },
  explain: (step) => ({
    detects: `each of ${named(endpointList(step))} resolves in DNS and accepts a TCP connection within ${timeoutOf(step)} ms (all checked at once); the WinINet (HKCU Internet Settings) and WinHTTP (netsh winhttp show proxy) proxy settings are reported, with the route this context takes to them (the user through Internet Options, GetSystemWebProxy; SYSTEM through WinHTTP) and the hosts each bypasses`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
