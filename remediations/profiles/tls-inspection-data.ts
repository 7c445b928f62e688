/**
 * What the TLS seam is presented at the sign-in endpoints, and the proxies in between (docs/reference/
 * tls-inspection.md): Microsoft's chains under DigiCert Global Root G2 and Microsoft RSA Root Certificate
 * Authority 2017 (the roots' SHA-1 thumbprints from the reference; the leaves' and intermediates' are made up
 * for the fixtures), an antivirus root and an enterprise inspection root that the device trusts (so the chain
 * validates cleanly, policy errors None), and `netsh winhttp show proxy` with a proxy, in English and German.
 */
import type { ChainCertificate, NativeCommand, ProxyServer, TlsEndpoint } from 'remgen';

export const INSPECTED_HOSTS = ['login.microsoftonline.com', 'device.login.microsoftonline.com', 'enterpriseregistration.windows.net'] as const;

export const DIGICERT_G2_ROOT: ChainCertificate = { subject: 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US', thumbprint: 'DF3C24F9BFD666761B268073FE06D1CC8D4F82A4' };
export const MICROSOFT_RSA_2017_ROOT: ChainCertificate = { subject: 'CN=Microsoft RSA Root Certificate Authority 2017, O=Microsoft Corporation, C=US', thumbprint: '73A5E64A3BFF8316FF0EDCCC618A906E4EAE4D74' };
export const ANTIVIRUS_ROOT: ChainCertificate = { subject: 'CN=Norton Web/Mail Shield Root, O=Gen Digital Inc., C=US', thumbprint: '3C1B6E5A0D2F4C8B9E7A61D05F2B3C4D5E6F7A80' };
export const ENTERPRISE_ROOT: ChainCertificate = { subject: 'CN=Contoso TLS Inspection Root, O=Contoso Ltd, C=US', thumbprint: '9A0B1C2D3E4F5061728394A5B6C7D8E9F0A1B2C3' };

/** A Microsoft chain for a host under DigiCert Global Root G2. */
export const digicertG2Chain = (hostName: string): TlsEndpoint => ({
  hostName,
  chain: [
    { subject: `CN=${hostName}, O=Microsoft Corporation, L=Redmond, S=WA, C=US`, issuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US', thumbprint: '1F2E3D4C5B6A79880716253443526170F1E2D3C4' },
    { subject: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US', issuer: DIGICERT_G2_ROOT.subject, thumbprint: '1B5D8E3A0F9C2B47D6E1A3C5B7D9F0E2A4C6B8D0' },
    DIGICERT_G2_ROOT,
  ],
});

/** A Microsoft chain for a host under Microsoft RSA Root Certificate Authority 2017. */
export const microsoftRsa2017Chain = (hostName: string): TlsEndpoint => ({
  hostName,
  chain: [
    { subject: `CN=${hostName}`, issuer: 'CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US', thumbprint: '5A6B7C8D9E0F1A2B3C4D5E6F708192A3B4C5D6E7' },
    { subject: 'CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US', issuer: MICROSOFT_RSA_2017_ROOT.subject, thumbprint: 'BE68D0ADAA2345B48E507320B695D386080E5B25' },
    MICROSOFT_RSA_2017_ROOT,
  ],
});

/** What an inspecting product presents for any host: a leaf for the host under its own root. */
export const inspectedChain = (hostName: string, root: ChainCertificate, proxy?: string): TlsEndpoint => ({
  hostName,
  ...(proxy ? { proxy } : {}),
  policyErrors: 'None',
  chain: [{ subject: `CN=${hostName}`, issuer: root.subject, thumbprint: '0C1D2E3F405162738495A6B7C8D9EAFB0C1D2E3F' }, root],
});

/** The healthy network: each endpoint's own Microsoft chain (login alternates G2 and RSA 2017 in real life; one here). */
export const MICROSOFT_CHAINS: readonly TlsEndpoint[] = [
  digicertG2Chain('login.microsoftonline.com'),
  digicertG2Chain('device.login.microsoftonline.com'),
  microsoftRsa2017Chain('enterpriseregistration.windows.net'),
];

export const PROXY = 'proxy.contoso.com:8080';
export const TUNNELLING_PROXY: ProxyServer = { address: PROXY };
export const AUTH_PROXY: ProxyServer = { address: PROXY, status: 407 };
export const SILENT_PROXY: ProxyServer = { address: PROXY, timesOut: true };

/** `netsh winhttp show proxy` with the machine proxy set, as an English and a German Windows print it. */
export const NETSH_PROXY_EN: NativeCommand = {
  filePath: 'netsh.exe', argumentList: ['winhttp', 'show', 'proxy'], exitCode: 0,
  output: ['', 'Current WinHTTP proxy settings:', '', `    Proxy Server(s) :  ${PROXY}`, '    Bypass List     :  <local>;*.contoso.com', ''],
};
export const NETSH_PROXY_DE: NativeCommand = {
  filePath: 'netsh.exe', argumentList: ['winhttp', 'show', 'proxy'], exitCode: 0,
  output: ['', 'Aktuelle WinHTTP-Proxyeinstellungen:', '', `    Proxyserver:  ${PROXY}`, '    Umgehungsliste     :  <local>;*.contoso.com', ''],
};
/** German, bypassing the device registration host. */
export const NETSH_PROXY_DE_BYPASS: NativeCommand = {
  ...NETSH_PROXY_DE,
  output: ['', 'Aktuelle WinHTTP-Proxyeinstellungen:', '', `    Proxyserver:  ${PROXY}`, '    Umgehungsliste     :  <local>;enterpriseregistration.windows.net', ''],
};
