import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, INTERNET_SETTINGS, withCommands } from './device-data.ts';
import { NETSH_PROXY_EN, PROXY, SILENT_PROXY } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-proxy-timeout',
  description:
    'proxy.contoso.com:8080 (Internet Options and WinHTTP) accepts the connection and never answers CONNECT: each chain ' +
    'read times out and is reported as not checked.',
  ...HEALTHY_DEVICE,
  registry: [
    ...(HEALTHY_DEVICE.registry ?? []),
    { path: INTERNET_SETTINGS, name: 'ProxyEnable', kind: 'DWord', value: 1 },
    { path: INTERNET_SETTINGS, name: 'ProxyServer', kind: 'String', value: PROXY },
  ],
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], NETSH_PROXY_EN),
  proxies: [SILENT_PROXY],
});
