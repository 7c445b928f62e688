import { defineProfile } from 'remgen';
import { tlsHealthy } from './tls-data.ts';

export default defineProfile({
  name: 'tls-healthy',
  description: 'A 64-bit Windows 11 device where every TLS 1.2 value is already as the tls remediation wants it.',
  registry: tlsHealthy,
});
