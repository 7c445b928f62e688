import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'consumer-appx-healthy',
  description: 'A business device with only the Store, Calculator and Photos: no consumer app for anyone, none provisioned.',
  appxPackages: [{ name: 'Microsoft.WindowsStore' }, { name: 'Microsoft.WindowsCalculator', otherUsers: true, provisioned: true }, { name: 'Microsoft.Windows.Photos', provisioned: true }],
});
