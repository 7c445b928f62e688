/**
 * Example: reset the print spooler. When the spooler does not report RUNNING (`sc.exe query`), the stuck jobs in
 * its queue folder are deleted with the spooler stopped, and it is started again; the spooler is also kept
 * automatic and running.
 */
import { command, defineRemediation, pathCleanup, service } from 'remgen';

export default defineRemediation({
  id: 'print-spooler-reset',
  displayName: 'Print spooler reset',
  description: 'Clears stuck print jobs (spooler stopped, queue folder cleared, started again) when the spooler is not running.',
  publisher: 'remgen examples',
  context: 'system',
  steps: [
    command({ id: 'spooler-running', program: 'sc.exe', arguments: ['query', 'Spooler'], stdoutPattern: 'STATE\\s+:\\s+4\\s+RUNNING' }),
    pathCleanup({ id: 'clear-queue', folders: ['%SystemRoot%\\System32\\spool\\PRINTERS'], include: ['*.SHD', '*.SPL'], trigger: 'always', stopServices: ['Spooler'], gate: { probes: ['spooler-running'] }, cooldown: 'PT1H' }),
    service({ id: 'spooler-automatic', serviceName: 'Spooler', startType: 'automatic', status: 'running' }),
  ],
});
