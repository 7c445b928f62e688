import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'app-config-json-broken',
  description: 'Contoso Notes switched to the beta channel by the user.',
  fileSystem: [{ path: '%APPDATA%\\Contoso\\Notes\\settings.json', json: { theme: 'dark', update: { channel: 'beta', auto: true } } }],
});
