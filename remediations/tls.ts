/**
 * OneDrive error 0x8004de40, part 1 of the fix: TLS 1.2 on the device (system context).
 * Facts: docs/reference/intune-configmgr.md 3.3 (SCHANNEL [TLS-REG], WinHTTP [WINHTTP-KB], .NET [NET-TLS]).
 */
import { defineRemediation, registryBits, registryValue } from 'remgen';

const schannelClient = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';
const winHttp = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
const netFx4 = 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319';
const netFx2 = 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727';

/** WinHTTP DefaultSecureProtocols bits: TLS 1.1 0x200, TLS 1.2 0x800 (KB3140245). */
const TLS11 = 0x200;
const TLS12 = 0x800;

/** The TLS 1.2 steps: SCHANNEL client, WinHTTP in both views, .NET 4 and 2 in both views (12 settings). */
export const tlsSteps = [
  registryValue({
    id: 'schannel-tls12-client-enabled',
    title: 'SCHANNEL TLS 1.2 client enabled',
    path: schannelClient,
    name: 'Enabled',
    type: 'DWord',
    value: 1,
    restartRequired: true,
  }),
  registryValue({
    id: 'schannel-tls12-client-not-disabled-by-default',
    title: 'SCHANNEL TLS 1.2 client not disabled by default',
    path: schannelClient,
    name: 'DisabledByDefault',
    type: 'DWord',
    value: 0,
    restartRequired: true,
  }),
  registryBits({
    id: 'winhttp-tls12-64',
    title: 'WinHTTP default protocols include TLS 1.2 (64-bit)',
    path: winHttp,
    name: 'DefaultSecureProtocols',
    set: TLS12,
    whenAbsent: TLS11 | TLS12,
    view: 64,
  }),
  registryBits({
    id: 'winhttp-tls12-32',
    title: 'WinHTTP default protocols include TLS 1.2 (32-bit)',
    path: winHttp,
    name: 'DefaultSecureProtocols',
    set: TLS12,
    whenAbsent: TLS11 | TLS12,
    view: 32,
  }),
  ...(['64', '32'] as const).flatMap((bits) => {
    const view = bits === '64' ? 64 : 32;
    return [
      registryValue({ id: `netfx4-strong-crypto-${bits}`, title: `.NET 4 strong crypto (${bits}-bit)`, path: netFx4, name: 'SchUseStrongCrypto', type: 'DWord', value: 1, view }),
      registryValue({ id: `netfx4-system-tls-${bits}`, title: `.NET 4 system default TLS (${bits}-bit)`, path: netFx4, name: 'SystemDefaultTlsVersions', type: 'DWord', value: 1, view }),
      registryValue({ id: `netfx2-strong-crypto-${bits}`, title: `.NET 2 strong crypto (${bits}-bit)`, path: netFx2, name: 'SchUseStrongCrypto', type: 'DWord', value: 1, view }),
      registryValue({ id: `netfx2-system-tls-${bits}`, title: `.NET 2 system default TLS (${bits}-bit)`, path: netFx2, name: 'SystemDefaultTlsVersions', type: 'DWord', value: 1, view }),
    ];
  }),
];

export default defineRemediation({
  id: 'tls',
  displayName: 'OneDrive 0x8004de40: TLS 1.2 on the device',
  description:
    'OneDrive sign-in fails with 0x8004de40 when the device cannot negotiate TLS 1.2 with Microsoft 365. ' +
    'This package turns on the SCHANNEL TLS 1.2 client protocol, the TLS 1.2 bit of WinHTTP DefaultSecureProtocols ' +
    'in both registry views, and strong cryptography with system default TLS versions for .NET Framework 4 and 2 ' +
    'in both views. SCHANNEL changes take effect after a restart.',
  publisher: 'remgen',
  context: 'system',
  steps: tlsSteps,
});
