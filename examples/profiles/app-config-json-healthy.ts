import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'app-config-json-healthy',
  description: 'Contoso Notes on the stable channel.',
  fileSystem: [{ path: '%APPDATA%\\Contoso\\Notes\\settings.json', json: { theme: 'dark', update: { channel: 'stable', auto: true } } }],
});
