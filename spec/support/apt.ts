/**
 * A Debian package a spec needs, installed on first use through apt-get (as root: the only registry the machines
 * and CI reach that has it), pinned to the version the spec was written against; when Debian no longer serves
 * that version the current one is taken and said. Every apt-get is bounded (10 minutes) and waits for the dpkg
 * lock rather than failing on it, since two spec files may install at the same time (mocha --parallel).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function apt(args: string[]): { ok: boolean; output: string } {
  const run = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.slice(-2000) };
}

/** Installs `name` (at `pin` when served) unless `binary` exists; throws saying why it cannot. */
export function ensureDebianPackage(name: string, pin: string, binary: string, log: (line: string) => void = () => {}): void {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0) throw new Error(`${binary} is missing and this is not root: install Debian's ${name} package (apt-get install ${name})`);
  if (spawnSync('apt-get', ['--version']).status !== 0) throw new Error(`${binary} is missing and there is no apt-get: this spec needs Debian's ${name} package`);
  log(`installing Debian's ${name} ${pin} (apt-get)`);
  const update = apt(['update']);
  if (!update.ok) throw new Error(`apt-get update failed:\n${update.output}`);
  let install = apt(['install', '-y', '--no-install-recommends', `${name}=${pin}`]);
  if (!install.ok) {
    log(`${name} ${pin} is not served any more; installing the current one`);
    install = apt(['install', '-y', '--no-install-recommends', name]);
  }
  if (!install.ok || !existsSync(binary)) throw new Error(`apt-get install ${name} failed:\n${install.output}`);
}
