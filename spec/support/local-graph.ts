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
 * nested message, 400). Its certificate is made here by openssl and trusted only by the child process that
 * is given `caFile` (NODE_EXTRA_CA_CERTS). Every request is logged; the server refuses to serve more than
 * `maxRequests`, so a runaway client fails the test instead of looping.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
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
}

const NO_FILTER = '00000000-0000-0000-0000-000000000000';

export class LocalGraph {
  readonly scripts = new Map<string, StoredScript>();
  readonly groups: { id: string; displayName: string }[] = [];
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
  maxRequests = 2000;
  clientId = 'remgen-test-app';
  clientSecret = 'not-a-real-secret-4c1d';
  tenant = 'contoso-test.onmicrosoft.com';
  private server: Server | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'remgen-graph-'));
  readonly caFile = join(this.dir, 'ca.pem');
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
    this.log.push({ method, path: url.pathname, status, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body });
  }

  private route(method: string, url: URL, body: string, req: IncomingMessage, res: ServerResponse): number {
    const path = url.pathname;
    // Entra: the OpenID configuration MSAL reads, and the token endpoint (client credentials).
    const tenantPrefix = `/${this.tenant}`;
    if (path === `${tenantPrefix}/v2.0/.well-known/openid-configuration`) {
      const auth = `${this.base}${tenantPrefix}`;
      return this.send(res, 200, {
        token_endpoint: `${auth}/oauth2/v2.0/token`, authorization_endpoint: `${auth}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${auth}/oauth2/v2.0/devicecode`, end_session_endpoint: `${auth}/oauth2/v2.0/logout`,
        issuer: `${this.base}/${this.tenant}/v2.0`, jwks_uri: `${auth}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'], subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (path === `${tenantPrefix}/oauth2/v2.0/token` && method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret || form.get('grant_type') !== 'client_credentials') {
        return this.send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      }
      const token = `local-token-${randomUUID()}`;
      this.tokens.add(token);
      return this.send(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token });
    }
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
    const one = new RegExp(`^${SCRIPTS}/([^/]+)(/assign)?$`).exec(path);
    if (one) {
      const script = this.scripts.get(decodeURIComponent(one[1]!));
      if (!script) return this.error(res, 404, 'ResourceNotFound', JSON.stringify({ _version: 3, Message: `Resource not found for the segment 'deviceHealthScripts' - Operation ID (for customer support): 0000` }));
      if (one[2] && method === 'POST') {
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
      if (one[2]) return this.error(res, 405, 'MethodNotAllowed', 'assign is a POST');
      if (method === 'GET') {
        const { assignments, ...rest } = script;
        return this.send(res, 200, url.searchParams.get('$expand') === 'assignments' ? { ...rest, assignments } : rest);
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
