/**
 * Checks the project's Windows PowerShell 5.1 lists against the 5.1 compatibility profile: by default the
 * project's own extract, generator/lint/data/windows-powershell-5.1.json (what it keeps: scripts/ps51-profile.ts),
 * or the full profile named with --profile (then also that the extract is what the full profile gives):
 *
 *   generator/lint/windows-powershell-5.1-allowlist.ts  every command in its module, every parameter with the same type
 *   generator/lint/windows-powershell-5.1-aliases.ts    exactly the profile's aliases
 *   generator/lint/core-commands.ts                      every name a Microsoft.PowerShell.Core command
 *   generator/lint/native-commands.ts                    every program in the profile's native commands, or a reason
 *   generator/lint/rules/no-7-only-parameters.ts         no "7-only" parameter is a 5.1 parameter
 *
 * Usage: npm run check:allowlist [-- --profile FULL.json]   (or REMGEN_PS51_PROFILE=FULL.json); exit 0 when all
 * agree, 1 with one line per disagreement, or when the profile file is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_COMMANDS } from '../generator/lint/core-commands.ts';
import { NATIVE_COMMANDS } from '../generator/lint/native-commands.ts';
import { SEVEN_ONLY_COMMON_PARAMETERS, SEVEN_ONLY_PARAMETERS } from '../generator/lint/rules/no-7-only-parameters.ts';
import { WINDOWS_POWERSHELL_51_ALIASES } from '../generator/lint/windows-powershell-5.1-aliases.ts';
import { COMMON_PARAMETERS, SUPPORTED_WINDOWS, WINDOWS_POWERSHELL_51_ALLOWLIST } from '../generator/lint/windows-powershell-5.1-allowlist.ts';
import { EXTRACT } from './extract-ps51-profile.ts';
import { extractText, profileCommands, type Ps51Profile } from './ps51-profile.ts';

export const DEFAULT_PROFILE = EXTRACT;

type Profile = Pick<Ps51Profile, 'modules' | 'nativeCommands' | 'extract'>;

interface ProfileCommand {
  readonly module: string;
  readonly parameters?: Record<string, string>;
}

const REGENERATE = 'regenerate the extract with npm run profile:extract -- --profile FULL.json';

/** Every disagreement between the project's lists and the profile, one message each. */
export function checkAgainstProfile(profile: Profile): { problems: string[]; counts: Record<string, number> } {
  const problems: string[] = [];
  const commands: Map<string, ProfileCommand[]> = profileCommands(profile);
  const aliases = new Map<string, string>();
  for (const body of Object.values(profile.modules)) for (const [alias, target] of Object.entries(body.aliases ?? {})) aliases.set(alias, target);
  const parameterOf = (command: ProfileCommand, name: string): [string, string] | undefined =>
    Object.entries(command.parameters ?? {}).find(([p]) => p.toLowerCase() === name.toLowerCase());

  // The command allowlist.
  let parameterCount = 0;
  const allowlist = 'windows-powershell-5.1-allowlist.ts';
  for (const [name, entry] of Object.entries(WINDOWS_POWERSHELL_51_ALLOWLIST)) {
    const found = commands.get(name.toLowerCase());
    if (!found) {
      problems.push(`${allowlist}: ${name} is not a command of Windows PowerShell 5.1`);
      continue;
    }
    const inModule = found.find((c) => c.module === entry.module);
    if (!inModule) {
      problems.push(`${allowlist}: ${name} is in module ${found.map((c) => c.module).join(', ')}, not ${entry.module}`);
      continue;
    }
    if (!inModule.parameters) {
      problems.push(`${allowlist}: ${name} is a 5.1 command, but the profile extract does not carry its parameters: ${REGENERATE}`);
      continue;
    }
    for (const [parameter, type] of Object.entries(entry.parameters)) {
      parameterCount++;
      if (COMMON_PARAMETERS.some((c) => c.toLowerCase() === parameter.toLowerCase())) {
        problems.push(`${allowlist}: ${name} -${parameter} is a common parameter; drop it from the entry`);
        continue;
      }
      const actual = parameterOf(inModule, parameter);
      if (!actual) problems.push(`${allowlist}: ${name} has no parameter -${parameter} in Windows PowerShell 5.1`);
      else if (actual[0] !== parameter) problems.push(`${allowlist}: ${name} -${parameter} is spelt -${actual[0]} in Windows PowerShell 5.1`);
      else if (actual[1] !== type) problems.push(`${allowlist}: ${name} -${parameter} is ${actual[1]} in Windows PowerShell 5.1, not ${type}`);
    }
    if (entry.minBuild && entry.minBuild.build <= SUPPORTED_WINDOWS.build) {
      problems.push(`${allowlist}: ${name} minBuild ${entry.minBuild.build} is not newer than the oldest supported build ${SUPPORTED_WINDOWS.build}; drop it`);
    }
  }

  // Aliases: the same table.
  const ours = new Map(Object.entries(WINDOWS_POWERSHELL_51_ALIASES));
  for (const [alias, target] of aliases) {
    if (!ours.has(alias)) problems.push(`windows-powershell-5.1-aliases.ts: alias '${alias}' (${target}) is missing`);
    else if (ours.get(alias) !== target) problems.push(`windows-powershell-5.1-aliases.ts: alias '${alias}' is ${target} in the profile, not ${ours.get(alias)}`);
  }
  for (const alias of ours.keys()) if (!aliases.has(alias)) problems.push(`windows-powershell-5.1-aliases.ts: '${alias}' is not an alias of Windows PowerShell 5.1`);

  // Core commands.
  const coreModule = profile.modules['Microsoft.PowerShell.Core'];
  const core = new Set([...Object.keys(coreModule?.commands ?? {}), ...Object.keys(coreModule?.otherCommands ?? {})]);
  for (const name of CORE_COMMANDS) if (!core.has(name)) problems.push(`core-commands.ts: ${name} is not a Microsoft.PowerShell.Core command of Windows PowerShell 5.1`);

  // Native programs.
  const native = new Set(profile.nativeCommands.map((n) => n.toLowerCase()));
  for (const program of NATIVE_COMMANDS) {
    const listed = native.has(program.name.toLowerCase());
    if (!listed && !program.reason) problems.push(`native-commands.ts: ${program.name} is not a native command of the Windows PowerShell 5.1 profile: give the reason it is allowed, or remove it`);
    if (listed && program.reason) problems.push(`native-commands.ts: ${program.name} is in the profile's native commands; drop its reason`);
  }

  // 7-only parameters: none may be a 5.1 parameter of that command.
  let sevenOnlyCount = 0;
  for (const [name, parameters] of Object.entries(SEVEN_ONLY_PARAMETERS)) {
    const found = commands.get(name.toLowerCase());
    if (!found) {
      problems.push(`no-7-only-parameters.ts: ${name} is not a command of Windows PowerShell 5.1 (the allowlist rule already rejects it)`);
      continue;
    }
    if (found.every((c) => !c.parameters)) problems.push(`no-7-only-parameters.ts: the profile extract does not carry the parameters of ${name}: ${REGENERATE}`);
    for (const parameter of parameters) {
      sevenOnlyCount++;
      const in51 = found.find((c) => parameterOf(c, parameter));
      if (in51) problems.push(`no-7-only-parameters.ts: ${name} -${parameter} exists in Windows PowerShell 5.1 (${in51.module}); it is not 7-only`);
      const allowed = Object.entries(WINDOWS_POWERSHELL_51_ALLOWLIST).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      if (allowed && Object.keys(allowed.parameters).some((p) => p.toLowerCase() === parameter.toLowerCase())) {
        problems.push(`${allowlist}: ${name} -${parameter} is allowlisted and listed as 7-only`);
      }
    }
  }
  for (const parameter of SEVEN_ONLY_COMMON_PARAMETERS) {
    const hits = new Set<string>();
    for (const [name, found] of commands) if (found.some((c) => parameterOf(c, parameter))) hits.add(name);
    if (profile.extract) {
      // The extract leaves out the other commands' parameters; it recorded where a scanned one occurs.
      if (!profile.extract.scannedCommonParameters.some((p) => p.toLowerCase() === parameter.toLowerCase())) {
        problems.push(`no-7-only-parameters.ts: the profile extract was not scanned for -${parameter}: ${REGENERATE}`);
      }
      for (const hit of profile.extract.commonParameterHits) if (hit.parameter.toLowerCase() === parameter.toLowerCase()) hits.add(hit.command.toLowerCase());
    }
    for (const name of [...hits].sort()) problems.push(`no-7-only-parameters.ts: -${parameter} is a parameter of ${name} in Windows PowerShell 5.1`);
  }
  return {
    problems,
    counts: {
      commands: Object.keys(WINDOWS_POWERSHELL_51_ALLOWLIST).length,
      parameters: parameterCount,
      aliases: ours.size,
      core: CORE_COMMANDS.length,
      native: NATIVE_COMMANDS.length,
      sevenOnly: sevenOnlyCount + SEVEN_ONLY_COMMON_PARAMETERS.length,
    },
  };
}

