import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'tray-agent-start-broken',
  description: "The VPN tray agent crashed in this user's session; another user's copy still runs in session 2.",
  processes: [{ name: 'ContosoVpnTray', id: 9120, sessionId: 2, path: 'C:\\Program Files\\Contoso\\VPN\\ContosoVpnTray.exe' }],
  programs: [{ filePath: 'C:\\Program Files\\Contoso\\VPN\\ContosoVpnTray.exe', argumentList: ['/minimized'], runs: true }],
});
