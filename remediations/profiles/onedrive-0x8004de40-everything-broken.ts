import { defineProfile } from 'remgen';
import { brokenJoin, DSREG, HEALTHY_DEVICE, INTERNET_SETTINGS, IPCONFIG_FLUSH, reachable, SIGN_IN_HOSTS, SKEWED_CLOCK, W32TIME_RUNNING, withCommands } from './device-data.ts';
import { netFxKeys } from './tls-data.ts';

const join = brokenJoin(DSREG.authFailed);

export default defineProfile({
  name: 'onedrive-0x8004de40-everything-broken',
  description:
    'Every rung broken at once: no TLS 1.2 keys, Internet Options without TLS 1.2, the clock 10 minutes off with W32Time stopped, ' +
    'the device join failing, and login.windows.net not resolving until the DNS cache is flushed.',
  ...HEALTHY_DEVICE,
  registry: [{ path: INTERNET_SETTINGS, name: 'SecureProtocols', kind: 'DWord', value: 0xa0 }],
  keys: [...netFxKeys],
  httpDates: SKEWED_CLOCK.httpDates,
  services: [{ ...W32TIME_RUNNING, status: 'Stopped' }],
  endpoints: SIGN_IN_HOSTS.filter((h) => h !== 'login.windows.net').map(reachable),
  scheduledTasks: join.scheduledTasks,
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], join.status, SKEWED_CLOCK.resync, { ...IPCONFIG_FLUSH, effects: { endpoints: [reachable('login.windows.net')] } }),
});