function main(argv: readonly string[]): number {
  const at = argv.indexOf('--profile');
  const path = resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : process.env.REMGEN_PS51_PROFILE || DEFAULT_PROFILE);
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    process.stderr.write(
      `check-allowlist: ${shown} is missing (looked for ${path}). It is the Windows PowerShell 5.1 compatibility profile ` +
        "(PSScriptAnalyzer's); the project carries its extract as generator/lint/data/windows-powershell-5.1.json. " +
        'Name the full profile with --profile PATH or REMGEN_PS51_PROFILE, or leave both out to check against the extract.\n',
    );
    return 1;
  }
  let profile: Profile;
  try {
    profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
    if (!profile.modules || !Array.isArray(profile.nativeCommands)) throw new Error('no modules or nativeCommands');
  } catch (error) {
    process.stderr.write(`check-allowlist: ${shown} is not a Windows PowerShell 5.1 profile: ${(error as Error).message}\n`);
    return 1;
  }
  const { problems, counts } = checkAgainstProfile(profile);
  const full = !profile.extract;
  if (full) {
    // The project's extract must be exactly what this full profile gives for today's lists.
    const current = existsSync(EXTRACT) ? readFileSync(EXTRACT, 'utf8') : '';
    if (current !== extractText(profile)) problems.push(`${relative(process.cwd(), EXTRACT)} is not the extract of ${shown} for today's lists: ${REGENERATE}`);
  }
  for (const problem of problems) process.stderr.write(`check-allowlist: ${problem}\n`);
  if (problems.length > 0) {
    process.stderr.write(`check-allowlist: ${problems.length} disagreement(s) with ${shown}\n`);
    return 1;
  }
  process.stdout.write(
    `check-allowlist: ${counts.commands} commands with ${counts.parameters} parameters, ${counts.aliases} aliases, ${counts.core} Core commands, ` +
      `${counts.native} native programs and ${counts.sevenOnly} 7-only parameters agree with ${shown}` +
      (full ? ` (the full profile); the project's extract ${relative(process.cwd(), EXTRACT)} is up to date\n` : ` (the project's extract of the full profile)\n`),
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
