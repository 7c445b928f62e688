import type { Context } from '../../model/step.ts';
import type { StepIssue } from '../room.ts';

/** Which registry view a value is read and written in (see docs/reference/intune-configmgr.md 1.7). */
export type RegistryView = 64 | 32;

/** Where a registry value lives; shared by the registry step kinds. */
export interface RegistryLocation {
  /**
   * Key path in PowerShell provider form: `HKLM:\` or `HKCU:\`, then the subkey, no trailing backslash.
   * HKLM steps run in system context, HKCU steps in user context.
   * @minLength 7
   * @example "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client"
   */
  readonly path: string;
  /**
   * Value name under the key.
   * @minLength 1
   * @maxLength 255
   * @example "Enabled"
   */
  readonly name: string;
  /**
   * Registry view: `64` is the native view, `32` the WOW64 view (`Wow6432Node`). The view is explicit,
   * so a script started 32-bit still reaches the right key.
   * @default 64
   */
  readonly view?: RegistryView;
  /**
   * The change takes effect only after a restart (SCHANNEL protocols, for one); the summary line then
   * says a restart is pending.
   * @default false
   */
  readonly restartRequired?: boolean;
}

export interface ParsedRegistryPath {
  readonly hive: 'HKLM' | 'HKCU';
  readonly subKey: string;
}

/** Splits `HKLM:\A\B` into hive and subkey; undefined when the path is not well formed. */
export function parseRegistryPath(path: string): ParsedRegistryPath | undefined {
  const match = /^(HKLM|HKCU):\\(.+)$/.exec(path);
  if (!match) return undefined;
  const subKey = match[2]!;
  if (subKey.endsWith('\\') || subKey.split('\\').some((part) => part.length === 0 || part.length > 255)) return undefined;
  return { hive: match[1] as 'HKLM' | 'HKCU', subKey };
}

const hiveContext = { HKLM: 'system', HKCU: 'user' } as const satisfies Record<ParsedRegistryPath['hive'], Context>;

export function registryContext(location: RegistryLocation): Context {
  return hiveContext[parseRegistryPath(location.path)?.hive ?? 'HKLM'];
}

/** Rules for the path and name; messages say what to write instead. */
export function checkRegistryLocation(location: RegistryLocation, issue: StepIssue): void {
  const { path } = location;
  const longHive = /^(HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER)\\?/i.exec(path);
  if (longHive) {
    const short = longHive[1]!.toUpperCase() === 'HKEY_LOCAL_MACHINE' ? 'HKLM:\\' : 'HKCU:\\';
    issue(['path'], `registry path must start with HKLM:\\ or HKCU:\\; write '${short}${path.slice(longHive[0].length)}'`);
    return;
  }
  if (/^(HKLM|HKCU)\\/i.test(path) || /^(HKLM|HKCU):(?!\\)/i.test(path)) {
    issue(['path'], `registry path must start with HKLM:\\ or HKCU:\\ (hive, colon, backslash); got '${path}'`);
    return;
  }
  if (!/^(HKLM|HKCU):\\/.test(path)) {
    issue(['path'], `registry path must start with HKLM:\\ or HKCU:\\ (other hives are not supported); got '${path}'`);
    return;
  }
  if (path.endsWith('\\')) {
    issue(['path'], `registry path must not end with a backslash; write '${path.replace(/\\+$/, '')}'`);
    return;
  }
  if (!parseRegistryPath(path)) {
    issue(['path'], 'registry path has an empty or over-long key name (two backslashes in a row, or a name over 255 characters)');
    return;
  }
  if (/\\wow6432node(\\|$)/i.test(path)) {
    issue(['path'], "registry path names Wow6432Node; remove it and set view: 32, so the script reaches the 32-bit view on any host");
  }
  if (location.view === 32 && path.startsWith('HKCU:')) {
    issue(['view'], 'view: 32 applies to HKLM only; remove it for an HKCU path');
  }
}

/** Data every registry step hands to PowerShell. */
export function registryLocationData(location: RegistryLocation): {
  readonly Hive: string; readonly SubKey: string; readonly Name: string; readonly View: number; readonly RestartRequired: boolean;
} {
  const parsed = parseRegistryPath(location.path)!;
  return {
    Hive: parsed.hive,
    SubKey: parsed.subKey,
    Name: location.name,
    View: location.view ?? 64,
    RestartRequired: location.restartRequired ?? false,
  };
}

export function describeLocation(location: RegistryLocation): string {
  return `${location.path}\\${location.name} (${location.view ?? 64}-bit view)`;
}

/** Largest DWord. */
export const DWORD_MAX = 0xffffffff;

export function isDword(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= DWORD_MAX;
}
