import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'defender-protection-broken',
  description: 'Real-time protection turned off by a troubleshooting session and never turned back on, PUA protection at its default (off), signatures a week old (the device was off the network).',
  defender: { preferences: { DisableRealtimeMonitoring: true, PUAProtection: 0 }, signatureAgeDays: 7 },
});
