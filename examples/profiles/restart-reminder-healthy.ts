import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'restart-reminder-healthy',
  description: 'Restarted on Monday after the monthly updates; nothing pending.',
  clock: '2026-03-12T09:00:00Z',
  lastBootTime: '2026-03-09T07:41:00Z',
});
