import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const BIN = join(REPO, 'bin', 'remgen.js');

/**
 * A scratch folder outside the repo, set up as an admin's project would be: `remgen` resolvable from
 * `node_modules` (a link to this checkout) and a `catalog/` folder of descriptors.
 */
export function scratchProject(catalogFrom?: string): { root: string; catalog: string; out: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'remgen-spec-'));
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(REPO, join(root, 'node_modules', 'remgen'), 'dir');
  const catalog = join(root, 'catalog');
  if (catalogFrom) cpSync(catalogFrom, catalog, { recursive: true });
  else mkdirSync(catalog);
  return { root, catalog, out: join(root, 'out'), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI in a child process, as an admin would. Stopped after 150 s: `remgen simulate` of a bundle
 * package runs 14 device profiles and took 65 s on this 2-core machine with four agents' work on it.
 */
export function remgen(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 150_000 });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
