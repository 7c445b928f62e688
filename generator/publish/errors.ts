/**
 * Graph failures in words an admin can act on (docs/reference/graph-intune.md 4 and 5): the permission a
 * 401/403 lacks, Intune's JSON-inside-`message` unwrapped, the request id kept, throttling, licence and the
 * 200-package limit said plainly. Never the token, never the request body.
 */

interface GraphLikeError {
  readonly statusCode?: number;
  readonly code?: string | null;
  readonly message?: string;
  readonly requestId?: string | null;
  readonly body?: unknown;
}

export const SCRIPTS_PERMISSION = 'DeviceManagementScripts.ReadWrite.All';
export const GROUPS_PERMISSION = 'Group.Read.All';
/** Reading assignment filters (a filter named by display name). */
export const FILTERS_PERMISSION = 'DeviceManagementConfiguration.Read.All';

/** Intune's `{"_version":3,"Message":"..."}` inside `message`: its Message; otherwise the message itself. */
export function unwrapMessage(message: string): string {
  const text = message.trim();
  if (!text.startsWith('{')) return text;
  try {
    const inner = JSON.parse(text) as { Message?: unknown; message?: unknown };
    const found = inner.Message ?? inner.message;
    return typeof found === 'string' ? found.trim() : text;
  } catch {
    return text;
  }
}

function parts(error: unknown): { status: number | undefined; code: string; message: string; requestId: string | undefined } {
  const e = (error ?? {}) as GraphLikeError;
  let code = e.code ?? '';
  let message = e.message ?? String(error);
  let requestId = e.requestId ?? undefined;
  // The client leaves a body it could not read as an error object in `body` (a string).
  if (typeof e.body === 'string' && e.body.startsWith('{')) {
    try {
      const parsed = JSON.parse(e.body) as { error?: { code?: string; message?: string; innerError?: Record<string, string> } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
      requestId = parsed.error?.innerError?.['request-id'] ?? requestId;
    } catch { /* keep what the client said */ }
  }
  return { status: e.statusCode, code, message: unwrapMessage(message), requestId: requestId ?? undefined };
}

const GRANT = 'in Entra ID: App registrations > your app > API permissions > Add a permission > Microsoft Graph > Application permissions, then "Grant admin consent" (a Privileged Role or Global Administrator does this)';

const LICENCE = 'Remediations need Windows Enterprise E3/E5 (or Microsoft 365 F3/E3/E5), Education A3/A5 or VDA per user, and Intune\'s "Windows license verification" turned on (Tenant administration > Connectors and tokens > Windows data)';

/** One or two sentences; `what` says which call failed (`create 'tls'`). */
export function describeGraphError(error: unknown, what: string): string {
  const { status, code, message, requestId } = parts(error);
  const id = requestId ? ` (request id ${requestId})` : '';
  const needed = what.startsWith('resolve group') ? GROUPS_PERMISSION : what.startsWith('resolve assignment filter') ? FILTERS_PERMISSION : SCRIPTS_PERMISSION;
  if (status === 401) return `${what}: Graph refused the sign-in (401 ${code || 'Unauthorized'}: ${message})${id}; check the tenant and the app's credentials, and that the token is for this cloud's Graph`;
  if (status === 403) {
    // The licence's wording is unverified (graph-intune 4): recognised by the words a licence or subscription
    // refusal would use, and otherwise named as the second cause to check after the permission.
    if (/licen[cs]e|subscription|not (?:enabled|entitled)|entitlement/i.test(`${code} ${message}`)) return `${what}: the tenant has no licence for Remediations (403: ${message})${id}; ${LICENCE}`;
    return `${what}: forbidden (403 ${code}: ${message})${id}; the app needs the Microsoft Graph application permission ${needed}${needed === SCRIPTS_PERMISSION ? ` (since mid-2025 it replaces DeviceManagementConfiguration.ReadWrite.All for Remediations)` : ''}, granted ${GRANT}; a person signing in needs an Intune role that manages Remediations${needed === SCRIPTS_PERMISSION ? `; if all that is in place, check the licence: ${LICENCE}` : ''}`;
  }
  if (status === 429) return `${what}: Graph is still throttling after the retries (429: ${message})${id}; Intune allows 200 writes per 20 s per app; wait a minute and run publish again (it carries on where it stopped)`;
  // The 200-package limit's wording is unverified (graph-intune 1): publish counts before it creates; a create
  // refused by any 400/403/409 that speaks of a limit, maximum, quota or count is taken for it.
  if (what.startsWith('create') && (status === 400 || status === 403 || status === 409) && /limit|maximum|exceed|quota|too many/i.test(`${code} ${message}`)) return `${what}: the tenant has reached Intune's limit of 200 Remediations packages (${status}: ${message})${id}; delete unused ones or prune`;
  if (status !== undefined && status > 0) return `${what}: Graph answered ${status}${code ? ` ${code}` : ''}: ${message}${id}`;
  return `${what}: ${message}`;
}
