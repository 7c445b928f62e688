import { readFileSync } from 'node:fs';
import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * Sign-in through @azure/identity. Secrets come only from the environment (AZURE_CLIENT_SECRET,
 * AZURE_CLIENT_CERTIFICATE_PATH and _PASSWORD, the names @azure/identity's EnvironmentCredential reads;
 * AZURE_FEDERATED_TOKEN_FILE, WorkloadIdentityCredential's; GitHub Actions' ACTIONS_ID_TOKEN_REQUEST_URL and
 * _TOKEN), never from argv, and nothing here prints or returns a token or an assertion.
 */

export const AUTH_METHODS = ['device-code', 'client-secret', 'client-certificate', 'workload-identity', 'managed-identity', 'azure-cli'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export class AuthSetupError extends Error {}

/** The audience Entra expects in a federated token (a federated credential's `audiences`; docs/reference/graph-intune.md 4). */
export const FEDERATED_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * The method `--auth` names, else the one the environment implies, in @azure/identity's own order
 * (DefaultAzureCredential: EnvironmentCredential's secret, then its certificate, then WorkloadIdentityCredential's
 * token file; docs/reference/graph-intune.md 4): AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH,
 * AZURE_FEDERATED_TOKEN_FILE, then a GitHub Actions job allowed an ID token (`permissions: id-token: write` sets
 * ACTIONS_ID_TOKEN_REQUEST_URL) with AZURE_CLIENT_ID set; else device code, but only for a person at a terminal
 * (`interactive`): a pipeline with no credential configured would otherwise print a code nobody reads and wait
 * for it to expire. Managed identity and the Azure CLI are never guessed: each needs --auth.
 */
export function chooseMethod(flag: AuthMethod | undefined, env: NodeJS.ProcessEnv, interactive = true): AuthMethod {
  if (flag) return flag;
  if (env.AZURE_CLIENT_SECRET) return 'client-secret';
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) return 'client-certificate';
  if (env.AZURE_FEDERATED_TOKEN_FILE) return 'workload-identity';
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.AZURE_CLIENT_ID) return 'workload-identity';
  if (!interactive) throw new AuthSetupError('no credential in the environment and no terminal to sign in at: in a pipeline set AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH (or AZURE_CLIENT_SECRET, or AZURE_FEDERATED_TOKEN_FILE; in GitHub Actions AZURE_CLIENT_ID with `permissions: id-token: write`), or pass --auth managed-identity on an Azure host; to sign in by device code from here anyway, pass --auth device-code');
  return 'device-code';
}

/**
 * A GitHub Actions job's OIDC token for Entra: GET ACTIONS_ID_TOKEN_REQUEST_URL with `audience` added and the
 * request token as a bearer, the JWT in the answer's `value` (docs/reference/graph-intune.md 4). Asked again
 * only when the one kept is within a minute of its `exp`; neither token is ever put in a message.
 */
