import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * On-demand builds of the project's small .NET programs (the engine host, the 5.1 surface program): built
 * into a git-ignored folder under .tools/ the first time, and again only when the SHA-256 of their sources
 * (.cs, .csproj, .props) changes. Restore is part of the build.
 */

export class EngineUnavailableError extends Error {}

export interface DotnetProgram {
  /** Folder with the .csproj and its sources. */
  readonly sourceDir: string;
  readonly project: string;
  /** Build folder (its Directory.Build.props puts obj/ and bin/ there). */
  readonly toolsDir: string;
  /** Files that must exist for the build to count as current (the program's DLL, and anything copied beside it). */
  readonly outputs: readonly string[];
  /** What it is, for the progress line. */
  readonly title: string;
  /** Why it needs .NET, for the error when dotnet is missing. */
  readonly needs: string;
}

export interface DotnetBuild {
  readonly built: boolean;
  readonly ms: number;
}

export const DOTNET_ENV: NodeJS.ProcessEnv = { DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' };

function sourceHash(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((n) => /\.(cs|csproj|props)$/.test(n)).sort()) {
    hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  }
  return hash.digest('hex');
}

/** Builds the program when its sources changed since the last build; else does nothing. */
export function ensureDotnetBuilt(program: DotnetProgram, log: (line: string) => void = () => {}): DotnetBuild {
  const started = Date.now();
  const stamp = join(program.toolsDir, 'sources.sha256');
  const hash = sourceHash(program.sourceDir);
  const current = program.outputs.every((file) => existsSync(file)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (current) return { built: false, ms: Date.now() - started };
  const probe = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new EngineUnavailableError(`${program.needs}, which needs the .NET 10 SDK ('dotnet' on PATH; https://dot.net). Install it and run again.`);
  }
  log(`building ${program.title} into ${program.toolsDir} ...`);
  mkdirSync(program.toolsDir, { recursive: true });
  const build = spawnSync('dotnet', ['build', join(program.sourceDir, program.project), '-c', 'Release', '-nologo', '-v', 'q', '-clp:NoSummary'], {
    encoding: 'utf8',
    env: { ...process.env, ...DOTNET_ENV },
  });
  if (build.status !== 0) {
    throw new EngineUnavailableError(`building ${program.title} failed (dotnet build exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
  writeFileSync(stamp, hash);
  return { built: true, ms: Date.now() - started };
}
