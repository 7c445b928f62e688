/**
 * Programs a generated script may run through the `Invoke-RgNativeCommand` seam (the `native-commands` rule
 * checks every constant -FilePath against this list).
 *
 * An entry without `reason` must be in the native command list of the Windows PowerShell 5.1 profile
 * (windows-powershell-5.1.json (docs/reference/README.md), the programs on PATH of Windows 10 1809);
 * `npm run check:allowlist` checks that. An entry the profile does not see carries the reason.
 */
export interface NativeCommand {
  readonly name: string;
  /** What the runtime runs it for. */
  readonly use: string;
  /** Why it is allowed although the 5.1 profile does not list it. */
  readonly reason?: string;
}

export const NATIVE_COMMANDS: readonly NativeCommand[] = [
  { name: 'powershell.exe', use: 'the 64-bit relaunch through %SystemRoot%\\Sysnative' },
  { name: 'cmdkey.exe', use: 'listing and deleting cached credentials (`cmdkey /list`, `/delete`)' },
  { name: 'dsregcmd.exe', use: 'Entra join state (`dsregcmd /status`) and the opted-in leave/join repair' },
  { name: 'w32tm.exe', use: 'clock state and resync (`w32tm /query /status`, `/resync`)' },
  { name: 'ipconfig.exe', use: 'DNS cache flush (`ipconfig /flushdns`)' },
  { name: 'net.exe', use: 'adding an account to a local group by name (`net localgroup <group> <name> /add`; judged by its exit code only)' },
  { name: 'netsh.exe', use: 'the WinHTTP proxy the endpoints probe reports (`netsh winhttp show proxy`); the Winsock catalog and its reset (`netsh winsock show catalog`, `winsock reset`, `int ip reset`)' },
  {
    name: 'OneDrive.exe',
    use: 'OneDrive reset (`OneDrive.exe /reset`) and restart',
    reason: 'not on PATH: it lives per user under %LOCALAPPDATA%\\Microsoft\\OneDrive and per machine under Program Files (x86 or x64), which the profile does not see; the step finds it in those three places',
  },
];

/** The list entry for a program path or name (leaf name, case-insensitive; `.exe` implied when no extension). */
export function nativeCommand(filePath: string): NativeCommand | undefined {
  const leaf = programName(filePath).toLowerCase();
  return NATIVE_COMMANDS.find((entry) => entry.name.toLowerCase() === leaf);
}

/** The leaf of a program path, with `.exe` added when it has no extension (as CreateProcess does). */
export function programName(filePath: string): string {
  const leaf = filePath.split(/[\\/]/).pop() ?? filePath;
  return /\.[A-Za-z0-9]+$/.test(leaf) ? leaf : `${leaf}.exe`;
}
