/**
 * Example: policy values that must be absent. After a device moves from WSUS to Windows Update for Business, the
 * old Group Policy's values stay behind when the GPO was removed without being set to "Not configured" first:
 * UseWUServer keeps the device scanning a WSUS server that is gone, and DisableDualScan keeps it from Windows
 * Update. Each value is deleted, its key and the other values kept. (If the GPO still applies, it writes them
 * back at the next refresh: unlink it first.)
 */
import { defineRemediation, registryValue } from 'remgen';

export default defineRemediation({
  id: 'update-policy-removed',
  displayName: 'Old WSUS policy values removed',
  description: 'Deletes UseWUServer and DisableDualScan left behind by a removed WSUS Group Policy.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    registryValue({ id: 'no-use-wu-server', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: 'UseWUServer', state: 'absent' }),
    registryValue({ id: 'no-disable-dual-scan', path: 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'DisableDualScan', state: 'absent' }),
  ],
});
