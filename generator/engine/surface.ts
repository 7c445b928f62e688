import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureDotnetBuilt, type DotnetBuild, type DotnetProgram } from './dotnet-build.ts';
import type { TypeFact } from './index.ts';

/**
 * The .NET surface of Windows PowerShell 5.1: generator/engine/surface/ (C#, MetadataLoadContext over the
 * .NET Framework 4.7.2 reference assemblies, PowerShellStandard.Library 5.1.1's System.Management.Automation
 * and 5.1's type accelerators), built on first use into the git-ignored .tools/engine-surface/ (restore
 * included: the reference assemblies are NuGet packages) and rebuilt only when its sources change.
 */

const SOURCE_DIR = fileURLToPath(new URL('./surface/', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOOLS_DIR = join(PROJECT_ROOT, '.tools', 'engine-surface');
const BIN_DIR = join(TOOLS_DIR, 'bin', 'Release', 'net10.0');
export const SURFACE_DLL = join(BIN_DIR, 'RemgenEngineSurface.dll');
const REFERENCE_PROBES = [join(BIN_DIR, 'refs', 'net472', 'mscorlib.dll'), join(BIN_DIR, 'refs', 'powershell', 'System.Management.Automation.dll')];

/** One .NET reference in a script, as the engine host's parse facts name it. */
export interface SurfaceReference {
  readonly type: string;
  readonly member?: string;
  readonly kind: TypeFact['kind'];
  /** `using namespace` names in force (5.1 also tries each as a prefix, then `System.`). */
  readonly namespaces?: readonly string[];
}

export interface SurfaceAnswer {
  readonly type: string;
  readonly kind: TypeFact['kind'];
  readonly member?: string;
  /** The type resolves in 5.1 (generic arguments and array elements included). */
  readonly resolved: boolean;
  /** The .NET name it resolved to, e.g. System.Collections.Generic.List`1[System.String]. */
  readonly resolvedType?: string;
  /** net472 (.NET Framework 4.7.2), powershell (System.Management.Automation 5.1), accelerator, syntax (`[ordered]`). */
  readonly source?: 'net472' | 'powershell' | 'accelerator' | 'syntax';
  readonly assembly?: string;
  /** Every assembly the name needs (generic arguments' too). */
  readonly assemblies?: readonly string[];
  /** Those of `assemblies` Windows PowerShell 5.1 does not load at start: they need `Add-Type -AssemblyName` first. */
  readonly notLoadedAtStart?: readonly string[];
  /** For a static member: true, false, or null when it cannot be checked (an accelerator for a type outside the reference assemblies). */
  readonly memberFound?: boolean | null;
  readonly memberKinds?: readonly string[];
  /** The part of a generic name that did not resolve. */
  readonly missing?: string;
  /** What is wrong (or why the member was not checked). */
  readonly message?: string;
}

export interface SurfaceInfo {
  readonly accelerators: Readonly<Record<string, { type: string; assembly: string }>>;
  readonly loadedAtStart: readonly string[];
}

const PROGRAM: DotnetProgram = {
  sourceDir: SOURCE_DIR,
  project: 'RemgenEngineSurface.csproj',
  toolsDir: TOOLS_DIR,
  outputs: [SURFACE_DLL, ...REFERENCE_PROBES],
  title: 'the Windows PowerShell 5.1 .NET surface (.NET Framework 4.7.2 and PowerShellStandard 5.1.1 reference assemblies)',
  needs: "No .NET SDK: the check of scripts against Windows PowerShell 5.1's .NET surface runs in a small .NET program",
};

export type SurfaceBuild = DotnetBuild;

/** Builds the surface program when its sources changed since the last build (restore included); else does nothing. */
export function ensureSurfaceBuilt(log: (line: string) => void = () => {}): SurfaceBuild {
  return ensureDotnetBuilt(PROGRAM, log);
}

const ENV = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_TieredPGO: '1' };

/** The accelerator table and the start-up assembly list the program keeps (`--info`). */
export function surfaceInfo(): SurfaceInfo {
  ensureSurfaceBuilt((line) => process.stderr.write(line + '\n'));
  const run = spawnSync('dotnet', [SURFACE_DLL, '--info'], { encoding: 'utf8', env: ENV });
  if (run.status !== 0) throw new Error(`surface --info failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as SurfaceInfo;
}

/** One run of the program over a list of references (stdin to stdout), as a shell would use it. */
export function resolveOnce(references: readonly SurfaceReference[]): { answers: SurfaceAnswer[]; ms: number } {
  ensureSurfaceBuilt((line) => process.stderr.write(line + '\n'));
  const started = Date.now();
  const run = spawnSync('dotnet', [SURFACE_DLL], { input: JSON.stringify(references), encoding: 'utf8', env: ENV, maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`surface program failed (${run.status}): ${run.stderr}`);
  return { answers: JSON.parse(run.stdout) as SurfaceAnswer[], ms: Date.now() - started };
}

interface Pending {
  resolve(value: SurfaceAnswer[]): void;
  reject(error: Error): void;
}

/** One long-lived surface process (`--serve`), answering lists of references in order; answers are cached. */
export class DotnetSurface {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Promise<SurfaceAnswer>>();
  private nextId = 1;
  private stderr = '';
  private exited = false;
  readonly ready: Promise<{ assemblies: number; types: number; ms: number }>;

  constructor() {
    this.child = spawn('dotnet', [SURFACE_DLL, '--serve'], { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => { this.stderr += chunk; });
    let readyResolve!: (value: { assemblies: number; types: number; ms: number }) => void;
    let readyReject!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; });
    this.ready.catch(() => {});
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      if (message.ready) { readyResolve(message as unknown as { assemblies: number; types: number; ms: number }); return; }
      const entry = this.pending.get(message.id as number);
      if (!entry) return;
      this.pending.delete(message.id as number);
      if (this.pending.size === 0) this.idle(true);
      if (typeof message.hostError === 'string') entry.reject(new Error(`.NET surface program: ${message.hostError}`));
      else entry.resolve(message.results as SurfaceAnswer[]);
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      const error = new Error(`.NET surface program exited (${code}): ${this.stderr}`);
      readyReject(error);
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    });
    this.idle(true);
  }

  /** An idle process must not keep Node alive; a busy one must. */
  private idle(idle: boolean): void {
    const streams = [this.child, this.child.stdout, this.child.stderr, this.child.stdin] as unknown as { ref(): void; unref(): void }[];
    for (const stream of streams) {
      if (idle) stream.unref();
      else stream.ref();
    }
  }

  private async request(references: readonly SurfaceReference[]): Promise<SurfaceAnswer[]> {
    this.idle(false);
    await this.ready;
    if (this.exited) throw new Error(`.NET surface program is not running: ${this.stderr}`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ id, references }) + '\n');
    });
  }

  /** Answers in the order asked; a reference asked before is answered from memory. */
  async resolve(references: readonly SurfaceReference[]): Promise<SurfaceAnswer[]> {
    const keyOf = (r: SurfaceReference) => JSON.stringify([r.type, r.member ?? null, r.kind, r.namespaces ?? []]);
    const fresh = new Map<string, SurfaceReference>();
    for (const reference of references) {
      const key = keyOf(reference);
      if (!this.cache.has(key) && !fresh.has(key)) fresh.set(key, reference);
    }
    if (fresh.size > 0) {
      const batch = this.request([...fresh.values()]);
      [...fresh.keys()].forEach((key, index) => {
        const answer = batch.then((answers) => answers[index]!);
        answer.catch(() => this.cache.delete(key));
        this.cache.set(key, answer);
      });
    }
    return Promise.all(references.map((r) => this.cache.get(keyOf(r))!));
  }

  close(): void {
    if (!this.exited) this.child.stdin.end();
  }
}

let shared: DotnetSurface | undefined;

/** The surface process for this Node process, built and started on first use. */
export function getSurface(): DotnetSurface {
  if (!shared) {
    ensureSurfaceBuilt((line) => process.stderr.write(line + '\n'));
    shared = new DotnetSurface();
  }
  return shared;
}
