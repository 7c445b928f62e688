import type { Client, Middleware } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import type { DeviceAndAppManagementAssignmentFilter, DeviceHealthScript, DeviceHealthScriptAssignment, Group } from '@microsoft/microsoft-graph-types-beta';

/**
 * The Graph calls publish makes (docs/reference/graph-intune.md 2), through @microsoft/microsoft-graph-client
 * with its retry handler (429/503/504: `Retry-After` when given, else exponential back-off). Imported only
 * by `remgen publish`, and it imports the client itself only when a session is opened.
 */

export interface RequestLog {
  reads: number;
  writes: number;
  /** Every request on the wire, retries included: `GET /deviceManagement/...`. */
  readonly lines: string[];
}

export interface GraphSession {
  readonly log: RequestLog;
  listScripts(): Promise<DeviceHealthScript[]>;
  getScript(id: string): Promise<DeviceHealthScript>;
  createScript(body: DeviceHealthScript): Promise<DeviceHealthScript>;
  updateScript(id: string, body: DeviceHealthScript): Promise<void>;
  deleteScript(id: string): Promise<void>;
  assign(id: string, assignments: readonly DeviceHealthScriptAssignment[]): Promise<void>;
  /** Groups with any of these display names (one request per 15 names: the `in` operator's limit). */
  groupsNamed(names: readonly string[]): Promise<Group[]>;
  /** Every assignment filter of the tenant (id, name, platform, devices or apps), paged; DeviceManagementConfiguration.Read.All. */
  assignmentFilters(): Promise<DeviceAndAppManagementAssignmentFilter[]>;
  // Reporting (docs/reference/graph-intune.md 3), for `remgen report <deployment>`.
  runSummary(id: string): Promise<Record<string, unknown>>;
  remediationHistory(id: string): Promise<{ historyData?: Record<string, unknown>[]; lastModifiedDateTime?: string }>;
  /** The device run states, one page at a time (`@odata.nextLink`), each with its managedDevice's name, user and OS version. */
  deviceRunStates(id: string): AsyncGenerator<Record<string, unknown>[]>;
  createExportJob(body: Record<string, unknown>): Promise<ExportJob>;
  getExportJob(id: string): Promise<ExportJob>;
}

/** `deviceManagementExportJob`: `status` unknown, notStarted, inProgress, completed or failed; `url` once completed. */
export interface ExportJob {
  readonly id: string;
  readonly status: string;
  readonly url?: string | null;
  readonly reportName?: string;
}

export interface SessionOptions {
  readonly graphEndpoint: string;
  readonly credential: TokenCredential;
  /** Seconds the retry handler waits before its first retry when no Retry-After comes (default 3). */
  readonly retryDelaySeconds?: number;
  /** Retries per request (default 6, at most 10). */
  readonly maxRetries?: number;
}

type GraphModule = typeof import('@microsoft/microsoft-graph-client');

/**
 * Imports the Graph client and @azure/identity ahead, before the command loads the user's first TypeScript
 * file. Under the generator bundle that first file registers tsx's hooks (generator/load/typescript.ts), and
 * every module imported after it resolves and loads through a round trip to tsx's hooks thread: the two
 * libraries' module graphs cost about 0.4 s more CPU and 0.2 s more wall time per run imported after tsx
 * than before it (measured 2026-12-03, Node 20). Publish and a live report call it first; running from the
 * sources, where tsx is registered from the start, it changes nothing.
 */
export async function preloadGraphLibraries(): Promise<void> {
  await Promise.all([
    import('@azure/identity'),
    import('@microsoft/microsoft-graph-client'),
    import('@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js'),
  ]);
}

