import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'restart-reminder-broken',
  description: 'A laptop only ever closed and opened (or shut down with Fast Startup) for 23 days; the February update waits for a restart.',
  clock: '2026-03-12T09:00:00Z',
  lastBootTime: '2026-02-17T08:05:00Z',
  keys: ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'],
  registry: [
    {
      path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager', name: 'PendingFileRenameOperations', kind: 'MultiString',
      value: ['\\??\\C:\\Windows\\System32\\DriverStore\\Temp\\{5c2f1a8e}\\igdkmd64.sys', '', '\\??\\C:\\Program Files\\Contoso\\Agent\\agent.dll.new', '!\\??\\C:\\Program Files\\Contoso\\Agent\\agent.dll'],
    },
  ],
});
