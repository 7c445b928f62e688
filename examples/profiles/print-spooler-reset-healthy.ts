import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'print-spooler-reset-healthy',
  description: 'The spooler running, one job printing.',
  commands: [{ filePath: 'sc.exe', argumentList: ['query', 'Spooler'], exitCode: 0, output: ['SERVICE_NAME: Spooler', '        TYPE               : 110  WIN32_OWN_PROCESS', '        STATE              : 4  RUNNING'] }],
  services: [{ name: 'Spooler', status: 'Running', startType: 'Automatic' }],
  fileSystem: [{ path: 'C:\\WINDOWS\\System32\\spool\\PRINTERS\\00041.SPL', length: 524288 }],
});
