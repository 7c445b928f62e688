/**
 * Example: a program started when it is not running: the Contoso VPN tray agent restarted for the signed-in
 * user when it is not running in their session (it crashed, or the user quit it), at most once an hour.
 */
import { defineRemediation, process, processStart } from 'remgen';

export default defineRemediation({
  id: 'tray-agent-start',
  displayName: 'Contoso VPN tray agent running',
  description: "Starts the Contoso VPN tray agent in the user's session when it is not running.",
  publisher: 'remgen examples',
  context: 'user',
  steps: [
    process({ id: 'tray-running', processName: 'ContosoVpnTray', state: 'running' }),
    processStart({
      id: 'start-tray', program: '%ProgramFiles%\\Contoso\\VPN\\ContosoVpnTray.exe', arguments: ['/minimized'],
      gate: { probes: ['tray-running'] }, cooldown: 'PT1H',
    }),
  ],
});
