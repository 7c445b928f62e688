/**
 * A real headless Chromium for the page tests: Debian's `chromium` package, installed here when it is missing
 * (as root, through apt-get: the only registry the machines and CI reach that has a browser; a test tool's own
 * browser download cannot work here). The version is pinned to the one the tests were written against, and when
 * Debian no longer serves it (its security updates replace Chromium often) the current one is taken and said.
 * Driven by playwright-core (which downloads nothing) with the flags this closed network needs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
/** Debian bookworm-security's chromium when these tests were written. */
export const CHROMIUM_PIN = '156.0.8078.114-1~deb12u1';

/** Flags for a root, offline, headless run: no sandbox (root), and none of the background fetches a closed network refuses. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'];

function apt(args: string[]): { ok: boolean; output: string } {
  const run = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.slice(-2000) };
}

/** The path of Debian's Chromium, installing it first when missing; throws saying why it cannot. */
export function ensureChromium(log: (line: string) => void = () => {}): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing and this is not root: install Debian's chromium package (apt-get install chromium)`);
  if (spawnSync('apt-get', ['--version']).status !== 0) throw new Error(`${CHROMIUM} is missing and there is no apt-get: the page tests need Debian's chromium package`);
  log(`installing Debian's chromium ${CHROMIUM_PIN} (apt-get)`);
  const update = apt(['update']);
  if (!update.ok) throw new Error(`apt-get update failed:\n${update.output}`);
  let install = apt(['install', '-y', '--no-install-recommends', `chromium=${CHROMIUM_PIN}`]);
  if (!install.ok) {
    log(`chromium ${CHROMIUM_PIN} is not served any more; installing the current one`);
    install = apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (!install.ok || !existsSync(CHROMIUM)) throw new Error(`apt-get install chromium failed:\n${install.output}`);
  log(`installed ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`);
  return CHROMIUM;
}
