/**
 * Example: report devices with less than 10 GB free on C:, naming where the space went among the usual cleanup
 * targets (Windows Update's downloads, Windows' temp folder, queued error reports, CBS logs), biggest first, so the helpdesk or a cleanup package knows what to clear. Report only; pair it with
 * pathCleanup steps to clear the targets.
 */
import { defineRemediation, driveFreeSpace } from 'remgen';

export default defineRemediation({
  id: 'low-disk-space',
  displayName: 'Less than 10 GB free on C:',
  description: 'Reports devices with less than 10 GB free on C: and names the three biggest cleanup targets. Changes nothing.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    driveFreeSpace({
      id: 'c-has-10-gb',
      drive: 'C:',
      minFreeGB: 10,
      largestOf: [
        '%SystemRoot%\\SoftwareDistribution\\Download',
        '%SystemRoot%\\Temp',
        '%ProgramData%\\Microsoft\\Windows\\WER\\ReportQueue',
        '%SystemRoot%\\Logs\\CBS',
      ],
      report: 3,
    }),
  ],
});
