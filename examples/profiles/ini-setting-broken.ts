import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'ini-setting-broken',
  description: 'The Contoso Agent still pointed at the old server after the migration (its installer kept the old agent.ini).',
  fileSystem: [{
    path: '%ProgramData%\\Contoso\\Agent\\agent.ini', encoding: 'utf16le',
    content: '; Contoso Agent settings\r\n[Agent]\r\nserver = agent-old.contoso.local\r\nInterval=300\r\n\r\n[Log]\r\nLevel=2\r\nPath=C:\\ProgramData\\Contoso\\Agent\\Logs\r\n',
  }],
});
