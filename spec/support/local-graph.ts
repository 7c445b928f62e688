/**
 * A local Graph (beta deviceHealthScripts, groups) and Entra token endpoint over HTTPS on 127.0.0.1, holding
 * the contract of docs/reference/graph-intune.md 2, 3 and 5: for reporting, each script's `runSummary`,
 * `getRemediationHistory` and `deviceRunStates` (paged by `@odata.nextLink`, `managedDevice` only when
 * expanded, its fields as `$select`ed), and the `DeviceRunStatesByProactiveRemediation` export job (POST
 * reports/exportJobs, a `PolicyId eq` filter required; polled through notStarted and inProgress to completed
 * or failed; its zip, made by Info-ZIP `zip` from the run states, downloaded from a signed URL that refuses a
 * bearer token). For publishing: list without content, get with content and
 * `$expand=assignments`, 201 on create (400 without detection content), PATCH, `assign` replacing the set,
 * DELETE, `@odata.nextLink` paging, and faults on demand (429 with or without Retry-After, 403 with Intune's
 * nested message, 400). Entra: the token endpoint (a client secret; a certificate's assertion; a federated token's
 * assertion, workload identity; device code), GitHub Actions' ID token endpoint, App Service's and IMDS's managed
 * identity endpoints. Its certificate is made here by openssl and trusted only by the child process that
 * is given `caFile` (NODE_EXTRA_CA_CERTS). Every request is logged; the server refuses to serve more than
 * `maxRequests`, so a runaway client fails the test instead of looping.
 */
import { execFileSync } from 'node:child_process';
import { constants, createHash, randomUUID, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StoredScript extends Record<string, unknown> {
  id: string;
  displayName: string;
  description: string;
  detectionScriptContent: string;
  remediationScriptContent: string;
  assignments: Record<string, unknown>[];
}

export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  /** How many matching requests fail (then the rule is spent). */
  times: number;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** What Intune reports for one script: the run summary, the history and the device run states. */
export interface StoredReport {
  summary: Record<string, unknown>;
  history: { lastModifiedDateTime: string; historyData: Record<string, unknown>[] };
  states: Record<string, unknown>[];
}

export interface StoredExportJob {
  id: string;
  reportName: string;
  filter: string;
  select: string[];
  status: 'notStarted' | 'inProgress' | 'completed' | 'failed';
  polls: number;
  url: string | null;
  signature: string;
  zip?: Buffer;
}

/** The export job's columns (docs/reference/graph-intune.md 3) and where each comes from in a run state. */
const EXPORT_COLUMNS: Record<string, (state: Record<string, unknown>, policyId: string) => unknown> = {
  PolicyId: (_s, policy) => policy,
  DeviceId: (s) => (s.managedDevice as Record<string, unknown> | undefined)?.id ?? s.id,
  UserId: () => '',
  InternalVersion: () => '1',
  ModifiedTime: (s) => s.lastStateUpdateDateTime,
  PostRemediationDetectionScriptError: (s) => s.postRemediationDetectionScriptError,
  PostRemediationDetectionScriptOutput: (s) => s.postRemediationDetectionScriptOutput,
  PreRemediationDetectionScriptError: (s) => s.preRemediationDetectionScriptError,
  PreRemediationDetectionScriptOutput: (s) => s.preRemediationDetectionScriptOutput,
  RemediationScriptErrorDetails: (s) => s.remediationScriptError,
  RemediationStatus: (s) => s.remediationState,
  DeviceName: (s) => (s.managedDevice as Record<string, unknown> | undefined)?.deviceName,
  OSVersion: (s) => (s.managedDevice as Record<string, unknown> | undefined)?.osVersion,
  UPN: (s) => (s.managedDevice as Record<string, unknown> | undefined)?.userPrincipalName,
  UserEmail: (s) => (s.managedDevice as Record<string, unknown> | undefined)?.userPrincipalName,
  UserName: () => '',
  DetectionStatus: (s) => s.detectionState,
  UniqueKustoKey: (s) => s.id,
  DetectionScriptStatus: (s) => s.detectionState,
  RemediationScriptStatus: (s) => s.remediationState,
};

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly authorization?: string;
  readonly body: string;
  /** The client library's `x-client-sku` header (MSAL.Python for the Azure CLI, msal.js.node for @azure/identity). */
  readonly clientSku?: string;
}

const NO_FILTER = '00000000-0000-0000-0000-000000000000';

