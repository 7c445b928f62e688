import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'consumer-appx-broken',
  description: 'A device from retail: news and weather installed and provisioned, Solitaire for another user, two Xbox apps.',
  appxPackages: [
    { name: 'Microsoft.WindowsStore' },
    { name: 'Microsoft.BingNews', version: '4.55.62231.0', provisioned: true },
    { name: 'Microsoft.BingWeather', version: '4.53.52331.0', otherUsers: true, provisioned: true },
    { name: 'Microsoft.MicrosoftSolitaireCollection', version: '4.19.3190.0', currentUser: false, otherUsers: true },
    { name: 'Microsoft.XboxGamingOverlay', version: '7.124.5142.0' },
    { name: 'Microsoft.XboxIdentityProvider', version: '12.115.1001.0', otherUsers: true },
  ],
});
