import { psValue, type PsValue } from '../render/escape.ts';

/**
 * A simulated device for the harness (generator/engine/Invoke-RgSimulation.ps1): what the seams see.
 * Registry paths are written as regedit shows them on 64-bit Windows (`HKLM\SOFTWARE\WOW6432Node\...` is
 * what a 32-bit view of `HKLM\SOFTWARE\...` reaches).
 */
export interface DeviceProfile {
  /** Short name, e.g. `tls-off`. */
  readonly name: string;
  /** What this device is, in words. */
  readonly description: string;
  /** Registry values present on the device. */
  readonly registry?: readonly RegistryEntry[];
  /** Keys that exist without values. Keys of `registry` entries exist anyway. */
  readonly keys?: readonly string[];
  /** Native programs' results, matched on file name (no folder) and arguments. */
  readonly commands?: readonly NativeCommand[];
  /** @default '2026-01-01T00:00:00Z' */
  readonly clock?: string;
  /** @default 64-bit process on 64-bit Windows, SystemRoot C:\WINDOWS */
  readonly platform?: { readonly is64BitOperatingSystem?: boolean; readonly is64BitProcess?: boolean; readonly systemRoot?: string };
  /** Files that exist. */
  readonly files?: readonly string[];
  readonly faults?: Faults;
}

export interface RegistryEntry {
  /** e.g. `HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client` */
  readonly path: string;
  readonly name: string;
  readonly kind: 'DWord' | 'QWord' | 'String' | 'ExpandString' | 'MultiString' | 'Binary';
  readonly value: number | string | readonly string[];
}

export interface NativeCommand {
  /** e.g. `cmdkey.exe` or `C:\Windows\System32\dsregcmd.exe`; only the file name is compared. */
  readonly filePath: string;
  readonly argumentList?: readonly string[];
  readonly exitCode: number;
  /** Stdout lines as Windows PowerShell would decode them. */
  readonly output?: readonly string[];
  readonly stderr?: readonly string[];
  /** The program does not finish within the caller's timeout. */
  readonly timedOut?: boolean;
}

export interface Faults {
  /** Keys (and everything below) where the access is refused, as on a device. */
  readonly accessDenied?: readonly { readonly key: string; readonly access?: 'Read' | 'Write' | 'ReadWrite' }[];
  /** Seams that throw this message whenever called. */
  readonly throws?: Readonly<Record<string, string>>;
}

/** The profile as a PowerShell data file the harness runs (`& file` returns the hashtable). Escaped like any output. */
export function renderProfile(profile: DeviceProfile): string {
  const data: { [key: string]: PsValue } = {
    Name: profile.name,
    Registry: (profile.registry ?? []).map((e) => ({ Path: e.path, Name: e.name, Kind: e.kind, Value: e.value as PsValue })),
    Keys: [...(profile.keys ?? [])],
    Commands: (profile.commands ?? []).map((c) => ({
      FilePath: c.filePath,
      ArgumentList: [...(c.argumentList ?? [])],
      ExitCode: c.exitCode,
      Output: [...(c.output ?? [])],
      Stderr: [...(c.stderr ?? [])],
      TimedOut: c.timedOut ?? false,
    })),
    Files: [...(profile.files ?? [])],
  };
  if (profile.clock) data.Clock = profile.clock;
  if (profile.platform) {
    const platform: { [key: string]: PsValue } = {};
    if (profile.platform.is64BitOperatingSystem !== undefined) platform.Is64BitOperatingSystem = profile.platform.is64BitOperatingSystem;
    if (profile.platform.is64BitProcess !== undefined) platform.Is64BitProcess = profile.platform.is64BitProcess;
    if (profile.platform.systemRoot !== undefined) platform.SystemRoot = profile.platform.systemRoot;
    data.Platform = platform;
  }
  if (profile.faults) {
    const throws: { [key: string]: PsValue } = {};
    for (const [seam, message] of Object.entries(profile.faults.throws ?? {})) throws[seam.replaceAll('-', '_')] = message;
    data.Faults = {
      AccessDenied: (profile.faults.accessDenied ?? []).map((d) => ({ Key: d.key, Access: d.access ?? 'Write' })),
      Throws: throws,
    };
  }
  return psValue(data).replace(/\n/g, '\r\n') + '\r\n';
}
