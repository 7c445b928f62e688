/**
 * The CLI's `main` (generator/cli/main.ts) called in this process, as bin/remgen.js calls it: the same argv
 * parsing, command and output, its exit code returned, what it writes to stdout and stderr taken, run in `cwd`.
 * For a spec that runs a command many times over different inputs and is not about the process around it; a
 * child costs about a second of CPU (Node, the generator bundle, tsx registered for the user's TypeScript),
 * this a few tens of milliseconds once the generator's modules are loaded. Such a spec keeps some runs of
 * the real CLI in a child (temp-catalog.ts `remgen`), for what the process boundary adds.
 * A user's TypeScript file changed between runs here is seen: the compiled modules are keyed by content
 * (generator/load/compile.ts), and tsx's imports of catalog and deployment files carry the file's modification
 * time. A device profile that tsx loads is imported once per process.
 */
import type { CliRun } from './temp-catalog.ts';

type Write = typeof process.stdout.write;

/** Runs are one at a time: stdout, stderr and the working folder are the process's. */
let running: Promise<unknown> = Promise.resolve();

export function remgenInProcess(args: readonly string[], cwd: string): Promise<CliRun> {
  const run = running.then(async () => {
    const { main } = await import('../../generator/cli/main.ts');
    let stdout = '';
    let stderr = '';
    const take = (into: (text: string) => void): Write => (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      for (const r of rest) if (typeof r === 'function') (r as () => void)();
      return true;
    };
    const from = process.cwd();
    // Each stream's own `write` (if something set one) is put back afterwards; else its prototype's shows again.
    const saved = [process.stdout, process.stderr].map((stream) => [stream, Object.getOwnPropertyDescriptor(stream, 'write')] as const);
    process.stdout.write = take((t) => { stdout += t; });
    process.stderr.write = take((t) => { stderr += t; });
    try {
      process.chdir(cwd);
      const status = await main(args);
      return { status, stdout, stderr };
    } finally {
      for (const [stream, own] of saved) {
        if (own) Object.defineProperty(stream, 'write', own);
        else delete (stream as { write?: Write }).write;
      }
      process.chdir(from);
    }
  });
  running = run.catch(() => undefined);
  return run;
}
