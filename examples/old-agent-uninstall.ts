/**
 * Example: uninstall an app below a version (an old agent that must be gone before the new one works). The
 * probe finds builds below 5.2 in both registry views; the uninstall runs msiexec /x for them (their MSI product
 * code) and is verified by reading the uninstall keys again.
 */
import { appUninstall, defineRemediation, installedApp } from 'remgen';

const agent = { displayName: 'Contoso Agent', publisher: 'Contoso*', belowVersion: '5.2' } as const;

export default defineRemediation({
  id: 'old-agent-uninstall',
  displayName: 'Contoso Agent below 5.2 uninstalled',
  description: 'Uninstalls Contoso Agent builds older than 5.2 (MSI, silent, no restart), keeping 5.2 and later.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    installedApp({ id: 'no-old-agent', ...agent, state: 'absent' }),
    appUninstall({ id: 'remove-old-agent', ...agent, gate: { probes: ['no-old-agent'] }, cooldown: 'P1D' }),
  ],
});
