import { defineProfile } from 'remgen';
import { netFxKeys, NETFX4_64 } from './tls-data.ts';

/** TLS off, and a security product locks the 64-bit .NET 4 key against writes (even for SYSTEM). */
export default defineProfile({
  name: 'tls-access-denied',
  description: 'TLS off; writing the 64-bit .NET Framework 4 key is refused (access denied).',
  keys: netFxKeys,
  faults: { accessDenied: [{ key: NETFX4_64, access: 'Write' }] },
});
