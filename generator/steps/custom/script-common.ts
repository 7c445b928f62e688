import type { StepBase } from '../../model/step.ts';
import type { PsValue } from '../../render/escape.ts';
import type { StepContext, StepIssue } from '../room.ts';

/** A typed parameter's value: reaches the admin's function as escaped data, never as code. */
export type ScriptParameterValue = string | number | boolean | readonly string[];

/** What the script step kinds share. */
export interface ScriptStepProps extends StepBase {
  /**
   * The test half: a `.ps1` file beside the descriptor (a path relative to the descriptor's folder) that defines
   * exactly one function. The function takes `-Step` (the step's row: `Id`, `Title`, `Parameters`, ...) and the
   * step's `parameters` as named parameters, and returns one result made with `New-RgStepResult -Step $Step
   * -Compliant <bool> -Actual <words> -Expected <words>`. It is held at build time to the bar remgen's own
   * output is held to (PowerShell's parser, the Windows PowerShell 5.1 surface, no exit, no Write-Host or
   * Read-Host, no aliases; Windows only through remgen's seams or the commands in `unsimulated`).
   * @pattern \.ps1$
   * @example "./volume-test.ps1"
   */
  readonly test: string;
  /**
   * Parameters passed to the function by name: each a PowerShell identifier the function declares
   * (`[int]$MinimumPercent`). Values are data, written into the script as escaped literals.
   * @example { "MinimumPercent": 30 }
   */
  readonly parameters?: { readonly [name: string]: ScriptParameterValue };
  /**
   * Commands the function calls that are outside remgen's seams (`Get-Volume`, ...): allowed only when declared
   * here, and only Windows PowerShell 5.1 commands. A step that calls them cannot be simulated: `remgen simulate`
   * and the Pester suites say so.
   * @example ["Get-Volume"]
   */
  readonly unsimulated?: readonly string[];
  /**
   * Where the step runs: `system`, `user`, or `any` (the remediation's context, for a read that works in both).
   * @default "any"
   */
  readonly context?: StepContext;
  /**
   * The change takes effect only after a restart.
   * @default false
   */
  readonly restartRequired?: boolean;
}

/** One half as the check stage read it from the admin's file: the function, its help, its text. */
export interface ScriptHalf {
  /** The path as the descriptor gives it. */
  readonly file: string;
  /** The function the file defines. */
  readonly function: string;
  /** Its comment-based help's .SYNOPSIS, or '' when it has none. */
  readonly synopsis: string;
  /** The file's text, checked (ASCII, one function, the lint rules), line ends as written. */
  readonly text: string;
}

/** The halves the check stage resolved; present on a script step only after it passed the check stage. */
export interface ScriptSource {
  readonly test: ScriptHalf;
  readonly set?: ScriptHalf;
}

/** A script step after the check stage: its files read and checked. */
export type ResolvedScriptStep = { readonly kind: string; readonly id: string; readonly source?: ScriptSource } & ScriptStepProps;

export const SCRIPT_KINDS: readonly string[] = ['scriptProbe', 'scriptSetting', 'scriptAction'];

/** Whether a step is one of the script kinds. */
export function isScriptStep(step: { readonly kind: string }): step is ResolvedScriptStep {
  return SCRIPT_KINDS.includes(step.kind);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const COMMAND = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z][A-Za-z0-9]*$/;

function checkFile(value: unknown, key: string, issue: StepIssue): void {
  if (typeof value !== 'string' || !/\.ps1$/i.test(value)) {
    issue([key], `${key} ${JSON.stringify(value)} must name a .ps1 file beside the descriptor, e.g. './check-volume.ps1'`);
  } else if (/^([A-Za-z]:|[\\/])/.test(value) || /^[a-z]+:\/\//i.test(value)) {
    issue([key], `${key} ${JSON.stringify(value)} is absolute: give the path relative to the descriptor's folder, so the catalog builds anywhere`);
  }
}

/** The rules the schema cannot say, common to the three kinds. */
export function checkScriptStep(step: ScriptStepProps & { readonly set?: string }, issue: StepIssue): void {
  checkFile(step.test, 'test', issue);
  if (step.set !== undefined) checkFile(step.set, 'set', issue);
  for (const [name, value] of Object.entries(step.parameters ?? {})) {
    if (!IDENTIFIER.test(name)) issue(['parameters', name], `parameter name ${JSON.stringify(name)} is not a PowerShell identifier (letters, digits, _; not starting with a digit)`);
    else if (/^(step|whatif|confirm|verbose|debug|erroraction|warningaction|informationaction|errorvariable|warningvariable|informationvariable|outvariable|outbuffer|pipelinevariable)$/i.test(name)) {
      issue(['parameters', name], `parameter name '${name}' is taken: the function gets -Step and PowerShell's common parameters; choose another name`);
    }
    if (Array.isArray(value) && value.some((item) => typeof item !== 'string')) issue(['parameters', name], `parameter '${name}': a list holds strings only`);
    if (typeof value === 'number' && !Number.isFinite(value)) issue(['parameters', name], `parameter '${name}' is not a finite number`);
  }
  // Whether a name is one of remgen's seams is the file check's (generator/check/script-files.ts): rooms do not read the harness.
  (step.unsimulated ?? []).forEach((name, index) => {
    if (typeof name !== 'string' || !COMMAND.test(name)) issue(['unsimulated', index], `${JSON.stringify(name)} is not a command name (Verb-Noun, no module qualifier or path)`);
  });
}

/** The step table data every script step has. */
export function scriptData(step: ResolvedScriptStep): { readonly [key: string]: PsValue } {
  const source = step.source;
  if (!source) throw new Error(`script step '${step.id}': its files were not read; script steps are built from a checked catalog (the check stage reads and lints ${step.test})`);
  const parameters: { [key: string]: PsValue } = {};
  for (const [name, value] of Object.entries(step.parameters ?? {})) parameters[name] = Array.isArray(value) ? [...(value as readonly string[])] : (value);
  return {
    TestFunction: source.test.function,
    SetFunction: source.set?.function ?? '',
    Parameters: parameters,
    Unsimulated: [...(step.unsimulated ?? [])],
    RestartRequired: step.restartRequired ?? false,
  };
}

/** The admin's own synopsis when the check stage read it, else the file. */
export function halfWords(step: ResolvedScriptStep, half: 'test' | 'set', file: string): string {
  const read = step.source?.[half];
  const synopsis = read?.synopsis.replace(/\s+/g, ' ').replace(/\.$/, '');
  return synopsis ? `${synopsis} (${read!.function} in ${file})` : `what the function in ${file} reports`;
}

export function parameterWords(step: ScriptStepProps): string {
  const entries = Object.entries(step.parameters ?? {});
  return entries.length === 0 ? '' : ` with ${entries.map(([n, v]) => `${n} = ${JSON.stringify(v)}`).join(', ')}`;
}

export function unsimulatedWords(step: ScriptStepProps): string {
  const list = step.unsimulated ?? [];
  return list.length === 0 ? '' : `; calls ${list.join(', ')} outside remgen's seams (not simulated)`;
}

/** The runtime an admin's test half may call (remgen's read seams), the same for every script kind. */
export const SCRIPT_RUNTIME: readonly string[] = ['registry.ps1', 'file.ps1', 'service.ps1', 'process.ps1'];
/** The write seams a set half may call besides {@link SCRIPT_RUNTIME}. */
export const SCRIPT_SET_RUNTIME: readonly string[] = ['registry-write.ps1', 'file-write.ps1', 'service-write.ps1', 'process-write.ps1'];
