import { defineProfile } from 'remgen';
import { netFxKeys } from './tls-data.ts';

/** TLS off, and the script is started by a 32-bit PowerShell (Intune's "run in 64-bit" left off). */
export default defineProfile({
  name: 'tls-32bit-host',
  description: 'TLS off; the script starts as a 32-bit process on 64-bit Windows and must relaunch through Sysnative.',
  keys: netFxKeys,
  platform: { is64BitOperatingSystem: true, is64BitProcess: false, systemRoot: 'C:\\WINDOWS' },
  files: ['C:\\WINDOWS\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe'],
});
