/**
 * Example: remove consumer AppX apps for every user, and their provisioning so new profiles do not get them
 * (system context). Each app is one step, so the summary names the ones still there.
 */
import { appxPackage, defineRemediation } from 'remgen';

const CONSUMER = ['Microsoft.BingNews', 'Microsoft.BingWeather', 'Microsoft.GamingApp', 'Microsoft.MicrosoftSolitaireCollection', 'Microsoft.Xbox*'];

export default defineRemediation({
  id: 'consumer-appx',
  displayName: 'Consumer apps removed',
  description: 'Removes the consumer Store apps (news, weather, games, Xbox) for every user and their provisioning for new profiles.',
  publisher: 'remgen examples',
  context: 'system',
  steps: CONSUMER.map((name) => appxPackage({ id: `no-${name.replace(/^Microsoft\./, '').replace('*', '').toLowerCase()}`, name, scope: 'allUsers', provisioned: !name.includes('*'), state: 'absent' })),
});
