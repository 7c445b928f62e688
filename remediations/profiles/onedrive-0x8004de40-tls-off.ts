import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, INTERNET_SETTINGS } from './device-data.ts';
import { netFxKeys } from './tls-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-tls-off',
  description: 'An old image: no TLS 1.2 keys for SCHANNEL, WinHTTP or .NET, and Internet Options with only SSL 3.0 and TLS 1.0 ticked.',
  ...HEALTHY_DEVICE,
  registry: [{ path: INTERNET_SETTINGS, name: 'SecureProtocols', kind: 'DWord', value: 0xa0 }],
  keys: [...netFxKeys],
});