export async function openSession(options: SessionOptions): Promise<GraphSession> {
  const imported = (await import('@microsoft/microsoft-graph-client')) as GraphModule & { default?: GraphModule };
  const g: GraphModule = imported.Client ? imported : imported.default!;
  const { TokenCredentialAuthenticationProvider } = (await import('@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js')) as typeof import('@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js');
  const base = new URL(options.graphEndpoint);
  const authProvider = new TokenCredentialAuthenticationProvider(options.credential, { scopes: [`${base.origin}/.default`] });
  const log: RequestLog = { reads: 0, writes: 0, lines: [] };
  // Counts what goes on the wire: after the retry handler, so every retry is a request.
  let next: Middleware | undefined;
  const counter: Middleware = {
    async execute(context) {
      const method = (context.options?.method ?? 'GET').toUpperCase();
      if (method === 'GET') log.reads += 1;
      else log.writes += 1;
      const url = typeof context.request === 'string' ? context.request : context.request.url;
      log.lines.push(`${method} ${new URL(url).pathname.replace(/^\/beta/, '')}`);
      await next!.execute(context);
    },
    setNext(middleware) { next = middleware; },
  };
  const chain: Middleware[] = [
    new g.AuthenticationHandler(authProvider),
    new g.RetryHandler(new g.RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 6)),
    new g.RedirectHandler(),
    counter,
    new g.HTTPMessageHandler(),
  ];
  for (let i = 0; i < chain.length - 1; i += 1) chain[i]!.setNext!(chain[i + 1]!);
  const client: Client = g.Client.initWithMiddleware({
    middleware: chain[0],
    baseUrl: `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
    defaultVersion: 'beta',
    customHosts: new Set([base.hostname]),
  });
  const SCRIPTS = '/deviceManagement/deviceHealthScripts';
  return {
    log,
    async listScripts() {
      const found: DeviceHealthScript[] = [];
      let page = (await client.api(SCRIPTS).get()) as { value?: DeviceHealthScript[]; '@odata.nextLink'?: string };
      for (;;) {
        found.push(...(page.value ?? []));
        const link = page['@odata.nextLink'];
        if (!link) return found;
        page = (await client.api(link).get()) as typeof page;
      }
    },
    async getScript(id) {
      const script = (await client.api(`${SCRIPTS}/${encodeURIComponent(id)}`).expand('assignments').get()) as DeviceHealthScript;
      // `$expand=assignments` is what [TF] uses, not a documented query for this entity (graph-intune 2): a
      // response without the property is read as "not expanded", never as "no assignments", and the
      // documented list of assignments is read instead (one more request).
      if (!Array.isArray(script.assignments)) {
        const page = (await client.api(`${SCRIPTS}/${encodeURIComponent(id)}/assignments`).get()) as { value?: DeviceHealthScriptAssignment[]; '@odata.nextLink'?: string };
        const all = [...(page.value ?? [])];
        for (let link = page['@odata.nextLink']; link;) {
          const next = (await client.api(link).get()) as typeof page;
          all.push(...(next.value ?? []));
          link = next['@odata.nextLink'];
        }
        script.assignments = all;
      }
      return script;
    },
    async createScript(body) {
      return (await client.api(SCRIPTS).post(body)) as DeviceHealthScript;
    },
    async updateScript(id, body) {
      await client.api(`${SCRIPTS}/${encodeURIComponent(id)}`).patch(body);
    },
    async deleteScript(id) {
      await client.api(`${SCRIPTS}/${encodeURIComponent(id)}`).delete();
    },
    async assign(id, assignments) {
      await client.api(`${SCRIPTS}/${encodeURIComponent(id)}/assign`).post({ deviceHealthScriptAssignments: assignments });
    },
    async runSummary(id) {
      return (await client.api(`${SCRIPTS}/${encodeURIComponent(id)}/runSummary`).get()) as Record<string, unknown>;
    },
    async remediationHistory(id) {
      return (await client.api(`${SCRIPTS}/${encodeURIComponent(id)}/getRemediationHistory`).get()) as { historyData?: Record<string, unknown>[] };
    },
    async *deviceRunStates(id) {
      let page = (await client.api(`${SCRIPTS}/${encodeURIComponent(id)}/deviceRunStates`).expand('managedDevice($select=deviceName,userPrincipalName,osVersion)').get()) as { value?: Record<string, unknown>[]; '@odata.nextLink'?: string };
      for (;;) {
        yield page.value ?? [];
        const link = page['@odata.nextLink'];
        if (!link) return;
        page = (await client.api(link).get()) as typeof page;
      }
    },
    async createExportJob(body) {
      return (await client.api('/deviceManagement/reports/exportJobs').post(body)) as ExportJob;
    },
    async getExportJob(id) {
      return (await client.api(`/deviceManagement/reports/exportJobs('${encodeURIComponent(id)}')`).get()) as ExportJob;
    },
    async assignmentFilters() {
      const found: DeviceAndAppManagementAssignmentFilter[] = [];
      let page = (await client.api('/deviceManagement/assignmentFilters').select(['id', 'displayName', 'platform', 'assignmentFilterManagementType']).get()) as { value?: DeviceAndAppManagementAssignmentFilter[]; '@odata.nextLink'?: string };
      for (;;) {
        found.push(...(page.value ?? []));
        const link = page['@odata.nextLink'];
        if (!link) return found;
        page = (await client.api(link).get()) as typeof page;
      }
    },
    async groupsNamed(names) {
      const found: Group[] = [];
      for (let i = 0; i < names.length; i += 15) {
        const list = names.slice(i, i + 15).map((n) => `'${n.replaceAll("'", "''")}'`).join(',');
        let page = (await client.api('/groups').filter(`displayName in (${list})`).select(['id', 'displayName']).get()) as { value?: Group[]; '@odata.nextLink'?: string };
        for (;;) {
          found.push(...(page.value ?? []));
          const link = page['@odata.nextLink'];
          if (!link) break;
          page = (await client.api(link).get()) as typeof page;
        }
      }
      return found;
    },
  };
}
