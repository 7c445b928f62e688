import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { LocalGraph } from './local-graph.ts';
import { BIN } from './temp-catalog.ts';

export interface PublishRun { status: number; stdout: string; stderr: string }

/** Environment names the credentials read: the child starts without any of the parent's. */
const CREDENTIAL_ENV = /^(AZURE_|IDENTITY_|MSI_|IMDS_)/;

/**
 * `remgen publish <deployment>` in a child process against `graph`, its certificate trusted only by the
 * child; the credential's environment only what `env` gives. Afterwards: no secret of `secrets`, no token
 * the local Entra issued and no device code is in stdout, stderr or argv.
 */
export function runPublish(graph: LocalGraph, project: { root: string; catalog: string; out: string }, deployment: string, args: readonly string[], env: Record<string, string>, secrets: readonly string[] = []): Promise<PublishRun> {
  return new Promise((done, fail) => {
    graph.clearLog();
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CREDENTIAL_ENV.test(k)));
    const argv = [BIN, 'publish', deployment, '--catalog', project.catalog, '--out', project.out, ...args];
    const child = spawn(process.execPath, argv, {
      cwd: project.root,
      env: { ...base, NODE_EXTRA_CA_CERTS: graph.caFile, REMGEN_GRAPH_RETRY_DELAY: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => { child.kill(); fail(new Error(`publish did not end in 60 s\n${stderr}`)); }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const never = [...secrets, ...graph.tokens, ...graph.deviceCodes.keys(), ...graph.log.flatMap((r) => /device_code=([^&]+)/.exec(r.body)?.[1] ?? [])];
      for (const secret of never) {
        assert.ok(!stdout.includes(secret), `stdout holds a secret (${secret.slice(0, 6)}...)`);
        assert.ok(!stderr.includes(secret), `stderr holds a secret (${secret.slice(0, 6)}...)`);
        assert.ok(!argv.some((a) => a.includes(secret)), 'a secret in argv');
      }
      done({ status: code ?? -1, stdout, stderr });
    });
  });
}
