import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPowerShellSync, type PowerShell } from 'pester-ts-runner';
import { ensureHostBuilt, EngineUnavailableError, HOST_DLL, HostProcess, type ServerCommand } from './host.ts';

/**
 * One interface over the PowerShell that runs generated scripts in the tests and in `remgen simulate`:
 *
 * - `pwsh` (the default): a real pwsh 7.6+ kept running, serving the engine host's protocol (it loads the
 *   host's assembly and calls its server, so every run is a fresh runspace of pwsh's own engine and the
 *   recording host still captures What if: lines and answers -Confirm prompts). pwsh on PATH when it is
 *   7.6 or later, else the repository's pinned tool (PowerShell 7.6.10, `dotnet tool restore` on first use).
 * - `host`: the engine host alone (System.Management.Automation 7.6.9 in a small .NET program), when no
 *   pwsh 7.6+ can be had.
 * - `powershell`: Windows PowerShell 5.1 (powershell.exe), one process per run; it cannot load a .NET 10
 *   assembly, so What if: lines and -Confirm answers are not captured there.
 *
 * REMGEN_ENGINE=pwsh|host|powershell chooses.
 */

export interface RunOptions {
  /** The script file. */
  readonly file: string;
  /** Arguments as `pwsh -File` takes them (`-WhatIf`, values). */
  readonly args?: readonly string[];
  /** Named parameters with typed values (objects become hashtables). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Answers for -Confirm prompts, in order (Y, A, N, L). */
  readonly confirm?: readonly string[];
  readonly timeoutMs?: number;
}

export interface EngineError {
  readonly message: string;
  readonly errorId: string;
  readonly position: string;
  readonly terminating: boolean;
}

export interface RunResult {
  readonly exitCode: number;
  readonly timedOut: boolean;
  /** Time inside the engine for this run, runspace creation included. */
  readonly ms: number;
  /** Output objects as text, one per line, as the console would print strings. */
  readonly output: readonly string[];
  /** Output objects as data. */
  readonly objects: readonly unknown[];
  /** Error records (stderr under pwsh -File). */
  readonly errors: readonly EngineError[];
  readonly warnings: readonly string[];
  readonly verbose: readonly string[];
  readonly information: readonly string[];
  /** Lines the host showed: -WhatIf's "What if:" lines among them. */
  readonly host: readonly string[];
  /** -Confirm prompts shown. */
  readonly prompts: readonly string[];
}

export interface ParseFacts {
  readonly errors: readonly { message: string; errorId: string; line: number; column: number }[];
  readonly requiresVersion: string | null;
  readonly functions: readonly {
    name: string; line: number; column: number; endLine: number; parent: string | null;
    /** The parameter names (no `$`), from the param block or the parenthesised list. */
    parameters: readonly string[];
    /** The comment-based help synopsis; only when parsed with `{ help: true }`, else null. */
    synopsis: string | null;
  }[];
  readonly commands: readonly CommandFact[];
  readonly types: readonly TypeFact[];
  readonly syntax7: readonly { syntax: string; line: number; column: number }[];
  readonly topLevel: readonly { kind: string; line: number; text: string }[];
  readonly topLevelReturns: readonly { line: number; column: number }[];
  /** Every `exit` statement, at any depth. */
  readonly exits: readonly { line: number; column: number }[];
  /** Offset just past the last top-level statement. */
  readonly endOffset: number;
}

export interface CommandFact {
  readonly name: string | null;
  readonly invocation: '' | '&' | '.';
  readonly line: number;
  readonly column: number;
  /** The function the call sits in, if any. */
  readonly function: string | null;
  readonly parameters: readonly { name: string; line: number; column: number; value?: string; expression?: string }[];
  readonly positional: readonly string[];
  readonly splatted: boolean;
}

export interface TypeFact {
  readonly kind: 'type' | 'static-call' | 'static-property' | 'cast' | 'constraint' | 'attribute';
  readonly type: string;
  readonly member?: string;
  readonly line: number;
  readonly column: number;
  readonly function: string | null;
}