export class LocalGraph {
  readonly scripts = new Map<string, StoredScript>();
  readonly groups: { id: string; displayName: string }[] = [];
  /** Intune assignment filters (deviceAndAppManagementAssignmentFilter), listed paged by `pageSize`, `$select` honoured. */
  readonly filters: { id: string; displayName: string; platform: string; assignmentFilterManagementType: 'devices' | 'apps'; rule: string; description: string }[] = [];
  readonly faults: Fault[] = [];
  readonly log: LoggedRequest[] = [];
  readonly tokens = new Set<string>();
  pageSize = 3;
  /** Reporting: per script id. */
  readonly reports = new Map<string, StoredReport>();
  statesPageSize = 3;
  readonly exportJobs = new Map<string, StoredExportJob>();
  /** Polls an export job answers before it is completed (the first one says inProgress). */
  exportPolls = 2;
  /** The next export job fails instead of completing. */
  failNextExport = false;
  /** Downloads of export zips, and those refused (a bearer token sent, a wrong signature). */
  downloads = 0;
  refusedDownloads = 0;
  /**
   * Intune's write throttling, scaled down: at most `max` writes per `windowMs`; beyond it 429, with
   * `Retry-After` (seconds to the window's end) when `retryAfter` is true.
   */
  writeLimit: { max: number; windowMs: number; retryAfter: boolean } | undefined;
  private windowStart = 0;
  private windowWrites = 0;
  throttled = 0;
  /** Ignore `$expand=assignments` on a script's GET (as a service that does not honour it would): only `/assignments` lists them. */
  ignoreExpand = false;
  /**
   * Read `runRemediationScript` back as false whatever was posted: what [TF] PR #1385 reports of the service
   * (the portal sets true, the API answers false; docs/reference/graph-intune.md 2).
   */
  runRemediationReadsFalse = false;
  maxRequests = 2000;
  clientId = 'remgen-test-app';
  clientSecret = 'not-a-real-secret-4c1d';
  tenant = 'contoso-test.onmicrosoft.com';
  /** The same tenant by its id (the local Entra answers under either). */
  tenantId = '11111111-2222-4333-8444-555555555555';
  /** Client certificates registered on the app (PEM): a client_assertion must be signed by one of them. */
  readonly clientCertificates: string[] = [];
  /** Every client_assertion the token endpoint was sent, decoded, and whether it was accepted. */
  readonly assertions: { header: Record<string, unknown>; payload: Record<string, unknown>; accepted: boolean; reason: string }[] = [];
  /**
   * Workload identity federation: the app's federated credentials (Entra matches a presented token's iss, sub
   * and aud against them: docs/reference/graph-intune.md 4), and each federated client_assertion checked.
   */
  readonly federatedCredentials: { issuer: string; subject: string; audience: string }[] = [];
  readonly federatedChecks: { assertion: string; accepted: boolean; reason: string }[] = [];
  /** GitHub Actions' ID token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): the request token it expects and the token it mints' claims. */
  githubRequestToken: string | undefined;
  githubClaims: { iss: string; sub: string } = { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:contoso/intune:environment:intune-test' };
  /** Each GitHub ID token request: the audience asked for, and the JWT given (a secret of the job). */
  readonly githubRequests: { audience: string | null; token: string | undefined }[] = [];
  /** Device code flow: token polls answered `authorization_pending` before the person has signed in. */
  devicePendingPolls = 1;
  readonly deviceCodes = new Map<string, { userCode: string; polls: number; scope: string }>();
  /** Managed identity (App Service's local endpoint, `/msi/token`): the secret IDENTITY_HEADER it expects. */
  identityHeader: string | undefined;
  /** Each managed-identity token request: which endpoint, and the user-assigned identity's client id if one was asked for. */
  readonly identityRequests: { source: 'appService' | 'imds'; clientId: string | null }[] = [];
  /** How each token was obtained, in order: client_secret, client_assertion (a certificate), federated_assertion, device_code, managed_identity. */
  readonly grants: string[] = [];
  private server: Server | undefined;
  private proxyServer: HttpServer | undefined;
  private readonly tunnels = new Set<Duplex>();
  /** Each CONNECT the discovery proxy was asked for, and whether it tunnelled it (only login.microsoftonline.com:443). */
  readonly tunnelled: { target: string; allowed: boolean }[] = [];
  proxy = '';
  private readonly dir = mkdtempSync(join(tmpdir(), 'remgen-graph-'));
  readonly caFile = join(this.dir, 'ca.pem');
  /** This server's certificate and the discovery face's, in one file (startDiscoveryProxy). */
  readonly caBundle = join(this.dir, 'ca-bundle.pem');
  base = '';

  async start(): Promise<this> {
    const key = join(this.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', this.caFile, '-days', '1',
      '-subj', '/CN=remgen local graph', '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
    this.server = createServer({ key: readFileSync(key), cert: readFileSync(this.caFile) }, (req, res) => { void this.handle(req, res); });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    for (const socket of this.tunnels) socket.destroy();
    await new Promise<void>((done) => (this.proxyServer ? this.proxyServer.close(() => done()) : done()));
  }

  /**
   * Entra's instance discovery as login.microsoftonline.com answers it, for a client that asks it there before
   * it trusts an authority that is not one of Microsoft's (MSAL for Python, so the Azure CLI): an HTTP proxy
   * on 127.0.0.1 (the client's HTTPS_PROXY) that tunnels CONNECT login.microsoftonline.com:443, and nothing
   * else, to a TLS face of this server with its own certificate for that name. `caBundle` holds both
   * certificates, for a client that is given one file (REQUESTS_CA_BUNDLE). Answers: for an authorization
   * endpoint on this server, its tenant discovery endpoint (as Entra answers for the clouds it knows); for any
   * other, `invalid_instance`. Returns the proxy's URL.
   */
  async startDiscoveryProxy(): Promise<string> {
    const key = join(this.dir, 'login-key.pem');
    const cert = join(this.dir, 'login.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=login.microsoftonline.com', '-addext', 'subjectAltName=DNS:login.microsoftonline.com', '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
    writeFileSync(this.caBundle, readFileSync(this.caFile, 'utf8') + readFileSync(cert, 'utf8'));
    const face = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => { void this.discovery(req, res); });
    this.proxyServer = createHttpServer((_req, res) => {
      res.writeHead(405);
      res.end('CONNECT only');
    });
    this.proxyServer.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const allowed = req.url === 'login.microsoftonline.com:443' && this.log.length < this.maxRequests;
      this.tunnelled.push({ target: req.url ?? '', allowed });
      if (!allowed) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      this.tunnels.add(socket);
      socket.on('close', () => this.tunnels.delete(socket));
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      face.emit('connection', socket);
    });
    await new Promise<void>((done) => this.proxyServer!.listen(0, '127.0.0.1', done));
    this.proxy = `http://127.0.0.1:${(this.proxyServer.address() as AddressInfo).port}`;
    return this.proxy;
  }

