import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'tray-agent-start-healthy',
  description: "The VPN tray agent runs in the user's session.",
  processes: [{ name: 'ContosoVpnTray', id: 6212, path: 'C:\\Program Files\\Contoso\\VPN\\ContosoVpnTray.exe' }],
  programs: [{ filePath: 'C:\\Program Files\\Contoso\\VPN\\ContosoVpnTray.exe', argumentList: ['/minimized'], runs: true }],
});
