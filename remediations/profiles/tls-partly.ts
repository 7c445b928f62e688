import { defineProfile } from 'remgen';
import { NETFX2_32, SCHANNEL_CLIENT, tlsHealthy, WINHTTP_32 } from './tls-data.ts';

/**
 * Partly broken, as devices drift: SCHANNEL Enabled written as a String by a bad GPO, the 32-bit WinHTTP
 * value set by an old app to SSL 3.0 + TLS 1.0 only (0xA0), and .NET 2 32-bit strong crypto missing.
 */
export default defineProfile({
  name: 'tls-partly',
  description: 'SCHANNEL Enabled is a String, 32-bit WinHTTP allows only SSL 3.0 and TLS 1.0 (0xA0), 32-bit .NET 2 strong crypto is missing.',
  registry: [
    ...tlsHealthy.filter((e) => !(e.path === SCHANNEL_CLIENT && e.name === 'Enabled') && e.path !== WINHTTP_32
      && !(e.path === NETFX2_32 && e.name === 'SchUseStrongCrypto')),
    { path: SCHANNEL_CLIENT, name: 'Enabled', kind: 'String', value: '1' },
    { path: WINHTTP_32, name: 'DefaultSecureProtocols', kind: 'DWord', value: 0xa0 },
  ],
});
