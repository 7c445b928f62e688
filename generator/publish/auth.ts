import type { TokenCredential } from '@azure/identity';

/**
 * Sign-in through @azure/identity. Secrets come only from the environment (AZURE_CLIENT_SECRET,
 * AZURE_CLIENT_CERTIFICATE_PATH and _PASSWORD, the names @azure/identity's EnvironmentCredential reads),
 * never from argv, and nothing here prints or returns a token.
 */

export const AUTH_METHODS = ['device-code', 'client-secret', 'client-certificate', 'managed-identity', 'azure-cli'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export class AuthSetupError extends Error {}

/**
 * The method `--auth` names, else the one the environment implies (a secret or certificate: CI), else device
 * code, but only for a person at a terminal (`interactive`): a pipeline with no credential configured would
 * otherwise print a code nobody reads and wait for it to expire.
 */
export function chooseMethod(flag: AuthMethod | undefined, env: NodeJS.ProcessEnv, interactive = true): AuthMethod {
  if (flag) return flag;
  if (env.AZURE_CLIENT_SECRET) return 'client-secret';
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) return 'client-certificate';
  if (!interactive) throw new AuthSetupError('no credential in the environment and no terminal to sign in at: in a pipeline set AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH (or AZURE_CLIENT_SECRET), or pass --auth managed-identity on an Azure host; to sign in by device code from here anyway, pass --auth device-code');
  return 'device-code';
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
    case 'managed-identity':
      // The host's identity: system-assigned, or the user-assigned one AZURE_CLIENT_ID names (never the
      // deployment's clientId, which is the app registration people sign in to). @azure/identity 4 finds the
      // source from the environment: App Service and Functions (IDENTITY_ENDPOINT, IDENTITY_HEADER), Azure Arc,
      // Cloud Shell, else the VM's IMDS.
      return options.env.AZURE_CLIENT_ID ? new identity.ManagedIdentityCredential({ clientId: options.env.AZURE_CLIENT_ID }) : new identity.ManagedIdentityCredential();
    case 'azure-cli':
      return new identity.AzureCliCredential({ tenantId: options.tenant });
    case 'device-code':
      return new identity.DeviceCodeCredential({
        tenantId: options.tenant,
        clientId: need('the app registration\'s client id: clientId in the deployment or AZURE_CLIENT_ID', clientId),
        ...common,
        userPromptCallback: (info) => options.prompt(info.message),
      });
  }
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
    case 'client-secret':
      return 'check AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (Certificates & secrets in the app registration; a secret expires)';
    case 'device-code':
      return 'check clientId (the app registration, with "Allow public client flows" on) and that you finished signing in in the browser';
  }
}
