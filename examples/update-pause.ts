/**
 * Example: a script step, for a check no typed kind covers. Users pause Windows Update from Settings for up to
 * five weeks; the organisation accepts a week. The admin's own PowerShell (update-pause-test.ps1 and
 * update-pause-set.ps1 beside this file) compares the pause end time with the device clock, with the accepted
 * days as a typed parameter, and clears a longer pause. remgen holds both files to its lint rules at build time
 * and embeds them into the one signed script.
 */
import { defineRemediation, scriptSetting } from 'remgen';

export default defineRemediation({
  id: 'update-pause',
  displayName: 'Windows Update paused at most a week',
  description: 'Clears a Windows Update pause that ends more than 7 days from now.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    scriptSetting({ id: 'update-pause-at-most-a-week', test: './update-pause-test.ps1', set: './update-pause-set.ps1', parameters: { MaximumPauseDays: 7 }, context: 'system' }),
  ],
});
