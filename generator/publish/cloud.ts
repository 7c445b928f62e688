import type { CloudName, CustomCloud } from '../descriptor/deployment.ts';

/** Graph endpoint and Entra authority of each national cloud (Microsoft's national-cloud deployments). */
export const CLOUDS: Readonly<Record<CloudName, CustomCloud>> = {
  global: { graphEndpoint: 'https://graph.microsoft.com', authorityHost: 'https://login.microsoftonline.com' },
  usgov: { graphEndpoint: 'https://graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us' },
  'usgov-dod': { graphEndpoint: 'https://dod-graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us' },
  china: { graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn' },
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

/** `--cloud` wins over the deployment's `cloud`; a deployment's `customCloud` wins over both (a private cloud is named only there). */
export function endpointsOf(deployment: { readonly cloud?: CloudName; readonly customCloud?: CustomCloud }, flag?: CloudName): CustomCloud & { readonly custom: boolean } {
  if (deployment.customCloud) {
    return { graphEndpoint: deployment.customCloud.graphEndpoint.replace(/\/+$/, ''), authorityHost: deployment.customCloud.authorityHost.replace(/\/+$/, ''), custom: true };
  }
  return { ...CLOUDS[flag ?? deployment.cloud ?? 'global'], custom: false };
}
