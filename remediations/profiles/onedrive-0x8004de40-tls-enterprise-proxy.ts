import { defineProfile } from 'remgen';
import { HEALTHY_DEVICE, INTERNET_SETTINGS } from './device-data.ts';
import { ENTERPRISE_ROOT, INSPECTED_HOSTS, inspectedChain, MICROSOFT_CHAINS, PROXY, TUNNELLING_PROXY } from './tls-inspection-data.ts';

export default defineProfile({
  name: 'onedrive-0x8004de40-tls-enterprise-proxy',
  description:
    'The user\'s Internet Options send everything through proxy.contoso.com:8080, which inspects TLS under Contoso\'s own root; ' +
    'the machine has no WinHTTP proxy, so SYSTEM goes direct and sees Microsoft\'s chains.',
  ...HEALTHY_DEVICE,
  registry: [
    ...(HEALTHY_DEVICE.registry ?? []),
    { path: INTERNET_SETTINGS, name: 'ProxyEnable', kind: 'DWord', value: 1 },
    { path: INTERNET_SETTINGS, name: 'ProxyServer', kind: 'String', value: PROXY },
    { path: INTERNET_SETTINGS, name: 'ProxyOverride', kind: 'String', value: '*.contoso.com;<local>' },
  ],
  proxies: [TUNNELLING_PROXY],
  tlsChains: [...INSPECTED_HOSTS.map((h) => inspectedChain(h, ENTERPRISE_ROOT, PROXY)), ...MICROSOFT_CHAINS],
});
