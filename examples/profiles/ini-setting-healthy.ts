import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'ini-setting-healthy',
  description: 'The Contoso Agent pointed at agent.contoso.com.',
  fileSystem: [{
    path: '%ProgramData%\\Contoso\\Agent\\agent.ini', encoding: 'utf16le',
    content: '; Contoso Agent settings\r\n[Agent]\r\nServer=agent.contoso.com\r\nInterval=300\r\n\r\n[Log]\r\nLevel=2\r\nPath=C:\\ProgramData\\Contoso\\Agent\\Logs\r\n',
  }],
});
