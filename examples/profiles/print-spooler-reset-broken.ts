import { defineProfile } from 'remgen';

const query = (state: string) => ({ filePath: 'sc.exe', argumentList: ['query', 'Spooler'], exitCode: 0, output: ['SERVICE_NAME: Spooler', '        TYPE               : 110  WIN32_OWN_PROCESS', `        STATE              : ${state}`] });

export default defineProfile({
  name: 'print-spooler-reset-broken',
  description: 'The spooler stuck starting on a corrupt job (48 MB); once the queue is empty it starts.',
  commands: [query('2  START_PENDING')],
  services: [{ name: 'Spooler', status: 'StartPending', startType: 'Automatic', effects: { commands: [query('4  RUNNING')] } }],
  fileSystem: [
    { path: 'C:\\WINDOWS\\System32\\spool\\PRINTERS\\00040.SHD', length: 4096 },
    { path: 'C:\\WINDOWS\\System32\\spool\\PRINTERS\\00040.SPL', length: 50331648 },
  ],
});
