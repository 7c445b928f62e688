import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseFacts } from '../engine/index.ts';
import { CORE_COMMANDS } from './core-commands.ts';
import { isWindowsPowerShellCommand } from './windows-powershell-5.1-commands.ts';
import { lintSubject, sortFindings } from './index.ts';
import type { LintFinding, LintRule } from './rule.ts';
import convertToJsonDepth from './rules/convertto-json-depth.ts';
import dotnetSurface from './rules/dotnet-surface.ts';
import explicitEncoding from './rules/explicit-encoding.ts';
import nativeCommands from './rules/native-commands.ts';
import no7OnlyParameters from './rules/no-7-only-parameters.ts';
import no7OnlySyntax from './rules/no-7-only-syntax.ts';
import noAliases from './rules/no-aliases.ts';
import noForbiddenCommands, { FORBIDDEN_COMMANDS } from './rules/no-forbidden-commands.ts';
import parseErrors from './rules/parse-errors.ts';
import tls12BeforeWebCall from './rules/tls12-before-web-call.ts';
import useBasicParsing from './rules/use-basic-parsing.ts';
import { definedFunctions, lineStarts, positionOf, resolveCommand, seamNames } from './support.ts';

/**
 * The bar for an admin's own step file (a script step's test or set half, a .ps1 beside the descriptor): the
 * rules remgen's own output passes that apply to a function (PowerShell's parser, no 7-only syntax or
 * parameters, no aliases, no Write-Host/Read-Host/Invoke-Expression/restarts, the 5.1 .NET surface, the 5.1
 * traps), and the step contract (`step-contract`): one function and nothing else, no exit anywhere, the
 * declared parameters, ShouldProcess in a set half, ASCII text the output gate keeps, and Windows reached only
 * through the seams and remgen runtime functions the generated script carries, or through commands the step
 * declares `unsimulated` (Windows PowerShell 5.1 commands only).
 */
export const STEP_FILE_RULES: readonly LintRule[] = [
  parseErrors, no7OnlySyntax, no7OnlyParameters, noAliases, noForbiddenCommands,
  dotnetSurface, nativeCommands, useBasicParsing, explicitEncoding, convertToJsonDepth, tls12BeforeWebCall,
];

export interface StepFileOptions {
  readonly half: 'test' | 'set';
  /** The step's parameter names: the function must declare each. */
  readonly parameters: readonly string[];
  /** Commands the step declares outside the seams. */
  readonly unsimulated: readonly string[];
  /** remgen runtime functions (seams and helpers) the generated script carries for this half. */
  readonly runtime: ReadonlySet<string>;
  /** The set half's runtime functions, for a test half that calls one (it may not). */
  readonly setOnly: ReadonlySet<string>;
}

export interface StepFileResult {
  readonly findings: LintFinding[];
  /** The function the file defines, when it defines exactly one. */
  readonly function?: { readonly name: string; readonly synopsis: string };
}

const CORE = new Set(CORE_COMMANDS.map((n) => n.toLowerCase()));
/** Reported by no-forbidden-commands already. */
const FORBIDDEN = new Set(Object.keys(FORBIDDEN_COMMANDS).map((n) => n.toLowerCase()));

let runtimeFunctions: Map<string, readonly string[]> | undefined;
/** The functions each templates/runtime/ file defines. */
export function runtimeFileFunctions(file: string): readonly string[] {
  runtimeFunctions ??= new Map();
  let names = runtimeFunctions.get(file);
  if (!names) {
    const text = readFileSync(fileURLToPath(new URL(`../../templates/runtime/${file}`, import.meta.url)), 'utf8');
    names = [...text.matchAll(/^function ([A-Za-z0-9-]+)/gm)].map((m) => m[1]!);
    runtimeFunctions.set(file, names);
  }
  return names;
}

type Found = Omit<LintFinding, 'file' | 'rule'>;

function textFindings(text: string): Found[] {
  const found: Found[] = [];
  const starts = lineStarts(text);
  const nonAscii = /[^\t\r\n\x20-\x7e]/g;
  for (const match of text.matchAll(nonAscii)) {
    const at = positionOf(starts, match.index);
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    found.push({ ...at, message: `character U+${code} is not ASCII: the generated script is 7-bit ASCII; write it with [char]0x${code} in code, or plain ASCII in text and comments` });
    if (found.length >= 20) break;
  }
  for (const match of text.matchAll(/[ \t]+(?=\r?\n|$)/g)) {
    if (match[0].length === 0) continue;
    found.push({ ...positionOf(starts, match.index), message: 'trailing whitespace: the generated script has none; remove it' });
  }
  const signature = /^# SIG # Begin signature block/m.exec(text);
  if (signature) found.push({ ...positionOf(starts, signature.index), message: 'the file carries an Authenticode signature: remgen signs the generated script as one file; remove the signature block' });
  return found;
}

