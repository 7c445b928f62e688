import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Pester the runner restores from NuGet when none is installed. */
export const PINNED_PESTER = '5.7.1';

/** The PowerShell a run uses, and how it was found. */
export interface PowerShell {
  /** Executable to start (with `prefix` before the script's arguments). */
  readonly command: string;
  readonly prefix: readonly string[];
  /** `path` (pwsh or powershell.exe on PATH), `tool` (the pinned local dotnet tool), `given`. */
  readonly source: 'path' | 'tool' | 'given';
  /** Working directory to start it in (the tool manifest's folder for `dotnet tool run`). */
  readonly cwd?: string;
}

export interface SetupOptions {
  /**
   * The folder whose `.config/dotnet-tools.json` pins PowerShell (and whose `.tools/pester/` caches
   * Pester). Default: the nearest folder above this package that has such a manifest.
   */
  readonly root?: string;
  /** A PowerShell executable to use instead of looking (also `PESTER_TS_POWERSHELL`). */
  readonly powershell?: string;
  /** Skip PATH and use the pinned local tool. */
  readonly pinnedPowerShell?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The nearest folder at or above `from` with `.config/dotnet-tools.json`. */
export function findRoot(from: string = here): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.config', 'dotnet-tools.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`pester-ts-runner: no .config/dotnet-tools.json at or above ${from}; pass options.root`);
  }
}

/** A program on PATH (with PATHEXT on Windows), without starting a process. */
export function onPath(name: string): string | undefined {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';').map((e) => e.toLowerCase()) : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const full = join(dir, name.endsWith('.exe') || ext === '' ? name : `${name}${ext}`);
      if (existsSync(full)) return full;
    }
  }
  return undefined;
}

/** Where `dotnet tool restore` may have put local tools: NUGET_PACKAGES (when set) and ~/.nuget/packages. */
export function nugetPackages(): string[] {
  return [...new Set([process.env.NUGET_PACKAGES, join(homedir(), '.nuget', 'packages')].filter((d): d is string => Boolean(d)))];
}

/** The PowerShell version the manifest pins (`powershell` tool). */
export function pinnedPowerShellVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(join(root, '.config', 'dotnet-tools.json'), 'utf8')) as { tools?: Record<string, { version?: string }> };
  const version = manifest.tools?.powershell?.version;
  if (!version) throw new Error(`pester-ts-runner: ${join(root, '.config', 'dotnet-tools.json')} pins no 'powershell' tool`);
  return version;
}

const failure = (what: string, error: unknown): Error => {
  const e = error as { stderr?: string; stdout?: string; message?: string; code?: string };
  const detail = (e.stderr || e.stdout || e.message || String(error)).trim().split('\n').slice(-5).join('\n');
  const hint = e.code === 'ENOENT' ? ' (install the .NET SDK: dotnet on PATH)' : '';
  return new Error(`pester-ts-runner: ${what} failed${hint}: ${detail}`);
};

/**
 * pwsh or powershell.exe on PATH; else the manifest's pinned PowerShell tool (7.6.10: 7.7.0 does not run
 * here; docs/reference/pester.md, "What the NuGet copy serves"), restored with
 * `dotnet tool restore` on first use, started directly (its apphost) when it is where NuGet puts it.
 */
export async function findPowerShell(options: SetupOptions = {}): Promise<PowerShell> {
  const early = givenOrOnPath(options);
  if (early) return early;
  const root = options.root ?? findRoot();
  const version = pinnedPowerShellVersion(root);
  if (!pinnedApphost(version)) {
    try {
      await run('dotnet', ['tool', 'restore'], { cwd: root, timeout: 600_000 });
    } catch (error) {
      throw failure(`'dotnet tool restore' in ${root} (PowerShell ${version})`, error);
    }
  }
  return pinnedTool(root, version);
}

/**
 * {@link findPowerShell} for callers that cannot wait on a promise (an engine chosen on first use): the
 * same order, with `dotnet tool restore` run synchronously when the pinned tool is not there yet.
 */
export function findPowerShellSync(options: SetupOptions = {}): PowerShell {
  const early = givenOrOnPath(options);
  if (early) return early;
  const root = options.root ?? findRoot();
  const version = pinnedPowerShellVersion(root);
  if (!pinnedApphost(version)) {
    const restore = spawnSync('dotnet', ['tool', 'restore'], { cwd: root, timeout: 600_000, encoding: 'utf8' });
    if (restore.error || restore.status !== 0) {
      throw failure(`'dotnet tool restore' in ${root} (PowerShell ${version})`, restore.error ?? { stderr: restore.stderr, stdout: restore.stdout });
    }
  }
  return pinnedTool(root, version);
}

function givenOrOnPath(options: SetupOptions): PowerShell | undefined {
  const given = options.powershell ?? process.env.PESTER_TS_POWERSHELL;
  if (given) return { command: given, prefix: [], source: 'given' };
  if (options.pinnedPowerShell) return undefined;
  const found = onPath('pwsh') ?? (process.platform === 'win32' ? onPath('powershell.exe') : undefined);
  return found ? { command: found, prefix: [], source: 'path' } : undefined;
}

/** The pinned tool's own executable, where `dotnet tool restore` puts it, when it is there. */
function pinnedApphost(version: string): string | undefined {
  return nugetPackages()
    .map((packages) => {
      const toolDir = join(packages, 'powershell', version, 'tools', 'net10.0', 'any');
      return process.platform === 'win32' ? join(toolDir, 'win', 'pwsh.exe') : join(toolDir, 'unix', 'pwsh');
    })
    .find((p) => existsSync(p));
}

function pinnedTool(root: string, version: string): PowerShell {
  const apphost = pinnedApphost(version);
  if (apphost) return { command: apphost, prefix: [], source: 'tool' };
  return { command: 'dotnet', prefix: ['tool', 'run', 'pwsh', '--'], source: 'tool', cwd: root };
}

/**
 * The pinned Pester module file (`Pester.psd1` of the NuGet package), restored on first use into
 * `<root>/.tools/pester/` with a PackageDownload project.
 */
export async function ensurePester(options: SetupOptions & { readonly version?: string } = {}): Promise<string> {
  const root = options.root ?? findRoot();
  const version = options.version ?? PINNED_PESTER;
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`pester-ts-runner: Pester version '${version}' is not MAJOR.MINOR.PATCH`);
  const cache = join(root, '.tools', 'pester');
  const module = join(cache, 'packages', 'pester', version, 'tools', 'Pester.psd1');
  if (existsSync(module)) return module;
  const project = join(cache, `restore-${version}`);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'pester.csproj'), [
    '<Project Sdk="Microsoft.NET.Sdk">',
    '  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>',
    `  <ItemGroup><PackageDownload Include="Pester" Version="[${version}]" /></ItemGroup>`,
    '</Project>',
    '',
  ].join('\n'));
  try {
    await run('dotnet', ['restore', join(project, 'pester.csproj'), '--packages', join(cache, 'packages'), '-v', 'q'], { cwd: project, timeout: 600_000 });
  } catch (error) {
    throw failure(`restoring Pester ${version} from NuGet`, error);
  }
  if (!existsSync(module)) throw new Error(`pester-ts-runner: Pester ${version} restored, but ${module} is missing`);
  return module;
}
