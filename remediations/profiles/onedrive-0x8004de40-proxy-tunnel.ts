import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, INTERNET_SETTINGS, withCommands } from './device-data.ts';
import { NETSH_PROXY_EN, PROXY, TUNNELLING_PROXY } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-proxy-tunnel',
  description:
    'An explicit proxy, proxy.contoso.com:8080, for the user (Internet Options) and the machine (WinHTTP, an English netsh): ' +
    'it tunnels CONNECT without inspecting, so both see Microsoft\'s chains.',
  ...HEALTHY_DEVICE,
  registry: [
    ...(HEALTHY_DEVICE.registry ?? []),
    { path: INTERNET_SETTINGS, name: 'ProxyEnable', kind: 'DWord', value: 1 },
    { path: INTERNET_SETTINGS, name: 'ProxyServer', kind: 'String', value: PROXY },
  ],
  commands: withCommands(HEALTHY_DEVICE.commands ?? [], NETSH_PROXY_EN),
  proxies: [TUNNELLING_PROXY],
});