function contractFindings(facts: ParseFacts, text: string, options: StepFileOptions): { found: Found[]; fn?: { name: string; synopsis: string } } {
  const found: Found[] = [];
  if (facts.errors.length > 0) return { found };
  const top = facts.topLevel;
  const definitions = top.filter((s) => s.kind === 'FunctionDefinition' || s.kind === 'FunctionDefinitionAst');
  for (const statement of top.filter((s) => !definitions.includes(s))) {
    found.push({ line: statement.line, column: 1, message: `'${statement.text.split(/\r?\n/)[0]!.slice(0, 50)}' is outside the function: a step file defines one function and nothing else; move it into the function` });
  }
  if (facts.requiresVersion !== null) found.push({ line: 1, column: 1, message: 'remove #Requires: the generated script declares Windows PowerShell 5.1 itself' });
  if (definitions.length !== 1) {
    found.push({ line: definitions[1]?.line ?? 1, column: 1, message: `a step file defines exactly one function (the ${options.half} half); this one defines ${definitions.length}` });
    if (definitions.length === 0) return { found };
  }
  const fn = facts.functions.find((f) => f.parent === null && f.line === definitions[0]!.line)!;
  if (!/^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$/.test(fn.name)) {
    found.push({ line: fn.line, column: fn.column, message: `function name '${fn.name}' is not Verb-Noun (Test-VolumeLevel): the generated script calls it by that name` });
  } else if (/^[A-Za-z]+-Rg/i.test(fn.name)) {
    found.push({ line: fn.line, column: fn.column, message: `function name '${fn.name}' uses remgen's own noun prefix Rg: choose a noun of your own (Test-ContosoVolume)` });
  }
  const declared = new Set(fn.parameters.map((p) => p.toLowerCase()));
  if (!declared.has('step')) found.push({ line: fn.line, column: fn.column, message: `${fn.name} declares no -Step parameter: give it param([System.Collections.IDictionary]$Step, ...), the step's row` });
  for (const name of options.parameters) {
    if (!declared.has(name.toLowerCase())) found.push({ line: fn.line, column: fn.column, message: `${fn.name} declares no parameter $${name}, which the descriptor passes: add it to its param block (with its type, e.g. [int]$${name})` });
  }
  for (const exit of facts.exits) {
    found.push({ line: exit.line, column: exit.column, message: 'exit in a step function ends the whole script with a code Intune misreads: return a result from New-RgStepResult (test) or throw (set); the generated script owns the exit code' });
  }
  const starts = lineStarts(text);
  const body = text.slice(starts[fn.line - 1] ?? 0, starts[fn.endLine] ?? text.length);
  if (options.half === 'set') {
    if (!/SupportsShouldProcess\s*=\s*\$true/i.test(body)) found.push({ line: fn.line, column: fn.column, message: `${fn.name} is a set half: declare [CmdletBinding(SupportsShouldProcess = $true)], so -WhatIf and -Confirm reach it` });
    if (!/\$PSCmdlet\.ShouldProcess\(/i.test(body)) found.push({ line: fn.line, column: fn.column, message: `${fn.name} is a set half: make each change inside if ($PSCmdlet.ShouldProcess(<target>, <action>)) { ... }` });
  }
  const defined = definedFunctions(facts);
  const seams = new Set(seamNames().map((n) => n.toLowerCase()));
  const unsimulated = new Set(options.unsimulated.map((n) => n.toLowerCase()));
  const runtime = new Set([...options.runtime].map((n) => n.toLowerCase()));
  const setOnly = new Set([...options.setOnly].map((n) => n.toLowerCase()));
  for (const command of facts.commands) {
    if (!command.name) {
      found.push({ line: command.line, column: command.column, message: 'a dynamic call (& $command) cannot be checked: call the command by name' });
      continue;
    }
    const resolved = resolveCommand(command, defined);
    if (!resolved || resolved.defined || resolved.alias) continue;
    const name = resolved.name.toLowerCase();
    if (CORE.has(name) || runtime.has(name) || FORBIDDEN.has(name)) continue;
    if (setOnly.has(name)) {
      found.push({ line: command.line, column: command.column, message: `${resolved.name} changes the device: a test half only reads; call it from the set half` });
      continue;
    }
    if (unsimulated.has(name)) {
      if (!isWindowsPowerShellCommand(resolved.name)) {
        found.push({ line: command.line, column: command.column, message: `${resolved.name} is declared unsimulated but is no Windows PowerShell 5.1 command (generator/lint/data/windows-powershell-5.1.json): a device may not have it` });
      }
      continue;
    }
    if (seams.has(name)) {
      found.push({ line: command.line, column: command.column, message: `${resolved.name} is a remgen seam this script step does not carry: use the registry, file, service and process seams (see ARCHITECTURE.md, Seams)` });
      continue;
    }
    const native = /[\\/]|\.(exe|com|cmd|bat|ps1)$/i.test(resolved.name);
    found.push({
      line: command.line,
      column: command.column,
      message: native
        ? `'${resolved.written}' runs a program directly: call it through Invoke-RgNativeCommand -FilePath ... -ArgumentList @(...) (output decoded, stderr logged, timeout, simulated)`
        : `${resolved.name} is outside remgen's seams, so the simulator cannot run it: reach Windows through a seam (Get-RgRegistryData, Get-RgFileItem, Get-RgService, Get-RgUtcNow, ...), or declare it on the step with unsimulated: ['${resolved.name}'] (the step is then reported as not simulated)`,
    });
  }
  return { found, ...(definitions.length === 1 ? { fn: { name: fn.name, synopsis: fn.synopsis ?? '' } } : {}) };
}

/** Lints one admin step file, already parsed: every finding at its line and column in that file. */
export async function lintStepFile(file: string, text: string, facts: ParseFacts, options: StepFileOptions): Promise<StepFileResult> {
  const findings = await lintSubject({ file, text, facts, kind: 'script' }, { rules: STEP_FILE_RULES });
  const contract = contractFindings(facts, text, options);
  for (const f of [...textFindings(text), ...contract.found]) findings.push({ file, rule: 'step-contract', ...f });
  return { findings: sortFindings(findings), ...(contract.fn ? { function: contract.fn } : {}) };
}