export interface LiteralResult {
  readonly errors: readonly string[];
  /** No variable, subexpression, expandable string, script block or command: a constant. */
  readonly constant: boolean;
  readonly dynamic: readonly string[];
  readonly count?: number;
  readonly type?: string;
  readonly value?: string | null;
  /** The value's UTF-16 code units, hex, space-separated (lone surrogates survive). */
  readonly valueHex?: string;
  /** When expected values were given: the value equals the expected one, code unit for code unit. */
  readonly equal?: boolean;
  readonly evalError?: string;
}

export interface PowerShellEngine {
  /** 'host' (engine host, SMA 7.6.9), 'pwsh' or 'powershell'. */
  readonly name: string;
  /**
   * Named parameters arrive as their JSON says, exactly: objects as ordered dictionaries, arrays as object[]
   * (nested ones kept), integers as int or long, as PowerShell's own literals of them evaluate (the engine
   * host's protocol, Json.ToDotNet). powershell.exe's request goes through ConvertFrom-Json, which does not.
   */
  readonly exactParameters: boolean;
  run(options: RunOptions): Promise<RunResult>;
  /** Parse errors and AST facts, from PowerShell's own parser; `help`: each function's synopsis too. */
  parse(file: string, options?: { readonly help?: boolean }): Promise<ParseFacts>;
  /** Parse and evaluate each literal on its own (engine host); compare with `expected` when given. */
  literals(literals: readonly string[], expected?: readonly string[]): Promise<LiteralResult[]>;
}

class HostEngine implements PowerShellEngine {
  readonly name: string = 'host';
  readonly exactParameters: boolean = true;
  private process?: HostProcess;

  /** The server to start; undefined: the engine host itself. */
  protected server(): ServerCommand | undefined {
    return undefined;
  }

  protected host(): HostProcess {
    if (!this.process) {
      ensureHostBuilt((line) => process.stderr.write(line + '\n'));
      this.process = new HostProcess(this.server());
    }
    return this.process;
  }

  async run(options: RunOptions): Promise<RunResult> {
    return (await this.host().request({
      op: 'run',
      file: options.file,
      args: options.args ?? [],
      ...(options.parameters ? { parameters: options.parameters } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.confirm ? { confirm: options.confirm } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    })) as unknown as RunResult;
  }

  async parse(file: string, options: { readonly help?: boolean } = {}): Promise<ParseFacts> {
    return (await this.host().request({ op: 'parse', file, ...(options.help ? { help: true } : {}) })) as unknown as ParseFacts;
  }

  async literals(literals: readonly string[], expected?: readonly string[]): Promise<LiteralResult[]> {
    const expectedHex = expected?.map(utf16Hex);
    const answer = (await this.host().request({ op: 'literals', literals, ...(expectedHex ? { expectedHex } : {}) })) as { results: LiteralResult[] };
    return answer.results;
  }
}

/** A string's UTF-16 code units as the host reports them: `0041 D83D`. */
export const utf16Hex = (text: string): string =>
  Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')).join(' ');

/** A pwsh 7.6+ (PowerShell on .NET 10) that loads the engine host's assembly and serves its protocol. */
class ServedPwshEngine extends HostEngine {
  override readonly name = 'pwsh';
  constructor(private readonly pwsh: PowerShell, readonly version: string) {
    super();
  }

