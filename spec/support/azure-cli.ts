/**
 * The real Azure CLI for the sign-in specs: Debian's `azure-cli` package (spec/support/apt.ts), pointed at the
 * local Entra of spec/support/local-graph.ts. Each `LocalAzureCli` has its own AZURE_CONFIG_DIR in a temp
 * folder (nothing touches the user's az profile), trusts only the local certificates (REQUESTS_CA_BUNDLE), and
 * reaches login.microsoftonline.com, which MSAL for Python asks about an authority it does not know, only
 * through the local discovery proxy (HTTPS_PROXY; everything on 127.0.0.1 goes direct). The cloud is
 * registered with the local server as its Entra and Resource Manager (`az cloud register`). az runs
 * asynchronously: the local server answers it from this process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackage } from './apt.ts';
import type { LocalGraph } from './local-graph.ts';

export const AZ = '/usr/bin/az';
/** Debian bookworm's azure-cli when these specs were written. */
export const AZURE_CLI_PIN = '2.45.0-1';

export function ensureAzureCli(log: (line: string) => void = () => {}): string {
  ensureDebianPackage('azure-cli', AZURE_CLI_PIN, AZ, log);
  return AZ;
}

export interface AzRun { status: number; stdout: string; stderr: string }

export class LocalAzureCli {
  readonly configDir = mkdtempSync(join(tmpdir(), 'remgen-az-'));
  readonly cloud = 'RemgenLocal';

  constructor(private readonly graph: LocalGraph) {}

  /** What az (and so remgen's Azure CLI credential, which runs it) needs in its environment. */
  get env(): Record<string, string> {
    return {
      AZURE_CONFIG_DIR: this.configDir,
      REQUESTS_CA_BUNDLE: this.graph.caBundle,
      HTTPS_PROXY: this.graph.proxy,
      NO_PROXY: '127.0.0.1',
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
    };
  }

  run(args: readonly string[], timeoutMs = 60_000): Promise<AzRun> {
    return new Promise((done, fail) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AZURE_|HTTPS?_PROXY|NO_PROXY|REQUESTS_CA_BUNDLE)/i.test(k)));
      const child = spawn(AZ, args, { env: { ...base, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
      const timer = setTimeout(() => { child.kill(); fail(new Error(`az ${args[0]} did not end in ${timeoutMs / 1000} s\n${stderr}`)); }, timeoutMs);
      child.on('close', (code) => { clearTimeout(timer); done({ status: code ?? -1, stdout, stderr }); });
    });
  }

  /** `az cloud register` with the local server as Entra and Resource Manager, then `az cloud set`. */
  async registerCloud(): Promise<void> {
    const base = this.graph.base;
    for (const args of [
      ['cloud', 'register', '--name', this.cloud, '--endpoint-active-directory', base, '--endpoint-resource-manager', `${base}/arm/`,
        '--endpoint-active-directory-resource-id', `${base}/`, '--endpoint-active-directory-graph-resource-id', `${base}/`],
      ['cloud', 'set', '--name', this.cloud],
    ]) {
      const result = await this.run(args);
      if (result.status !== 0) throw new Error(`az ${args.slice(0, 2).join(' ')} failed:\n${result.stderr}`);
    }
  }

  dispose(): void {
    rmSync(this.configDir, { recursive: true, force: true });
  }
}