async function githubIdToken(url: string, requestToken: string, audience: string): Promise<string> {
  const target = new URL(url);
  target.searchParams.set('audience', audience);
  let response: Response;
  try {
    response = await fetch(target, { headers: { Authorization: `bearer ${requestToken}`, Accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(`the GitHub Actions ID token request to ${target.origin} failed (${cause})`, { cause: error });
  }
  if (!response.ok) throw new Error(`the GitHub Actions ID token request was refused (HTTP ${response.status}): give the job \`permissions: id-token: write\``);
  const value = ((await response.json().catch(() => ({}))) as { value?: unknown }).value;
  if (typeof value !== 'string' || value.split('.').length !== 3) throw new Error('the GitHub Actions ID token answer holds no JWT in `value`');
  return value;
}

/** A JWT's `exp` in seconds, 0 when it has none that can be read (then it is not kept). */
function jwtExpiry(jwt: string): number {
  try {
    const exp = (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : 0;
  } catch {
    return 0;
  }
}

/** The federated token file's content, read here first so that a wrong path is a setup error said before any request. */
function checkTokenFile(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuthSetupError(`--auth workload-identity: AZURE_FEDERATED_TOKEN_FILE names ${path}, which cannot be read (${code}): point it at the file your platform writes the federated token to (Kubernetes' projected service account token, or a file the pipeline wrote from its OIDC token)`);
  }
  if (text.trim() === '') throw new AuthSetupError(`--auth workload-identity: AZURE_FEDERATED_TOKEN_FILE names ${path}, which is empty: the platform has not written the federated token yet`);
  if (text.trim().split('.').length !== 3) throw new AuthSetupError(`--auth workload-identity: AZURE_FEDERATED_TOKEN_FILE names ${path}, which does not hold a JWT (three dot-separated parts): it must be the federated token itself`);
}

export async function credentialFor(method: AuthMethod, options: {
  readonly tenant: string;
  readonly clientId: string | undefined;
  readonly authorityHost: string;
  /** A private cloud: its authority is not one Entra's instance discovery knows. */
  readonly custom: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly prompt: (message: string) => void;
}): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  const common = { authorityHost: options.authorityHost, ...(options.custom ? { disableInstanceDiscovery: true } : {}) };
  const clientId = options.clientId ?? options.env.AZURE_CLIENT_ID;
  const need = (what: string, value: string | undefined): string => {
    if (!value) throw new AuthSetupError(`--auth ${method} needs ${what}`);
    return value;
  };
  switch (method) {
    case 'client-secret':
      return new identity.ClientSecretCredential(options.tenant, need('the app\'s client id in AZURE_CLIENT_ID (or clientId in the deployment)', clientId), need('the secret in AZURE_CLIENT_SECRET', options.env.AZURE_CLIENT_SECRET), common);
    case 'client-certificate':
      return new identity.ClientCertificateCredential(options.tenant, need('the app\'s client id in AZURE_CLIENT_ID (or clientId in the deployment)', clientId), {
        certificatePath: need('a PEM certificate with its key in AZURE_CLIENT_CERTIFICATE_PATH', options.env.AZURE_CLIENT_CERTIFICATE_PATH),
        ...(options.env.AZURE_CLIENT_CERTIFICATE_PASSWORD ? { certificatePassword: options.env.AZURE_CLIENT_CERTIFICATE_PASSWORD } : {}),
      }, common);
    case 'workload-identity': {
      const tenantId = options.tenant;
      const id = need('the app\'s client id in AZURE_CLIENT_ID (or clientId in the deployment)', clientId);
      const file = options.env.AZURE_FEDERATED_TOKEN_FILE;
      if (file) {
        checkTokenFile(file);
        // Reads the file on each assertion it needs (cached 5 minutes), so a rotated token is picked up.
        return new identity.WorkloadIdentityCredential({ tenantId, clientId: id, tokenFilePath: file, ...common });
      }
      const url = options.env.ACTIONS_ID_TOKEN_REQUEST_URL;
      const requestToken = options.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
      if (!url) throw new AuthSetupError('--auth workload-identity needs the federated token: a file in AZURE_FEDERATED_TOKEN_FILE, or in GitHub Actions the job\'s OIDC token (`permissions: id-token: write` sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN)');
      if (!requestToken) throw new AuthSetupError('--auth workload-identity: ACTIONS_ID_TOKEN_REQUEST_URL is set but ACTIONS_ID_TOKEN_REQUEST_TOKEN is not: pass both from the job\'s environment');
      const audience = options.env.REMGEN_OIDC_AUDIENCE || FEDERATED_AUDIENCE;
      // msal-node asks for the assertion on every getToken, even when its cached access token will do: the
      // GitHub token is kept while it has more than a minute left, so one publish asks GitHub once.
      let kept: { jwt: string; exp: number } | undefined;
      return new identity.ClientAssertionCredential(tenantId, id, async () => {
        if (kept && kept.exp - 60 > Date.now() / 1000) return kept.jwt;
        const jwt = await githubIdToken(url, requestToken, audience);
        kept = { jwt, exp: jwtExpiry(jwt) };
        return jwt;
      }, common);
    }
    case 'managed-identity':
      // The host's identity: system-assigned, or the user-assigned one AZURE_CLIENT_ID names (never the
      // deployment's clientId, which is the app registration people sign in to). @azure/identity 4 finds the
      // source from the environment: App Service and Functions (IDENTITY_ENDPOINT, IDENTITY_HEADER), Azure Arc,
      // Cloud Shell, else the VM's IMDS.
      return options.env.AZURE_CLIENT_ID ? new identity.ManagedIdentityCredential({ clientId: options.env.AZURE_CLIENT_ID }) : new identity.ManagedIdentityCredential();
    case 'azure-cli':
      return keepTokens(new identity.AzureCliCredential({ tenantId: options.tenant }));
    case 'device-code':
      return new identity.DeviceCodeCredential({
        tenantId: options.tenant,
        clientId: need('the app registration\'s client id: clientId in the deployment or AZURE_CLIENT_ID', clientId),
        ...common,
        userPromptCallback: (info) => options.prompt(info.message),
      });
  }
}

/**
 * Each scope's token kept until 5 minutes before it expires. AzureCliCredential keeps nothing: it runs
 * `az account get-access-token` (a second or more) on every getToken, and the Graph client asks once per request.
 * A claims challenge always goes through.
 */
function keepTokens(inner: TokenCredential): TokenCredential {
  const kept = new Map<string, AccessToken>();
  return {
    async getToken(scopes, options) {
      const key = [scopes].flat().join(' ');
      const hit = kept.get(key);
      if (hit && !options?.claims && hit.expiresOnTimestamp - 300_000 > Date.now()) return hit;
      const token = await inner.getToken(scopes, options);
      if (token) kept.set(key, token);
      return token;
    },
  };
}

/** What to do about a failed sign-in, by method: one clause, never a secret. */
export function signInHint(method: AuthMethod, message: string, tenant: string): string {
  switch (method) {
    case 'azure-cli':
      if (/could not be found|ENOENT|not recognized/i.test(message)) return `--auth azure-cli runs the Azure CLI ('az'), which is not installed or not on PATH: install it (https://aka.ms/azure-cli), run 'az login --tenant ${tenant}', then publish again; or use --auth device-code`;
      if (/az login/i.test(message)) return `run 'az login --tenant ${tenant}' (for a national or private cloud, 'az cloud set' first), then publish again`;
      return `check 'az account show' (signed in to tenant ${tenant}?)`;
    case 'managed-identity':
      return 'managed identity works only on an Azure host that has one (App Service or Functions: IDENTITY_ENDPOINT and IDENTITY_HEADER; a VM: IMDS; a user-assigned identity: its client id in AZURE_CLIENT_ID), and it needs the Graph application permissions granted to it; elsewhere use client-certificate or client-secret';
    case 'client-certificate':
      return 'check AZURE_CLIENT_ID, that AZURE_CLIENT_CERTIFICATE_PATH is a PEM file with the certificate and its private key (AZURE_CLIENT_CERTIFICATE_PASSWORD if the key is encrypted), and that this certificate is uploaded to the app registration (Certificates & secrets)';
    case 'workload-identity':
      if (/GitHub Actions ID token/.test(message)) return 'check the job\'s `permissions: id-token: write` and that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN reach remgen\'s environment';
      return 'check AZURE_CLIENT_ID and the app registration\'s federated credential (Certificates & secrets > Federated credentials): its issuer, subject (for GitHub, repo:<owner>/<repo>:environment:<name> or :ref:refs/heads/<branch>) and audience (api://AzureADTokenExchange) must match the token\'s iss, sub and aud';
    case 'client-secret':
      return 'check AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (Certificates & secrets in the app registration; a secret expires)';
    case 'device-code':
      return 'check clientId (the app registration, with "Allow public client flows" on) and that you finished signing in in the browser';
  }
}
