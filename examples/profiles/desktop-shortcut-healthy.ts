import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'desktop-shortcut-healthy',
  description: 'The helpdesk shortcut on the public desktop as rolled out; the old IT Support shortcut long gone.',
  fileSystem: [{
    path: 'C:\\Users\\Public\\Desktop\\Contoso Helpdesk.lnk',
    shortcut: {
      targetPath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', arguments: 'https://helpdesk.contoso.com/',
      workingDirectory: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application', iconLocation: '%ProgramData%\\Contoso\\Icons\\helpdesk.ico,0',
      description: 'Contoso IT helpdesk: tickets and self-service',
    },
  }],
});
