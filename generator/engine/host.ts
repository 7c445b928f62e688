import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureDotnetBuilt, EngineUnavailableError, type DotnetBuild, type DotnetProgram } from './dotnet-build.ts';

/**
 * The engine host: generator/engine/host/ (C#, System.Management.Automation 7.6.9), built on first use
 * into the git-ignored .tools/engine-host/ and rebuilt only when its sources change.
 */

const SOURCE_DIR = fileURLToPath(new URL('./host/', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOOLS_DIR = join(PROJECT_ROOT, '.tools', 'engine-host');
const BIN_DIR = join(TOOLS_DIR, 'bin', 'Release', 'net10.0');
export const HOST_DLL = join(BIN_DIR, 'RemgenEngineHost.dll');

export { EngineUnavailableError };

const PROGRAM: DotnetProgram = {
  sourceDir: SOURCE_DIR,
  project: 'RemgenEngineHost.csproj',
  toolsDir: TOOLS_DIR,
  outputs: [HOST_DLL],
  title: 'the PowerShell engine host (System.Management.Automation 7.6.9)',
  needs: 'No PowerShell engine: the tests run generated scripts in a small .NET host or in a real pwsh/powershell.exe on PATH; the host',
};

export type HostBuild = DotnetBuild;

/** Builds the host when its sources changed since the last build (restore included); else does nothing. */
export function ensureHostBuilt(log: (line: string) => void = () => {}): HostBuild {
  return ensureDotnetBuilt(PROGRAM, log);
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

/** How to start a server that speaks the host's protocol: the engine host itself, or a pwsh serving it. */
export interface ServerCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** In messages: 'engine host', 'pwsh 7.6.10 serving the engine host', ... */
  readonly title: string;
}

const HOST_COMMAND: ServerCommand = { file: 'dotnet', args: [HOST_DLL, '--serve'], title: 'engine host' };

/** One long-lived host process answering JSON requests, one at a time, in order. */
export class HostProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderr = '';
  readonly ready: Promise<void>;
  private exited = false;

  constructor(private readonly command: ServerCommand = HOST_COMMAND) {
    this.child = spawn(command.file, [...command.args], {
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_TieredPGO: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(command.cwd ? { cwd: command.cwd } : {}),
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => { this.stderr += chunk; });
    const lines = createInterface({ input: this.child.stdout });
    let readyResolve!: () => void;
    this.ready = new Promise((resolve) => { readyResolve = resolve; });
    lines.on('line', (line) => {
      // Anything that is not one of the server's JSON lines (a pwsh warning on stdout) is kept for messages.
      if (!line.startsWith('{')) { this.stderr += line + '\n'; return; }
      const message = JSON.parse(line) as Record<string, unknown>;
      if (message.ready) { readyResolve(); return; }
      const entry = this.pending.get(message.id as number);
      if (!entry) return;
      this.pending.delete(message.id as number);
      if (this.pending.size === 0) this.idle(true);
      if (typeof message.hostError === 'string') entry.reject(new Error(`${this.command.title}: ${message.hostError}`));
      else entry.resolve(message);
    });
    this.child.on('error', (error) => {
      this.stderr += `${error.message}\n`;
      this.exited = true;
      readyResolve();
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      // A server that ends before it is ready must not leave a request waiting for "ready" forever.
      readyResolve();
      for (const entry of this.pending.values()) entry.reject(new Error(`${this.command.title} exited (${code}): ${this.stderr}`));
      this.pending.clear();
    });
    this.idle(true);
  }

  /** An idle host must not keep Node alive (the test run ends with it); a busy one must. */
  private idle(idle: boolean): void {
    const streams = [this.child, this.child.stdout, this.child.stderr, this.child.stdin] as unknown as { ref(): void; unref(): void }[];
    for (const stream of streams) {
      if (idle) stream.unref();
      else stream.ref();
    }
  }

  async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.idle(false);
    await this.ready;
    if (this.exited) throw new Error(`${this.command.title} is not running: ${this.stderr}`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ ...body, id }) + '\n');
    });
  }

  close(): void {
    if (!this.exited) this.child.stdin.end();
  }
}
