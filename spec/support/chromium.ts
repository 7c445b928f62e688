/**
 * A real headless Chromium for the page tests: Debian's `chromium` package, installed here when it is missing
 * (spec/support/apt.ts: the only registry the machines and CI reach that has a browser; a test tool's own
 * browser download cannot work here). The version is pinned to the one the tests were written against, and when
 * Debian no longer serves it (its security updates replace Chromium often) the current one is taken and said.
 * Driven by playwright-core (which downloads nothing) with the flags this closed network needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackage } from './apt.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** Debian bookworm-security's chromium when these tests were written. */
export const CHROMIUM_PIN = '156.0.8078.114-1~deb12u1';

/** Flags for a root, offline, headless run: no sandbox (root), and none of the background fetches a closed network refuses. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'];

/** The path of Debian's Chromium, installing it first when missing; throws saying why it cannot. */
export function ensureChromium(log: (line: string) => void = () => {}): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  ensureDebianPackage('chromium', CHROMIUM_PIN, CHROMIUM, log);
  log(`installed ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`);
  return CHROMIUM;
}
