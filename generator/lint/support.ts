import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandFact, ParseFacts } from '../engine/index.ts';
import { WINDOWS_POWERSHELL_51_ALIASES } from './windows-powershell-5.1-aliases.ts';

/** What the rules share: how a command call resolves, where it sits, and positions in the text. */

/** The simulation harness; its `$RgSimSeams` list is the one source of the seam function names. */
export const SEAM_SOURCE = fileURLToPath(new URL('../engine/Invoke-RgSimulation.ps1', import.meta.url));

let seams: readonly string[] | undefined;

/** The seam function names, read from `$RgSimSeams = @('...', ...)` in generator/engine/Invoke-RgSimulation.ps1. */
export function seamNames(): readonly string[] {
  if (seams) return seams;
  const text = readFileSync(SEAM_SOURCE, 'utf8');
  // The list, and any `$RgSimSeams += @('...')` lines after it (a room's new seams appended on a line of their own).
  const lists = [...text.matchAll(/^\$RgSimSeams\s*\+?=\s*@\(([^)]*)\)/gm)];
  const names = lists.flatMap((list) => [...list[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!));
  if (names.length === 0) throw new Error(`${SEAM_SOURCE}: no $RgSimSeams = @('...') list of seam function names`);
  seams = names;
  return seams;
}

const ALIASES = new Map(Object.entries(WINDOWS_POWERSHELL_51_ALIASES).map(([alias, target]) => [alias.toLowerCase(), target]));

/** The command an alias of Windows PowerShell 5.1 stands for. */
export function aliasTarget(name: string): string | undefined {
  return ALIASES.get(name.toLowerCase());
}

const SCOPE = /^(?:global|script|local|private):/i;

/** Names (lower case, no scope prefix) of every function the script defines, at any depth. */
export function definedFunctions(facts: ParseFacts): ReadonlySet<string> {
  return new Set(facts.functions.map((f) => f.name.replace(SCOPE, '').toLowerCase()));
}

export interface ResolvedCommand {
  /** As written, e.g. `Microsoft.PowerShell.Core\Where-Object` or `%`. */
  readonly written: string;
  /** The module qualifier, when written `Module\Command`. */
  readonly module?: string;
  /** The command name without qualifier, alias resolved. */
  readonly name: string;
  /** The alias written, when the call used one. */
  readonly alias?: string;
  /** A function the script defines itself (which PowerShell prefers over a cmdlet of the same name). */
  readonly defined: boolean;
}

/** How PowerShell resolves a call's name, statically; undefined for a dynamic call (`& $command`). */
export function resolveCommand(command: CommandFact, defined: ReadonlySet<string>): ResolvedCommand | undefined {
  const written = command.name;
  if (!written) return undefined;
  const slash = written.lastIndexOf('\\');
  const qualified = slash > 0 && !/[:.]\\/.test(written.slice(0, slash + 1)) && !written.includes('/');
  const module = qualified ? written.slice(0, slash) : undefined;
  const bare = qualified ? written.slice(slash + 1) : written;
  if (!qualified && defined.has(bare.toLowerCase())) return { written, name: bare, defined: true };
  const target = qualified ? undefined : aliasTarget(bare);
  if (target) return { written, name: target, alias: bare, defined: defined.has(target.toLowerCase()) };
  return { written, ...(module ? { module } : {}), name: bare, defined: false };
}

/** Whether a call sits inside a seam function (or a function nested in one). */
export function insideSeam(command: CommandFact, facts: ParseFacts): boolean {
  const seamSet = new Set(seamNames().map((n) => n.toLowerCase()));
  const parents = new Map(facts.functions.map((f) => [f.name.replace(SCOPE, '').toLowerCase(), f.parent]));
  const seen = new Set<string>();
  for (let name = command.function; name; ) {
    const key = name.replace(SCOPE, '').toLowerCase();
    if (seamSet.has(key)) return true;
    if (seen.has(key)) break;
    seen.add(key);
    name = parents.get(key) ?? null;
  }
  return false;
}

/** The named parameter of a call, written in full (case-insensitive). */
export function namedParameter(command: CommandFact, name: string): CommandFact['parameters'][number] | undefined {
  const wanted = name.toLowerCase();
  return command.parameters.find((p) => p.name.toLowerCase() === wanted);
}

/** Whether the call names the parameter, in full or as a prefix PowerShell would expand (3 characters at least). */
export function hasParameter(command: CommandFact, name: string): boolean {
  const wanted = name.toLowerCase();
  return command.parameters.some((p) => {
    const written = p.name.toLowerCase();
    return written === wanted || (written.length >= 3 && wanted.startsWith(written));
  });
}

/** The value of a constant positional argument as written (`'x'`, `"x"` without `$` or backtick, or bare). */
export function constantText(text: string): string | undefined {
  if (/^'(?:[^']|'')*'$/.test(text)) return text.slice(1, -1).replaceAll("''", "'");
  if (/^"[^"$`]*"$/.test(text)) return text.slice(1, -1);
  if (/^[^\s'"$`@(){}[\];,|&<>#]+$/.test(text)) return text;
  return undefined;
}

/** Offsets of every line start (lines are 1-based: the first entry is line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Line and column (1-based) of an offset. */
export function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** Text order of two positions. */
export function before(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/**
 * The functions a script step brought into a generated script, with the commands outside the seams each
 * step declared (`unsimulated`): read off the marker line the render stage writes above each
 * (`# remgen script step function <Name> (<file>) of steps <ids>, checked at build time; unsimulated: A, B`). Lower case.
 */
export const SCRIPT_STEP_MARKER = /^# remgen script step function ([A-Za-z]+-[A-Za-z0-9]+) \(.*\) of steps ([a-z0-9, -]+), checked at build time; unsimulated:(.*?)\r?$/gm;

export function scriptStepFunctions(text: string): ReadonlyMap<string, ReadonlySet<string>> {
  const found = new Map<string, Set<string>>();
  for (const match of text.matchAll(SCRIPT_STEP_MARKER)) {
    const names = match[3]!.split(',').map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0);
    found.set(match[1]!.toLowerCase(), new Set(names));
  }
  return found;
}

/** Whether a call sits in a script step's function that declared the command unsimulated. */
export function declaredUnsimulated(command: CommandFact, name: string, declared: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (!command.function) return false;
  return declared.get(command.function.replace(SCOPE, '').toLowerCase())?.has(name.toLowerCase()) ?? false;
}