  private async discovery(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _chunk of req) { /* no body */ }
    const url = new URL(req.url ?? '/', 'https://login.microsoftonline.com');
    let status: number;
    if (url.pathname !== '/common/discovery/instance' || req.method !== 'GET') status = this.send(res, 404, { error: 'not_found' });
    else {
      // MSAL for Python drops the port from the authority it asks about: the host and tenant are what identify
      // it. It also asks (api-version 1.1, about login.microsoftonline.com itself) for the clouds' alias groups,
      // to read its token cache; the answer's `metadata` lists every cloud this Entra knows, the local one too.
      const asked = URL.canParse(url.searchParams.get('authorization_endpoint') ?? '') ? new URL(url.searchParams.get('authorization_endpoint')!) : undefined;
      const tenant = /^\/([^/]+)\/oauth2(?:\/v2\.0)?\/authorize$/.exec(asked?.pathname ?? '')?.[1];
      const metadata = [
        { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] },
        { preferred_network: '127.0.0.1', preferred_cache: '127.0.0.1', aliases: ['127.0.0.1'] },
      ];
      const discovered = asked?.hostname === '127.0.0.1' ? `${this.base}/${tenant}` : asked?.hostname === 'login.microsoftonline.com' ? `https://login.microsoftonline.com/${tenant}` : undefined;
      status = discovered && tenant && ['1.0', '1.1'].includes(url.searchParams.get('api-version') ?? '')
        ? this.send(res, 200, { tenant_discovery_endpoint: `${discovered}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata })
        : this.send(res, 400, { error: 'invalid_instance', error_description: 'AADSTS50049: Unknown or invalid instance.' });
    }
    this.log.push({ method: req.method ?? 'GET', path: `login.microsoftonline.com${url.pathname}`, status, body: url.search });
  }

  /** Azure Resource Manager as `az login` reads it after signing in: the subscriptions the identity sees (none: an Intune app has no Azure role). */
  private resourceManager(method: string, path: string, req: IncomingMessage, res: ServerResponse): number {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return this.send(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed. The Authorization header is missing or invalid.' } });
    if (method === 'GET' && path === '/arm/subscriptions') return this.send(res, 200, { value: [] });
    if (method === 'GET' && path === '/arm/tenants') return this.send(res, 200, { value: [{ id: `/tenants/${this.tenantId}`, tenantId: this.tenantId, defaultDomain: this.tenant, displayName: 'Contoso test' }] });
    return this.send(res, 404, { error: { code: 'NotFound', message: `no route ${path}` } });
  }

  addFilter(displayName: string, platform = 'windows10AndLater', assignmentFilterManagementType: 'devices' | 'apps' = 'devices'): string {
    const id = randomUUID();
    this.filters.push({ id, displayName, platform, assignmentFilterManagementType, rule: '(device.osVersion -startsWith "10.0.2")', description: '' });
    return id;
  }

  addGroup(displayName: string, id: string = randomUUID()): string {
    this.groups.push({ id, displayName });
    return id;
  }

  /** Requests to Graph (not the token endpoint), as `METHOD /path`. */
  graphRequests(): LoggedRequest[] {
    return this.log.filter((r) => r.path.startsWith('/beta/'));
  }
  writes(): LoggedRequest[] {
    return this.graphRequests().filter((r) => r.method !== 'GET');
  }
  clearLog(): void {
    this.log.length = 0;
  }

  private send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): number {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), 'request-id': randomUUID(), ...headers });
    res.end(text);
    return status;
  }

  private error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): number {
    return this.send(res, status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': `rid-${this.log.length}`, 'client-request-id': randomUUID() } } }, headers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const method = req.method ?? 'GET';
    let status: number;
    if (this.log.length >= this.maxRequests) status = this.error(res, 500, 'TooManyRequestsInTest', 'the local Graph served its maximum');
    else status = this.route(method, url, body, req, res);
    const sku = req.headers['x-client-sku'];
    this.log.push({ method, path: url.pathname, status, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body, ...(typeof sku === 'string' ? { clientSku: sku } : {}) });
  }

  private route(method: string, url: URL, body: string, req: IncomingMessage, res: ServerResponse): number {
    const path = url.pathname;
    // Entra: the OpenID configuration MSAL reads, and the token endpoint (client credentials).
    // The tenant by its domain name or its id, as Entra takes either.
    const segment = /^\/([^/]+)\//.exec(path)?.[1];
    const tenantPrefix = segment === this.tenantId ? `/${this.tenantId}` : `/${this.tenant}`;
    if (path === `${tenantPrefix}/.well-known/openid-configuration`) {
      // The v1 document, which the Azure CLI reads to turn a domain name into the tenant id (the issuer's first
      // path segment; Entra's issuer is https://sts.windows.net/<id>/, the local one is on this server).
      const auth = `${this.base}/${this.tenantId}`;
      return this.send(res, 200, {
        token_endpoint: `${auth}/oauth2/token`, authorization_endpoint: `${auth}/oauth2/authorize`, issuer: `${this.base}/${this.tenantId}/`,
        jwks_uri: `${this.base}/common/discovery/keys`, response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      });
    }
    if (path === `${tenantPrefix}/v2.0/.well-known/openid-configuration`) {
      const auth = `${this.base}${tenantPrefix}`;
      return this.send(res, 200, {
        token_endpoint: `${auth}/oauth2/v2.0/token`, authorization_endpoint: `${auth}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${auth}/oauth2/v2.0/devicecode`, end_session_endpoint: `${auth}/oauth2/v2.0/logout`,
        issuer: `${this.base}/${this.tenant}/v2.0`, jwks_uri: `${auth}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'], subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (path === `${tenantPrefix}/oauth2/v2.0/devicecode` && method === 'POST') return this.deviceCode(new URLSearchParams(body), res);
    if (path === `${tenantPrefix}/oauth2/v2.0/token` && method === 'POST') return this.token(new URLSearchParams(body), res);
    if (path === '/msi/token' && method === 'GET') return this.managedIdentityToken(url, req, res);
    if (path === '/github/idtoken' && method === 'GET') return this.githubIdToken(url, req, res);
    // msal-node asks for the path with a trailing slash.
    if (path.replace(/\/$/, '') === '/metadata/identity/oauth2/token' && method === 'GET') return this.imdsToken(url, req, res);
    const blob = /^\/exports\/([^/]+)\/report\.zip$/.exec(path);
    if (blob && method === 'GET') {
      const job = this.exportJobs.get(blob[1]!);
      // The download is a signed storage URL: its signature is the credential; a bearer token is refused.
      if (!job?.zip || url.searchParams.get('sig') !== job.signature || req.headers.authorization) {
        this.refusedDownloads += 1;
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code></Error>');
        return 403;
      }
      const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
      if (fault) {
        fault.times -= 1;
        return this.error(res, fault.status, 'Fault', 'injected', fault.headers);
      }
      this.downloads += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(job.zip.length) });
      res.end(job.zip);
      return 200;
    }
    if (path.startsWith('/arm/')) return this.resourceManager(method, path, req, res);
    if (!path.startsWith('/beta/')) return this.error(res, 404, 'NotFound', `no route ${path}`);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return this.error(res, 401, 'InvalidAuthenticationToken', 'Access token is empty or not valid.');

