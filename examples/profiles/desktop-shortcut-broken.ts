import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'desktop-shortcut-broken',
  description: 'A user deleted the helpdesk shortcut from the public desktop; the old IT Support shortcut to Internet Explorer is still there.',
  fileSystem: [{
    path: 'C:\\Users\\Public\\Desktop\\IT Support.lnk',
    shortcut: { targetPath: 'C:\\Program Files\\Internet Explorer\\iexplore.exe', arguments: 'http://support.contoso.local/' },
  }],
});
