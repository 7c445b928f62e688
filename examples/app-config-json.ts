/**
 * Example: a JSON setting in a user's app config: Contoso Notes on the stable update channel, the rest of its
 * settings.json kept.
 */
import { defineRemediation, file } from 'remgen';

export default defineRemediation({
  id: 'app-config-json',
  displayName: 'Contoso Notes on the stable channel',
  description: "Sets update.channel to stable in the user's Contoso Notes settings.json.",
  publisher: 'remgen examples',
  context: 'user',
  steps: [file({ id: 'notes-stable', path: '%APPDATA%\\Contoso\\Notes\\settings.json', json: { property: 'update.channel', value: 'stable' } })],
});
