import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'update-policy-removed-broken',
  description: 'The removed WSUS GPO left UseWUServer, WUServer and DisableDualScan behind, beside a deferral policy.',
  registry: [
    { path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'DeferQualityUpdatesPeriodInDays', kind: 'DWord', value: 3 },
    { path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'DisableDualScan', kind: 'DWord', value: 1 },
    { path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'WUServer', kind: 'String', value: 'http://wsus.contoso.com:8530' },
    { path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: 'UseWUServer', kind: 'DWord', value: 1 },
  ],
});
