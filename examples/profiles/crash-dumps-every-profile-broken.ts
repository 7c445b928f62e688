import { defineProfile } from 'remgen';

export default defineProfile({
  name: 'crash-dumps-every-profile-broken',
  description: 'alice (signed in) and bob (an Entra ID user, signed out) keep old dumps; alice has a new one too.',
  clock: '2026-03-02T08:00:00Z',
  userProfiles: [
    { sid: 'S-1-5-21-1004336348-1177238915-682003330-1001', path: 'C:\\Users\\alice', loaded: true },
    { sid: 'S-1-12-1-3154721938-1316433417-2831734923-1180396212', path: 'C:\\Users\\bob' },
  ],
  fileSystem: [
    { path: 'C:\\Users\\alice\\AppData\\Local\\CrashDumps\\Teams.exe.4120.dmp', length: 52428800, lastWriteTime: '2026-03-01T10:00:00Z' },
    { path: 'C:\\Users\\alice\\AppData\\Local\\CrashDumps\\OUTLOOK.EXE.9932.dmp', length: 734003200, lastWriteTime: '2026-01-20T10:00:00Z' },
    { path: 'C:\\Users\\bob\\AppData\\Local\\CrashDumps\\explorer.exe.812.dmp', length: 314572800, lastWriteTime: '2025-12-01T10:00:00Z' },
  ],
});