    if (this.writeLimit && method !== 'GET') {
      const now = Date.now();
      if (now - this.windowStart >= this.writeLimit.windowMs) {
        this.windowStart = now;
        this.windowWrites = 0;
      }
      if (this.windowWrites >= this.writeLimit.max) {
        this.throttled += 1;
        const wait = Math.max(1, Math.ceil((this.windowStart + this.writeLimit.windowMs - now) / 1000));
        return this.error(res, 429, 'TooManyRequests', 'Too many requests', this.writeLimit.retryAfter ? { 'Retry-After': String(wait) } : {});
      }
      this.windowWrites += 1;
    }
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times -= 1;
      if (fault.body !== undefined) return this.send(res, fault.status, fault.body, fault.headers);
      return this.error(res, fault.status, fault.status === 429 ? 'TooManyRequests' : 'Fault', 'injected', fault.headers);
    }

    const SCRIPTS = '/beta/deviceManagement/deviceHealthScripts';
    if (path === '/beta/groups' && method === 'GET') {
      const m = /^displayName in \((.*)\)$/.exec(url.searchParams.get('$filter') ?? '');
      if (!m) return this.error(res, 400, 'Request_UnsupportedQuery', 'Unsupported query.');
      const names = [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((n) => n[1]!.replaceAll("''", "'"));
      if (names.length > 15) return this.error(res, 400, 'Request_UnsupportedQuery', 'Too many values in the in operator (at most 15).');
      return this.send(res, 200, { value: this.groups.filter((g) => names.includes(g.displayName)) });
    }
    if (path === '/beta/deviceManagement/assignmentFilters' && method === 'GET') {
      const select = url.searchParams.get('$select')?.split(',').map((f) => f.trim());
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const page = this.filters.slice(skip, skip + this.pageSize).map((f) => (select ? Object.fromEntries(Object.entries(f).filter(([k]) => k === 'id' || select.includes(k))) : f));
      const query = new URLSearchParams({ ...(select ? { $select: select.join(',') } : {}), $skiptoken: String(skip + this.pageSize) });
      const next = skip + this.pageSize < this.filters.length ? { '@odata.nextLink': `${this.base}/beta/deviceManagement/assignmentFilters?${query.toString()}` } : {};
      return this.send(res, 200, { '@odata.context': `${this.base}/beta/$metadata#deviceManagement/assignmentFilters`, value: page, ...next });
    }
    if (path === SCRIPTS && method === 'GET') {
      const all = [...this.scripts.values()];
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const page = all.slice(skip, skip + this.pageSize).map((s) => {
        const { assignments: _a, ...rest } = s;
        // The list carries metadata only: content comes back null.
        return { ...rest, detectionScriptContent: null, remediationScriptContent: null };
      });
      const next = skip + this.pageSize < all.length ? { '@odata.nextLink': `${this.base}${SCRIPTS}?$skiptoken=${skip + this.pageSize}` } : {};
      return this.send(res, 200, { '@odata.context': `${this.base}/beta/$metadata#deviceManagement/deviceHealthScripts`, value: page, ...next });
    }
    if (path === SCRIPTS && method === 'POST') {
      const input = JSON.parse(body) as Record<string, unknown>;
      if (!input.detectionScriptContent) return this.error(res, 400, 'UnknownError', JSON.stringify({ _version: 3, Message: 'DetectionScriptContent must not be null or empty - Operation ID (for customer support): 0000', CustomApiErrorPhrase: '' }));
      if (input.runAsAccount !== 'system' && input.runAsAccount !== 'user') return this.error(res, 400, 'BadRequest', 'runAsAccount is not valid');
      const id = randomUUID();
      const { '@odata.type': _t, ...fields } = input;
      const script = { ...fields, id, version: '1', isGlobalScript: false, deviceHealthScriptType: 'deviceHealthScript', createdDateTime: new Date().toISOString(), assignments: [] } as unknown as StoredScript;
      this.scripts.set(id, script);
      const { assignments: _a, ...shown } = script;
      return this.send(res, 201, shown);
    }
    const reporting = new RegExp(`^${SCRIPTS}/([^/]+)/(runSummary|getRemediationHistory|deviceRunStates)$`).exec(path);
    if (reporting && method === 'GET') return this.reporting(decodeURIComponent(reporting[1]!), reporting[2]!, url, res);
    if (path === '/beta/deviceManagement/reports/exportJobs' && method === 'POST') return this.createExport(body, res);
    const job = /^\/beta\/deviceManagement\/reports\/exportJobs\('([^']+)'\)$/.exec(decodeURIComponent(path));
    if (job && method === 'GET') return this.pollExport(job[1]!, res);
    const one = new RegExp(`^${SCRIPTS}/([^/]+)(/assign|/assignments)?$`).exec(path);
    if (one) {
      const script = this.scripts.get(decodeURIComponent(one[1]!));
      if (!script) return this.error(res, 404, 'ResourceNotFound', JSON.stringify({ _version: 3, Message: `Resource not found for the segment 'deviceHealthScripts' - Operation ID (for customer support): 0000` }));
      if (one[2] === '/assign' && method === 'POST') {
        const posted = (JSON.parse(body) as { deviceHealthScriptAssignments?: Record<string, unknown>[] }).deviceHealthScriptAssignments ?? [];
        // The whole set is replaced; the same target twice keeps one.
        const byId = new Map<string, Record<string, unknown>>();
        for (const a of posted) {
          const target = { ...(a.target as Record<string, unknown>) };
          const kind = String(target['@odata.type']);
          const groupId = kind.endsWith('allDevicesAssignmentTarget') ? 'adadadad-808e-44e2-905a-0b7873a8a531' : kind.endsWith('allLicensedUsersAssignmentTarget') ? 'acacacac-9df4-4c7d-9d50-4ef0226f57a9' : String(target.groupId);
          if (target.deviceAndAppManagementAssignmentFilterId == null) {
            target.deviceAndAppManagementAssignmentFilterId = NO_FILTER;
            target.deviceAndAppManagementAssignmentFilterType = 'none';
          }
          const schedule = a.runSchedule ? { ...(a.runSchedule as Record<string, unknown>) } : null;
          if (schedule && typeof schedule.time === 'string') schedule.time = `${schedule.time}.0000000`;
          byId.set(`${script.id}:${groupId}`, { id: `${script.id}:${groupId}`, target, runRemediationScript: a.runRemediationScript === true, runSchedule: schedule });
        }
        script.assignments = [...byId.values()];
        return this.send(res, 204);
      }
      if (one[2] === '/assign') return this.error(res, 405, 'MethodNotAllowed', 'assign is a POST');
      const readBack = (a: Record<string, unknown>): Record<string, unknown> => (this.runRemediationReadsFalse ? { ...a, runRemediationScript: false } : a);
      if (one[2] === '/assignments') {
        if (method !== 'GET') return this.error(res, 400, 'No method match route template', `No OData route exists that match template ~/singleton/navigation/key/navigation with http verb ${method}`);
        return this.send(res, 200, { value: script.assignments.map(readBack) });
      }
      if (method === 'GET') {
        const { assignments, ...rest } = script;
        return this.send(res, 200, url.searchParams.get('$expand') === 'assignments' && !this.ignoreExpand ? { ...rest, assignments: assignments.map(readBack) } : rest);
      }
      if (method === 'PATCH') {
        const input = JSON.parse(body) as Record<string, unknown>;
        for (const [k, v] of Object.entries(input)) if (k !== 'id' && k !== 'version') script[k] = v;
        script.version = String(Number(script.version ?? 1) + 1);
        const { assignments: _a, ...shown } = script;
        return this.send(res, 200, shown);
      }
      if (method === 'DELETE') {
        this.scripts.delete(script.id);
        return this.send(res, 204);
      }
    }
    return this.error(res, 400, 'BadRequest', `No OData route exists that match template ${method} ${path}`);
  }

  private issue(res: ServerResponse, grant: string, extra: Record<string, unknown> = {}): number {
    const token = `local-token-${randomUUID()}`;
    this.tokens.add(token);
    this.grants.push(grant);
    return this.send(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token, ...extra });
  }

  private entraError(res: ServerResponse, status: number, error: string, description: string): number {
    return this.send(res, status, { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() });
  }

  /** The token endpoint: client credentials (secret or a certificate's signed assertion) and device code polls. */
  private token(form: URLSearchParams, res: ServerResponse): number {
    const grant = form.get('grant_type');
    if (form.get('client_id') !== this.clientId) return this.entraError(res, 400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    if (grant === 'client_credentials') {
      if (form.has('client_assertion')) {
        const federated = this.checkFederated(form);
        if (federated !== undefined) {
          if (federated) return this.entraError(res, 400, 'invalid_client', federated);
          return this.issue(res, 'federated_assertion');
        }
        const reason = this.checkAssertion(form);
        if (reason) return this.entraError(res, 401, 'invalid_client', `AADSTS700027: Client assertion failed signature validation or claims: ${reason}.`);
        return this.issue(res, 'client_assertion');
      }
      if (form.get('client_secret') !== this.clientSecret) return this.entraError(res, 401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
      return this.issue(res, 'client_secret');
    }
    if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
      const pending = this.deviceCodes.get(form.get('device_code') ?? '');
      if (!pending) return this.entraError(res, 400, 'invalid_grant', 'AADSTS70000: The provided value for the device_code is not valid.');
      pending.polls += 1;
      if (pending.polls <= this.devicePendingPolls) return this.entraError(res, 400, 'authorization_pending', 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      this.deviceCodes.delete(form.get('device_code')!);
      const now = Math.floor(Date.now() / 1000);
      const tid = this.tenantId;
      const oid = '66666666-7777-4888-8999-000000000000';
      const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const idToken = `${part({ typ: 'JWT', alg: 'RS256', kid: 'local' })}.${part({ aud: this.clientId, iss: `${this.base}/${tid}/v2.0`, iat: now, nbf: now, exp: now + 3600, name: 'Intune Admin', oid, preferred_username: 'admin@contoso-test.onmicrosoft.com', sub: oid, tid, ver: '2.0' })}.${Buffer.from('unsigned').toString('base64url')}`;
      return this.issue(res, 'device_code', { scope: pending.scope, id_token: idToken, client_info: part({ uid: oid, utid: tid }) });
    }
    return this.entraError(res, 400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grant}'.`);
  }

  /**
   * A certificate's client_assertion (RFC 7523, as Entra checks it): a JWT signed RS256 or PS256 by the key of a
   * certificate registered on the app, named by its SHA-1 (`x5t`) or SHA-256 (`x5t#S256`) thumbprint; `aud` the
   * token endpoint, `iss` and `sub` the client id, within `nbf`..`exp`. An empty string when it holds.
   */
  private checkAssertion(form: URLSearchParams): string {
    const jwt = form.get('client_assertion') ?? '';
    const [h, p, sig] = jwt.split('.');
    let header: Record<string, unknown> = {};
    let payload: Record<string, unknown> = {};
    const reason = ((): string => {
      if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return 'client_assertion_type is not jwt-bearer';
      if (!h || !p || !sig) return 'not a signed JWT';
      try {
        header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
        payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
      } catch {
        return 'not JSON';
      }
      const cert = this.clientCertificates.map((pem) => new X509Certificate(pem)).find((c) => {
        const der = c.raw;
        return header.x5t === createHash('sha1').update(der).digest('base64url') || header['x5t#S256'] === createHash('sha256').update(der).digest('base64url');
      });
      if (!cert) return 'no certificate registered on the app has the thumbprint in x5t or x5t#S256';
      const data = Buffer.from(`${h}.${p}`);
      const signature = Buffer.from(sig, 'base64url');
      const ok = header.alg === 'RS256'
        ? verify('sha256', data, cert.publicKey, signature)
        : header.alg === 'PS256'
          ? verify('sha256', data, { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature)
          : false;
      if (!ok) return `the signature (${String(header.alg)}) does not verify with the certificate's key`;
      const now = Math.floor(Date.now() / 1000);
      if (payload.aud !== `${this.base}/${this.tenant}/oauth2/v2.0/token`) return `aud is ${String(payload.aud)}, not the token endpoint`;
      if (payload.iss !== this.clientId || payload.sub !== this.clientId) return 'iss and sub must be the client id';
      if (typeof payload.exp !== 'number' || payload.exp < now || typeof payload.nbf !== 'number' || payload.nbf > now + 300) return 'outside nbf..exp';
      return '';
    })();
    this.assertions.push({ header, payload, accepted: reason === '', reason });
    return reason;
  }

  /** A JWT as an external issuer would mint it (the signature is not checked here: Entra would fetch the issuer's keys). */
  mintFederatedToken(claims: { iss: string; sub: string; aud?: string; exp?: number }): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ typ: 'JWT', alg: 'RS256', kid: 'external' })}.${part({ aud: 'api://AzureADTokenExchange', iat: now, nbf: now, exp: now + 600, jti: randomUUID(), ...claims })}.${Buffer.from(randomUUID()).toString('base64url')}`;
  }

  /**
   * A federated client_assertion (workload identity federation): undefined when the assertion is a certificate's
   * (its header names a thumbprint); else an Entra error description, or '' when the token's iss, sub and aud
   * match a federated credential of the app and it is within nbf..exp.
   */
  private checkFederated(form: URLSearchParams): string | undefined {
    const assertion = form.get('client_assertion') ?? '';
    const [h, p] = assertion.split('.');
    let header: Record<string, unknown> = {};
    let payload: Record<string, unknown> = {};
    try {
      header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
      payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      // not a JWT: said below
    }
    if (header.x5t !== undefined || header['x5t#S256'] !== undefined) return undefined;
    const now = Math.floor(Date.now() / 1000);
    const reason = form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      ? 'AADSTS7000216: client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.'
      : typeof payload.iss !== 'string'
        ? 'AADSTS50027: JWT token is invalid or malformed.'
        : !this.federatedCredentials.some((c) => c.issuer === payload.iss && c.subject === payload.sub && c.audience === payload.aud)
          ? `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${String(payload.iss)}'. Assertion Subject: '${String(payload.sub)}'. Assertion Audience: '${String(payload.aud)}'.`
          : typeof payload.exp !== 'number' || payload.exp < now
            ? 'AADSTS700024: Client assertion is not within its valid time range.'
            : '';
    this.federatedChecks.push({ assertion, accepted: reason === '', reason });
    return reason;
  }

  /** GitHub Actions' ID token endpoint: the job's request token as a bearer, an `audience`; `{ count, value }`. */
  private githubIdToken(url: URL, req: IncomingMessage, res: ServerResponse): number {
    const bearer = /^bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!this.githubRequestToken || bearer !== this.githubRequestToken) {
      this.githubRequests.push({ audience: url.searchParams.get('audience'), token: undefined });
      return this.send(res, 401, { message: 'Unauthorized' });
    }
    if (url.searchParams.get('api-version') !== '2.0') return this.send(res, 400, { message: 'api-version 2.0 is required' });
    const audience = url.searchParams.get('audience');
    const token = this.mintFederatedToken({ ...this.githubClaims, ...(audience ? { aud: audience } : { aud: 'https://github.com/contoso' }) });
    this.githubRequests.push({ audience, token });
    return this.send(res, 200, { count: 1, value: token });
  }

  /** The device authorization endpoint: a device code to poll with and a message for the person. */
  private deviceCode(form: URLSearchParams, res: ServerResponse): number {
    if (form.get('client_id') !== this.clientId) return this.entraError(res, 400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    const deviceCode = `device-${randomUUID()}`;
    const userCode = randomUUID().slice(0, 9).toUpperCase().replace('-', '');
    this.deviceCodes.set(deviceCode, { userCode, polls: 0, scope: form.get('scope') ?? '' });
    return this.send(res, 200, {
      device_code: deviceCode, user_code: userCode, verification_uri: `${this.base}/devicelogin`, expires_in: 60, interval: 1,
      message: `To sign in, open ${this.base}/devicelogin in a browser and enter the code ${userCode}.`,
    });
  }

  /** App Service's managed identity endpoint (IDENTITY_ENDPOINT, API 2019-08-01): the X-IDENTITY-HEADER secret, a `resource`. */
  private managedIdentityToken(url: URL, req: IncomingMessage, res: ServerResponse): number {
    this.identityRequests.push({ source: 'appService', clientId: url.searchParams.get('client_id') });
    if (!this.identityHeader || req.headers['x-identity-header'] !== this.identityHeader) return this.send(res, 401, { statusCode: 401, message: 'Unauthorized: the X-IDENTITY-HEADER is missing or wrong' });
    if (url.searchParams.get('api-version') !== '2019-08-01' || !url.searchParams.get('resource')) return this.send(res, 400, { statusCode: 400, message: 'api-version 2019-08-01 and resource are required' });
    const token = `local-token-${randomUUID()}`;
    this.tokens.add(token);
    this.grants.push('managed_identity');
    return this.send(res, 200, { access_token: token, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: url.searchParams.get('resource'), token_type: 'Bearer', client_id: this.clientId });
  }

  /** A VM's IMDS (API 2018-02-01): `Metadata: true`, a `resource`, `client_id` for a user-assigned identity. */
  private imdsToken(url: URL, req: IncomingMessage, res: ServerResponse): number {
    this.identityRequests.push({ source: 'imds', clientId: url.searchParams.get('client_id') });
    if (req.headers.metadata !== 'true') return this.send(res, 400, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
    if (url.searchParams.get('api-version') !== '2018-02-01' || !url.searchParams.get('resource')) return this.send(res, 400, { error: 'invalid_request', error_description: 'api-version 2018-02-01 and resource are required' });
    const token = `local-token-${randomUUID()}`;
    this.tokens.add(token);
    this.grants.push('managed_identity');
    const now = Math.floor(Date.now() / 1000);
    return this.send(res, 200, { access_token: token, expires_in: '3600', expires_on: String(now + 3600), ext_expires_in: '3600', not_before: String(now), resource: url.searchParams.get('resource'), token_type: 'Bearer', client_id: url.searchParams.get('client_id') ?? 'system-assigned' });
  }

  private reporting(id: string, what: string, url: URL, res: ServerResponse): number {
    const report = this.reports.get(id);
    if (!this.scripts.has(id) || !report) return this.error(res, 404, 'ResourceNotFound', JSON.stringify({ _version: 3, Message: `Resource not found for the segment 'deviceHealthScripts' - Operation ID (for customer support): 0000` }));
    if (what === 'runSummary') return this.send(res, 200, { '@odata.context': `${this.base}/beta/$metadata#deviceManagement/deviceHealthScripts('${id}')/runSummary/$entity`, id, ...report.summary });
    if (what === 'getRemediationHistory') return this.send(res, 200, { '@odata.context': `${this.base}/beta/$metadata#microsoft.graph.deviceHealthScriptRemediationHistory`, ...report.history });
    // deviceRunStates: managedDevice only when expanded, with the $select inside the expand.
    const expand = url.searchParams.get('$expand') ?? '';
    const m = /^managedDevice(?:\(\$select=([^)]*)\))?$/.exec(expand);
    if (expand !== '' && !m) return this.error(res, 400, 'BadRequest', `Could not find a property named '${expand}'`);
    const fields = m?.[1]?.split(',').map((x) => x.trim());
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const page = report.states.slice(skip, skip + this.statesPageSize).map((state) => {
      const { managedDevice, ...rest } = state;
      if (!m) return rest;
      const device = managedDevice as Record<string, unknown>;
      return { ...rest, managedDevice: fields ? Object.fromEntries([['id', device.id], ...fields.map((k) => [k, device[k] ?? null])]) : device };
    });
    const query = new URLSearchParams({ ...(expand ? { $expand: expand } : {}), $skiptoken: String(skip + this.statesPageSize) });
    const next = skip + this.statesPageSize < report.states.length ? { '@odata.nextLink': `${this.base}/beta/deviceManagement/deviceHealthScripts/${id}/deviceRunStates?${query.toString()}` } : {};
    return this.send(res, 200, { value: page, ...next });
  }

  private createExport(body: string, res: ServerResponse): number {
    const input = JSON.parse(body) as { reportName?: string; filter?: string; format?: string; select?: string[] };
    if (input.reportName !== 'DeviceRunStatesByProactiveRemediation') return this.error(res, 400, 'BadRequest', `Invalid report name '${input.reportName}'`);
    const policy = /^PolicyId eq '([^']+)'$/.exec(input.filter ?? '');
    if (!policy) return this.error(res, 400, 'BadRequest', 'PolicyId filter is required');
    if ((input.format ?? 'csv') !== 'csv') return this.error(res, 400, 'BadRequest', 'format');
    const unknown = (input.select ?? []).filter((c) => !(c in EXPORT_COLUMNS));
    if (unknown.length > 0) return this.error(res, 400, 'BadRequest', `Invalid select columns: ${unknown.join(', ')}`);
    const id = `DeviceRunStatesByProactiveRemediation_${randomUUID()}`;
    const job: StoredExportJob = { id, reportName: input.reportName, filter: input.filter!, select: input.select ?? Object.keys(EXPORT_COLUMNS), status: 'notStarted', polls: 0, url: null, signature: randomUUID() };
    if (this.failNextExport) {
      this.failNextExport = false;
      job.status = 'failed';
      job.polls = -1;
    }
    this.exportJobs.set(id, job);
    return this.send(res, 201, this.jobJson({ ...job, status: 'notStarted' }));
  }

  private jobJson(job: StoredExportJob): Record<string, unknown> {
    return { id: job.id, reportName: job.reportName, filter: job.filter, select: job.select, format: 'csv', snapshotId: null, status: job.status, url: job.url, requestDateTime: new Date().toISOString(), expirationDateTime: '0001-01-01T00:00:00Z' };
  }

  private pollExport(id: string, res: ServerResponse): number {
    const job = this.exportJobs.get(id);
    if (!job) return this.error(res, 404, 'ResourceNotFound', 'export job not found');
    if (job.status === 'failed') return this.send(res, 200, this.jobJson(job));
    job.polls += 1;
    if (job.polls < this.exportPolls) job.status = 'inProgress';
    else if (job.status !== 'completed') {
      job.zip = this.exportZip(job);
      job.status = 'completed';
      job.url = `${this.base}/exports/${job.id}/report.zip?sv=2019-02-02&se=2099-01-01&sig=${job.signature}`;
    }
    return this.send(res, 200, this.jobJson(job));
  }

  /** The job's CSV (quoted fields, CRLF, a BOM), zipped by Info-ZIP's zip. */
  private exportZip(job: StoredExportJob): Buffer {
    const policy = /'([^']+)'/.exec(job.filter)![1]!;
    const states = this.reports.get(policy)?.states ?? [];
    const cell = (v: unknown): string => `"${(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '').replaceAll('"', '""')}"`;
    const rows = [job.select.map(cell).join(','), ...states.map((s) => job.select.map((c) => cell(EXPORT_COLUMNS[c]!(s, policy))).join(','))];
    const dir = mkdtempSync(join(this.dir, 'export-'));
    const csv = join(dir, `${job.id}.csv`);
    writeFileSync(csv, `\uFEFF${rows.join('\r\n')}\r\n`);
    execFileSync('zip', ['-q', '-j', join(dir, 'report.zip'), csv]);
    return readFileSync(join(dir, 'report.zip'));
  }
}
