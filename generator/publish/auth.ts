import type { TokenCredential } from '@azure/identity';

/**
 * Sign-in through @azure/identity. Secrets come only from the environment (AZURE_CLIENT_SECRET,
 * AZURE_CLIENT_CERTIFICATE_PATH and _PASSWORD, the names @azure/identity's EnvironmentCredential reads),
 * never from argv, and nothing here prints or returns a token.
 */

export const AUTH_METHODS = ['device-code', 'client-secret', 'client-certificate', 'managed-identity', 'azure-cli'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export class AuthSetupError extends Error {}

/** The method `--auth` names, else the one the environment implies (a secret or certificate: CI), else device code. */
export function chooseMethod(flag: AuthMethod | undefined, env: NodeJS.ProcessEnv): AuthMethod {
  if (flag) return flag;
  if (env.AZURE_CLIENT_SECRET) return 'client-secret';
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) return 'client-certificate';
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
      return clientId ? new identity.ManagedIdentityCredential({ clientId }) : new identity.ManagedIdentityCredential();
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
