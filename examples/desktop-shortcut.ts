/**
 * Example: a desktop shortcut for every user: the Contoso helpdesk site opened in Microsoft Edge, on
 * %PUBLIC%\Desktop (so every profile, new ones too, shows it), and the shortcut an older rollout left removed.
 */
import { defineRemediation, shortcut } from 'remgen';

const EDGE = '%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe';

export default defineRemediation({
  id: 'desktop-shortcut',
  displayName: 'Helpdesk shortcut on every desktop',
  description: "Puts a Contoso Helpdesk shortcut (Edge on the helpdesk site) on every user's desktop and removes the old IT Support one.",
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    shortcut({
      id: 'helpdesk-shortcut', name: 'Contoso Helpdesk', target: EDGE, arguments: 'https://helpdesk.contoso.com/',
      icon: '%ProgramData%\\Contoso\\Icons\\helpdesk.ico', description: 'Contoso IT helpdesk: tickets and self-service',
    }),
    shortcut({ id: 'old-shortcut-gone', name: 'IT Support', state: 'absent' }),
  ],
});