  protected override server(): ServerCommand {
    const dll = HOST_DLL.replace(/'/g, "''");
    const serve = `$ErrorActionPreference = 'Stop'; Add-Type -LiteralPath '${dll}'; exit [RemgenEngineHost.Server]::Serve()`;
    return {
      file: this.pwsh.command,
      args: [...this.pwsh.prefix, '-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', serve],
      ...(this.pwsh.cwd ? { cwd: this.pwsh.cwd } : {}),
      title: `pwsh ${this.version} serving the engine host`,
    };
  }
}

const PWSH_VERSION = /^(\d+)\.(\d+)\.(\d+)/;

/** The pwsh to serve runs: PATH's when it is 7.6 or later (it must run .NET 10), else the pinned tool. */
function servedPwsh(): ServedPwshEngine {
  const version = (found: PowerShell): string | undefined => {
    const probe = spawnSync(found.command, [...found.prefix, '-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
      encoding: 'utf8', timeout: 60_000, ...(found.cwd ? { cwd: found.cwd } : {}),
    });
    const match = PWSH_VERSION.exec((probe.stdout ?? '').trim());
    if (probe.status !== 0 || !match) return undefined;
    return Number(match[1]) > 7 || (Number(match[1]) === 7 && Number(match[2]) >= 6) ? match[0] : undefined;
  };
  const first = findPowerShellSync();
  const firstVersion = first.source === 'path' && /pwsh(\.exe)?$/i.test(first.command) ? version(first) : undefined;
  if (firstVersion) return new ServedPwshEngine(first, firstVersion);
  const pinned = findPowerShellSync({ pinnedPowerShell: true });
  const pinnedVersion = version(pinned);
  if (!pinnedVersion) throw new EngineUnavailableError(`the pinned PowerShell tool (${pinned.command}) did not start as pwsh 7.6 or later`);
  return new ServedPwshEngine(pinned, pinnedVersion);
}

const DRIVER = fileURLToPath(new URL('./Invoke-RgEngineRequest.ps1', import.meta.url));

/** Windows PowerShell 5.1, one process per run; parsing facts still come from the engine host. */
class ProcessEngine extends HostEngine {
  override readonly name: string;
  override readonly exactParameters = false;
  constructor(private readonly executable: string) {
    super();
    this.name = executable;
  }

  override run(options: RunOptions): Promise<RunResult> {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-ps-'));
    try {
      const request = join(dir, 'request.json');
      const result = join(dir, 'result.json');
      writeFileSync(request, JSON.stringify({ file: options.file, args: options.args ?? [], parameters: options.parameters ?? {} }));
      const child = spawnSync(this.executable, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', DRIVER, '-RequestPath', request, '-ResultPath', result], {
        encoding: 'utf8',
        cwd: options.cwd,
        env: { ...process.env, ...(options.env ?? {}) },
        timeout: options.timeoutMs ?? 120_000,
      });
      if (child.error) throw child.error;
      return Promise.resolve(JSON.parse(readFileSync(result, 'utf8')) as RunResult);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

let chosen: PowerShellEngine | undefined;
const made = new Map<string, PowerShellEngine>();

/** A particular engine (one per kind per process), whatever REMGEN_ENGINE says: for a spec that runs under two. */
export function createEngine(kind: 'pwsh' | 'host' | 'powershell'): PowerShellEngine {
  if (chosen?.name === kind) return chosen;
  let engine = made.get(kind);
  if (!engine) {
    engine = kind === 'host' ? new HostEngine() : kind === 'pwsh' ? servedPwsh() : new ProcessEngine('powershell');
    made.set(kind, engine);
  }
  return engine;
}

/**
 * The engine for this process, chosen once (REMGEN_ENGINE=pwsh|host|powershell, else a served pwsh when
 * one can be had, else the engine host). Throws EngineUnavailableError saying what to install.
 */
export function getEngine(): PowerShellEngine {
  if (chosen) return chosen;
  const wanted = process.env.REMGEN_ENGINE;
  if (wanted === 'powershell') chosen = new ProcessEngine('powershell');
  else if (wanted === 'host') chosen = new HostEngine();
  else if (wanted === 'pwsh') chosen = servedPwsh();
  else {
    try {
      chosen = servedPwsh();
    } catch (error) {
      process.stderr.write(`remgen: no pwsh 7.6+ (${(error as Error).message.split('\n')[0]}); running scripts in the engine host\n`);
      chosen = new HostEngine();
    }
  }
  return chosen;
}

export { EngineUnavailableError, ensureHostBuilt };
