import { defineProfile } from 'remgen';

const GB = 1073741824;
const MB = 1048576;

export default defineProfile({
  name: 'low-disk-space-broken',
  description: 'A 128 GB device with 4.2 GB free: a feature update downloaded twice, a CBS log that grew after a failed servicing run, error reports queued.',
  drives: [{ name: 'C:', totalBytes: 118 * GB, freeBytes: Math.round(4.2 * GB) }],
  fileSystem: [
    { path: 'C:\\WINDOWS\\SoftwareDistribution\\Download\\a1f3c9e2\\Windows11.0-KB5043080-x64.cab', length: Math.round(3.6 * GB) },
    { path: 'C:\\WINDOWS\\SoftwareDistribution\\Download\\7b2d4e8f\\Windows11.0-KB5043080-x64.cab', length: Math.round(3.6 * GB) },
    { path: 'C:\\WINDOWS\\Temp\\MpCmdRun.log', length: 18 * MB },
    { path: 'C:\\WINDOWS\\Temp\\{3A1F}\\setup.tmp', length: 640 * MB },
    { path: '%ProgramData%\\Microsoft\\Windows\\WER\\ReportQueue\\AppCrash_Teams.exe_5c1d\\memory.hdmp', length: 1200 * MB },
    { path: 'C:\\WINDOWS\\Logs\\CBS\\CBS.log', length: Math.round(2.8 * GB) },
    { path: 'C:\\WINDOWS\\Logs\\CBS\\CbsPersist_20260201103212.cab', length: 210 * MB },
  ],
});
