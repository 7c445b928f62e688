/**
 * Example: .NET Framework 3.5 (the optional feature NetFx3) enabled for a line-of-business app that needs it. Windows
 * fetches the files from Windows Update; a device that cannot reach it needs `source` (a share with the build's
 * sources\sxs) and `limitAccess`.
 */
import { defineRemediation, windowsFeature } from 'remgen';

export default defineRemediation({
  id: 'netfx3',
  displayName: '.NET Framework 3.5 enabled',
  description: 'Enables .NET Framework 3.5 (NetFx3), which older line-of-business apps need.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [windowsFeature({ id: 'netfx3-enabled', feature: 'NetFx3', state: 'enabled' })],
});
