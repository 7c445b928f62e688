import { defineProfile } from 'remgen';
import { netFxKeys } from './tls-data.ts';

export default defineProfile({
  name: 'tls-off',
  description: 'A freshly imaged device: no SCHANNEL TLS 1.2 key, no WinHTTP DefaultSecureProtocols, .NET keys without the strong-crypto values.',
  keys: netFxKeys,
});
