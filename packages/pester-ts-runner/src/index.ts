import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePester, findPowerShell, type PowerShell, type SetupOptions } from './setup.ts';

export { ensurePester, findPowerShell, findPowerShellSync, findRoot, PINNED_PESTER, type PowerShell, type SetupOptions } from './setup.ts';

const DRIVER = join(dirname(fileURLToPath(import.meta.url)), 'driver.ps1');

/** One `*.Tests.ps1` file to run, with the data its `param()` block takes (`New-PesterContainer -Data`). */
export interface Container {
  readonly path: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface RunOptions extends SetupOptions {
  /** Files (or containers with data). */
  readonly containers: readonly (string | Container)[];
  /** Only tests (or blocks) with one of these tags (`Filter.Tag`). */
  readonly tags?: readonly string[];
  readonly excludeTags?: readonly string[];
  /** Also write a JUnit XML result file here (Azure DevOps, GitHub test reporting). */
  readonly junit?: string;
  /** Pester's console output: `None` by default (the results come back as data). */
  readonly verbosity?: 'None' | 'Normal' | 'Detailed' | 'Diagnostic';
  /**
   * Which Pester: `installed` (a 5.x or 6.x the PowerShell finds, else the pinned copy) or a version to
   * restore from NuGet and use even when another is installed. Default `installed`.
   */
  readonly pester?: 'installed' | { readonly version: string };
  /** Called with each chunk of the PowerShell process's stdout and stderr (Pester's console output). */
  readonly onOutput?: (text: string) => void;
  /** Whole run's bound in ms (default 30 minutes). */
  readonly timeoutMs?: number;
}

export type TestOutcome = 'Passed' | 'Failed' | 'Skipped' | 'NotRun' | 'Inconclusive';

export interface TestError {
  readonly message: string;
  readonly stack: string;
}

/** One Pester `It`, as the run reported it. */
export interface TestResult {
  /** Block names and the test's, expanded (`<name>` templates filled in). */
  readonly path: readonly string[];
  readonly name: string;
  /** The test file. */
  readonly container: string;
  readonly result: TestOutcome;
  readonly durationMs: number;
  readonly error?: TestError;
}

/** A container (file) or block that failed outside any `It`: a Discovery error, a failing `BeforeAll`. */
export interface BlockFailure {
  readonly kind: 'container' | 'block';
  /** The file, and for a block its dotted path. */
  readonly container: string;
  readonly path: string;
  readonly error: TestError;
}

export interface PesterRun {
  /** True only when every test passed or was skipped and no container or block failed. */
  readonly ok: boolean;
  readonly tests: readonly TestResult[];
  readonly failures: readonly BlockFailure[];
  readonly counts: { readonly passed: number; readonly failed: number; readonly skipped: number; readonly notRun: number; readonly blocksFailed: number; readonly containersFailed: number };
  readonly pesterVersion: string;
  readonly powershellVersion: string;
  /** `Core` (pwsh) or `Desktop` (Windows PowerShell). */
  readonly edition: string;
  readonly powershell: PowerShell;
  /** The PowerShell process's exit code (0 when the driver wrote its result). */
  readonly exitCode: number;
  /** Wall time of the PowerShell process, ms. */
  readonly wallMs: number;
  /** Pester's own duration of the run, ms. */
  readonly pesterMs: number;
  /** Everything the process printed (Pester's console output at the chosen verbosity). */
  readonly output: string;
}

interface DriverError { Message: string; Stack: string }
interface DriverDocument {
  PesterVersion: string;
  PowerShellVersion: string;
  Edition: string;
  Ms: number;
  Tests: { Path: string[] | string; ExpandedPath: string; Name: string; Container: string; Result: string; Ms: number; Error: DriverError | null }[];
  FailedBlocks: { Path: string; Container: string; Error: DriverError | null }[];
  Containers: { Path: string; Result: string; Error: DriverError | null }[];
}

const toError = (e: DriverError | null | undefined, fallback: string): TestError => ({ message: e?.Message || fallback, stack: e?.Stack ?? '' });

/** Runs the containers in one PowerShell process and returns every test's result. */
export async function runPester(options: RunOptions): Promise<PesterRun> {
  if (options.containers.length === 0) throw new Error('pester-ts-runner: no containers to run');
  const containers = options.containers.map((c): Container => (typeof c === 'string' ? { path: resolve(c) } : { ...c, path: resolve(c.path) }));
  for (const c of containers) if (!existsSync(c.path)) throw new Error(`pester-ts-runner: ${c.path} does not exist`);
  const [powershell, pesterPath] = await Promise.all([
    findPowerShell(options),
    ensurePester({ ...options, ...(typeof options.pester === 'object' ? { version: options.pester.version } : {}) }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'pester-ts-'));
  try {
    const resultPath = join(dir, 'result.json');
    const requestPath = join(dir, 'request.json');
    writeFileSync(requestPath, JSON.stringify({
      PesterPath: pesterPath,
      PreferPath: typeof options.pester === 'object',
      Containers: containers.map((c) => ({ Path: c.path, Data: c.data ?? null })),
      Tags: options.tags ?? [],
      ExcludeTags: options.excludeTags ?? [],
      Verbosity: options.verbosity ?? 'None',
      JUnitPath: options.junit ? resolve(options.junit) : '',
      ResultPath: resultPath,
    }));
    const started = performance.now();
    const args = [...powershell.prefix, '-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', DRIVER, '-RequestPath', requestPath];
    const { code, output } = await new Promise<{ code: number; output: string }>((done, fail) => {
      const child = spawn(powershell.command, args, {
        cwd: powershell.cwd ?? process.cwd(),
        env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' },
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      let text = '';
      const take = (chunk: Buffer) => {
        const s = chunk.toString('utf8');
        text += s;
        options.onOutput?.(s);
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 1_800_000);
      child.on('error', (error) => { clearTimeout(timer); fail(new Error(`pester-ts-runner: cannot start ${powershell.command}: ${error.message}`)); });
      child.on('close', (exit, signal) => { clearTimeout(timer); done({ code: exit ?? (signal ? 128 : 1), output: text }); });
    });
    const wallMs = performance.now() - started;
    if (!existsSync(resultPath)) {
      throw new Error(`pester-ts-runner: the run wrote no result (exit ${code}); its output:\n${output.trim().split('\n').slice(-20).join('\n')}`);
    }
    const doc = JSON.parse(readFileSync(resultPath, 'utf8').replace(/^\uFEFF/, '')) as DriverDocument;
    const tests: TestResult[] = (doc.Tests ?? []).map((t) => ({
      path: Array.isArray(t.Path) ? t.Path : [t.Path],
      name: t.Name,
      container: t.Container,
      result: t.Result as TestOutcome,
      durationMs: t.Ms,
      ...(t.Error ? { error: toError(t.Error, 'failed') } : {}),
    }));
    const explained = (path: string): boolean =>
      (doc.Tests ?? []).some((t) => t.Container === path && t.Result === 'Failed') || (doc.FailedBlocks ?? []).some((b) => b.Container === path);
    const failures: BlockFailure[] = [
      // A container counts on its own when it failed with an error (Discovery: a parse error, a throw outside
      // any block) or when nothing inside it says why; a file whose tests failed is counted by those tests.
      ...(doc.Containers ?? []).filter((c) => c.Result === 'Failed' && (c.Error || !explained(c.Path)))
        .map((c): BlockFailure => ({ kind: 'container', container: c.Path, path: c.Path, error: toError(c.Error, 'the container failed') })),
      ...(doc.FailedBlocks ?? []).map((b): BlockFailure => ({ kind: 'block', container: b.Container, path: b.Path, error: toError(b.Error, 'the block failed') })),
    ];
    const count = (r: TestOutcome) => tests.filter((t) => t.result === r).length;
    const counts = {
      passed: count('Passed'),
      failed: count('Failed'),
      skipped: count('Skipped'),
      notRun: count('NotRun'),
      blocksFailed: failures.filter((f) => f.kind === 'block').length,
      containersFailed: failures.filter((f) => f.kind === 'container').length,
    };
    // Never green by the exit code alone (modulo 256) nor by the tests alone (a Discovery failure has none):
    // docs/reference/pester.md, "Pester 5 essentials".
    const ok = code === 0 && counts.failed === 0 && failures.length === 0 && tests.every((t) => t.result !== 'Inconclusive');
    return {
      ok, tests, failures, counts,
      pesterVersion: doc.PesterVersion, powershellVersion: doc.PowerShellVersion, edition: doc.Edition,
      powershell, exitCode: code, wallMs, pesterMs: doc.Ms, output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per test and failure, and a summary: what `remgen test` prints. */
export function formatRun(run: PesterRun): string[] {
  const mark = { Passed: '[+]', Failed: '[-]', Skipped: '[!]', NotRun: '[?]', Inconclusive: '[?]' } as const;
  const lines: string[] = [];
  for (const t of run.tests) {
    lines.push(`${mark[t.result]} ${t.path.join(' > ')} (${Math.round(t.durationMs)} ms)`);
    if (t.error) lines.push(...t.error.message.split('\n').map((l) => `      ${l}`));
  }
  for (const f of run.failures) lines.push(`[-] ${f.kind} ${f.path} failed: ${f.error.message.split('\n')[0] ?? ''}`);
  const c = run.counts;
  lines.push(`Pester ${run.pesterVersion} on PowerShell ${run.powershellVersion} (${run.edition}): ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` +
    `${c.notRun ? `, ${c.notRun} not run` : ''}${c.blocksFailed ? `, ${c.blocksFailed} blocks failed` : ''}${c.containersFailed ? `, ${c.containersFailed} containers failed` : ''}` +
    ` in ${(run.wallMs / 1000).toFixed(1)} s`);
  return lines;
}
