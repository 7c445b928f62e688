/**
 * Registry facts shared by the TLS device profiles: the values a device with TLS 1.2 fully on has
 * (docs/reference/intune-configmgr.md 3.3), as regedit shows them on 64-bit Windows.
 */
import type { RegistryEntry } from 'remgen';

export const SCHANNEL_CLIENT = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';
export const WINHTTP_64 = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
export const WINHTTP_32 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
export const NETFX4_64 = 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319';
export const NETFX2_64 = 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727';
export const NETFX4_32 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319';
export const NETFX2_32 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727';

const dword = (path: string, name: string, value: number): RegistryEntry => ({ path, name, kind: 'DWord', value });

/** Every TLS value as the tls remediation wants it; WinHTTP with TLS 1.1 and 1.2 (0xA00). */
export const tlsHealthy: readonly RegistryEntry[] = [
  dword(SCHANNEL_CLIENT, 'Enabled', 1),
  dword(SCHANNEL_CLIENT, 'DisabledByDefault', 0),
  dword(WINHTTP_64, 'DefaultSecureProtocols', 0xa00),
  dword(WINHTTP_32, 'DefaultSecureProtocols', 0xa00),
  ...[NETFX4_64, NETFX2_64, NETFX4_32, NETFX2_32].flatMap((path) => [
    dword(path, 'SchUseStrongCrypto', 1),
    dword(path, 'SystemDefaultTlsVersions', 1),
  ]),
];

/** The .NET keys exist on every Windows 10/11 device, with other values in them. */
export const netFxKeys: readonly string[] = [NETFX4_64, NETFX2_64, NETFX4_32, NETFX2_32];
