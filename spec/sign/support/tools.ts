/**
 * External checkers for the sign specs: osslsigncode 2.9 (the oracle) and the openssl CLI (test PKI, TSA).
 * osslsigncode is installed with apt-get when missing; if that fails the suite fails, it never skips.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

let checked: Promise<void> | undefined;

function present(): boolean {
  try {
    execFileSync('osslsigncode', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Idempotent: resolves once osslsigncode runs, installing it first if needed. */
export function ensureOsslsigncode(): Promise<void> {
  checked ??= (async () => {
    if (present()) return;
    const attempts: string[] = [];
    for (const args of [['install', '-y', 'osslsigncode'], ['update'], ['install', '-y', 'osslsigncode']]) {
      try {
        await run('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 });
      } catch (error) {
        attempts.push(`apt-get ${args.join(' ')}: ${(error as Error).message.split('\n')[0]}`);
      }
      if (args[0] === 'install' && present()) return;
    }
    throw new Error(`osslsigncode is required by the sign specs and could not be installed (${attempts.join('; ')}). Install it with: apt-get install -y osslsigncode`);
  })();
  return checked;
}

export interface ToolResult {
  readonly ok: boolean;
  readonly output: string;
}

/** Runs a tool asynchronously (a synchronous spawn would block an in-process TSA). */
export async function tool(command: string, args: readonly string[], cwd?: string): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, maxBuffer: 16 << 20 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` };
  }
}

/** `osslsigncode verify`; ok only when it exits 0 and says the signature verified. */
export async function osslVerify(file: string, caFile: string, extra: readonly string[] = []): Promise<ToolResult> {
  const result = await tool('osslsigncode', ['verify', '-CAfile', caFile, '-ignore-crl', ...extra, '-in', file]);
  return { ok: result.ok && /Signature verification: ok/.test(result.output), output: result.output };
}

export async function openssl(args: readonly string[], cwd: string): Promise<void> {
  const result = await tool('openssl', args, cwd);
  if (!result.ok) throw new Error(`openssl ${args.join(' ')} failed: ${result.output}`);
}
