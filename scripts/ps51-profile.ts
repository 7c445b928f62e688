/**
 * The Windows PowerShell 5.1 compatibility profile (PSScriptAnalyzer's win-48_x64_10.0.17763.0 profile:
 * Windows 10 Pro 1809, Windows PowerShell 5.1.17763.134; Copyright (c) Microsoft Corporation, MIT License,
 * generator/lint/data/windows-powershell-5.1.LICENSE) and the project's extract of it.
 *
 * The full profile (about 730 KB) is not part of the project. The extract,
 * generator/lint/data/windows-powershell-5.1.json, keeps only what the project's checks read:
 * - every command's name and module (so "not a 5.1 command" and "in another module" can be told apart);
 * - every parameter with its .NET type, but only for the commands the project's lists name
 *   (the allowlist, the 7-only parameter list, the Core list);
 * - for every other command its name and kind only (`otherCommands`), and where one has a parameter named in
 *   SEVEN_ONLY_COMMON_PARAMETERS, that fact (`extract.commonParameterHits`), so "no 5.1 command has
 *   -ProgressAction" is still checked over all of them;
 * - all aliases, the native commands on PATH and the type accelerators.
 *
 * `npm run profile:extract -- --profile FULL.json` rewrites the extract; `npm run check:allowlist -- --profile
 * FULL.json` checks the lists against the full profile and that the extract is what this function makes of it.
 */
import { CORE_COMMANDS } from '../generator/lint/core-commands.ts';
import { SEVEN_ONLY_COMMON_PARAMETERS, SEVEN_ONLY_PARAMETERS } from '../generator/lint/rules/no-7-only-parameters.ts';
import { WINDOWS_POWERSHELL_51_ALLOWLIST } from '../generator/lint/windows-powershell-5.1-allowlist.ts';

export interface ProfileCommand {
  readonly kind: string;
  readonly parameters: Record<string, string>;
}

/** A module's commands: with parameters (the full profile; in the extract, the named commands), or by name only. */
export interface ProfileModule {
  readonly version?: string;
  readonly commands?: Record<string, ProfileCommand>;
  /** Extract only: the other commands, name -> kind, their parameters left out but for scannedCommonParameters. */
  readonly otherCommands?: Record<string, string>;
  readonly aliases?: Record<string, string>;
}

export interface Ps51Profile {
  readonly source?: string;
  readonly platform?: unknown;
  readonly modules: Record<string, ProfileModule>;
  readonly nativeCommands: readonly string[];
  readonly typeAccelerators?: Record<string, { Type: string; Assembly: string }>;
  /** Set in the extract only. */
  readonly extract?: {
    readonly of: string;
    readonly scannedCommonParameters: readonly string[];
    /** Where a scanned parameter is a parameter of an "other" command (none, when the lists are right). */
    readonly commonParameterHits: readonly { readonly module: string; readonly command: string; readonly parameter: string }[];
  };
}

/** The command names whose parameters the project's checks read. */
export function namedCommands(): Set<string> {
  return new Set([...Object.keys(WINDOWS_POWERSHELL_51_ALLOWLIST), ...Object.keys(SEVEN_ONLY_PARAMETERS), ...CORE_COMMANDS].map((n) => n.toLowerCase()));
}

function sortedObject<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The extract of a full profile: deterministic (keys sorted), so a stale extract shows as a difference. */
export function extractProfile(full: Ps51Profile): Ps51Profile {
  const named = namedCommands();
  const common = new Set(SEVEN_ONLY_COMMON_PARAMETERS.map((p) => p.toLowerCase()));
  const hits: { module: string; command: string; parameter: string }[] = [];
  const modules = sortedObject(
    Object.entries(full.modules).map(([module, body]): [string, ProfileModule] => {
      const commands: [string, ProfileCommand][] = [];
      const others: [string, string][] = [];
      for (const [name, command] of Object.entries(body.commands ?? {})) {
        if (named.has(name.toLowerCase())) commands.push([name, { kind: command.kind, parameters: sortedObject(Object.entries(command.parameters)) }]);
        else {
          others.push([name, command.kind]);
          for (const parameter of Object.keys(command.parameters)) if (common.has(parameter.toLowerCase())) hits.push({ module, command: name, parameter });
        }
      }
      return [module, {
        ...(body.version ? { version: body.version } : {}),
        commands: sortedObject(commands),
        otherCommands: sortedObject(others),
        aliases: sortedObject(Object.entries(body.aliases ?? {})),
      }];
    }),
  );
  return {
    source: full.source,
    platform: full.platform,
    extract: {
      of: 'the full profile; regenerate with npm run profile:extract -- --profile FULL.json',
      scannedCommonParameters: [...SEVEN_ONLY_COMMON_PARAMETERS],
      commonParameterHits: hits,
    },
    modules,
    nativeCommands: [...full.nativeCommands],
    typeAccelerators: sortedObject(Object.entries(full.typeAccelerators ?? {})),
  };
}

/** The extract as the project stores it: JSON with one module, alias table or list per line, LF, one final newline. */
export function extractText(full: Ps51Profile): string {
  const extract = extractProfile(full);
  const lines = Object.entries(extract).map(([key, value]) => {
    if (key !== 'modules') return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const modules = Object.entries(value as Record<string, ProfileModule>).map(([name, body]) => `    ${JSON.stringify(name)}: ${JSON.stringify(body)}`);
    return `  "modules": {\n${modules.join(',\n')}\n  }`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Every command of a profile, full or extract, by lower-case name: its module, and its parameters when the profile
 * has them (undefined for an extract's other commands).
 */
export function profileCommands(profile: Ps51Profile): Map<string, { module: string; name: string; parameters?: Record<string, string> }[]> {
  const commands = new Map<string, { module: string; name: string; parameters?: Record<string, string> }[]>();
  const add = (key: string, entry: { module: string; name: string; parameters?: Record<string, string> }) => commands.set(key, [...(commands.get(key) ?? []), entry]);
  for (const [module, body] of Object.entries(profile.modules)) {
    for (const [name, command] of Object.entries(body.commands ?? {})) add(name.toLowerCase(), { module, name, parameters: command.parameters });
    for (const name of Object.keys(body.otherCommands ?? {})) add(name.toLowerCase(), { module, name });
  }
  return commands;
}
