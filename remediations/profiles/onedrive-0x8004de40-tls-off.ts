import { defineProfile } from 'remgen';
import { CIPHERS_WINDOWS_DEFAULT, HEALTHY_DEVICE, INTERNET_SETTINGS, signedIn, WINDOWS_10 } from './device-data.ts';
import { netFxKeys } from './tls-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-tls-off',
  description:
    'An old Windows 10 image: no TLS 1.2 keys for SCHANNEL, WinHTTP or .NET, the Azure Front Door suites behind others in the ' +
    'cipher order, and Internet Options with only SSL 3.0 and TLS 1.0 ticked.',
  ...HEALTHY_DEVICE,
  registry: [...WINDOWS_10, { path: INTERNET_SETTINGS, name: 'SecureProtocols', kind: 'DWord', value: 0xa0 }, ...signedIn()],
  keys: [...netFxKeys],
  cipherSuites: CIPHERS_WINDOWS_DEFAULT,
});
