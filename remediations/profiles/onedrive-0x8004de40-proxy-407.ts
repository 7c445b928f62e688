import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, INTERNET_SETTINGS, withCommands } from './device-data.ts';
import { AUTH_PROXY, NETSH_PROXY_DE, PROXY } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-proxy-407',
  description:
    'A German device behind proxy.contoso.com:8080 (Internet Options and WinHTTP, netsh in German) that answers CONNECT ' +
    'with 407 Proxy Authentication Required: the chains cannot be read, and that is a proxy matter, not TLS.',
  ...HEALTHY_DEVICE,
  registry: [
    ...(HEALTHY_DEVICE.registry ?? []),
    { path: INTERNET_SETTINGS, name: 'ProxyEnable', kind: 'DWord', value: 1 },
    { path: INTERNET_SETTINGS, name: 'ProxyServer', kind: 'String', value: PROXY },
  ],
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], NETSH_PROXY_DE),
  proxies: [AUTH_PROXY],
});
