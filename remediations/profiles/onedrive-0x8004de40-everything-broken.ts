import { defineProfile } from 'remgen';
import {
  brokenJoin, CIPHERS_WINDOWS_DEFAULT, DSREG, HEALTHY_DEVICE, INTERNET_SETTINGS, IPCONFIG_FLUSH, PER_USER, reachable, reset, SIGN_IN_HOSTS,
  SKEWED_CLOCK, STALE_CREDENTIALS, start, W32TIME_RUNNING, WINDOWS_10, withCommands,
} from './device-data.ts';
import { netFxKeys } from './tls-data.ts';

const join = brokenJoin(DSREG.authFailed);

export default defineProfile({
  name: 'onedrive-0x8004de40-everything-broken',
  description:
    'Every rung broken at once on an old Windows 10 image: no TLS 1.2 keys, the Front Door suites behind others, Internet Options ' +
    'without TLS 1.2, the clock 10 minutes off with W32Time stopped (start type Manual), the device join failing, login.windows.net not resolving ' +
    'until the DNS cache is flushed, stale cached credentials, and OneDrive not signed in (after its reset the user still has ' +
    'to sign in).',
  ...HEALTHY_DEVICE,
  registry: [...WINDOWS_10, { path: INTERNET_SETTINGS, name: 'SecureProtocols', kind: 'DWord', value: 0xa0 }],
  keys: [...netFxKeys],
  cipherSuites: CIPHERS_WINDOWS_DEFAULT,
  httpDates: SKEWED_CLOCK.httpDates,
  services: [{ ...W32TIME_RUNNING, status: 'Stopped', startType: 'Manual' }],
  endpoints: SIGN_IN_HOSTS.filter((h) => h !== 'login.windows.net').map(reachable),
  scheduledTasks: join.scheduledTasks,
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], join.status, SKEWED_CLOCK.resync, { ...IPCONFIG_FLUSH, effects: { endpoints: [reachable('login.windows.net')] } }, ...STALE_CREDENTIALS),
  programs: [reset(PER_USER, 30), start(PER_USER)],
});
