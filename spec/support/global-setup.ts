/**
 * What the suite needs set up before any spec file runs, done once in mocha's main process (a global
 * fixture, `mochaGlobalSetup`): the engine host and the 5.1 surface program built, the pinned PowerShell
 * tool restored, Pester restored, the TLS recorder compiled. Each of these is also done on first use by
 * the code that needs it; doing them here first means two spec files running at the same time (mocha
 * --parallel, .mocharc.json) never build or restore the same thing into the same folder at once.
 * Chromium is installed by the report's HTML spec itself (spec/support/chromium.ts), when missing, and the Azure
 * CLI by its sign-in spec (spec/support/azure-cli.ts): each is needed by one spec file only.
 */
import { appendFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePester, findPowerShellSync } from 'pester-ts-runner';
import { ensureHostBuilt } from '../../generator/engine/host.ts';
import { ensureSurfaceBuilt } from '../../generator/engine/surface.ts';
import { compileRecorder } from './tls-recorder.ts';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export async function mochaGlobalSetup(): Promise<void> {
  ensureHostBuilt(log);
  ensureSurfaceBuilt(log);
  compileRecorder();
  findPowerShellSync({ pinnedPowerShell: true });
  await ensurePester();
  // After the set-up above, which keeps what it restores outside the temp folder.
  runTemp = mkdtempSync(join(tmpdir(), 'remgen-suite-'));
  // Open as /tmp is (sticky, anyone may write): a spec runs the CLI as another user (first-run.spec.ts).
  chmodSync(runTemp, 0o1777);
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = runTemp;
}

/**
 * The run's own temp folder. Specs, and every process they start (the CLI, pwsh, the engine host, az), make
 * their scratch folders under the temp folder, and a script run leaves its log folder there: thousands per
 * run. TMPDIR (TMP, TEMP) names one folder for the whole run, set in mocha's main process before it starts
 * the workers, which inherit it; removed when the run ends, whatever its outcome.
 */
let runTemp: string | undefined;

export function mochaGlobalTeardown(): void {
  if (runTemp) rmSync(runTemp, { recursive: true, force: true });
}

/**
 * Where each spec file's time goes, for `npm run bench -- --only suite` (bench/suite.ts): with
 * REMGEN_SPEC_TIMES set to a file, each worker appends one JSON line per spec file it ran (its process id,
 * the file, when its root suite started and ended). Root hooks run once per spec file in parallel mode.
 */
const times = process.env.REMGEN_SPEC_TIMES;
let started = 0;
export const mochaHooks = times
  ? {
      beforeAll(this: Mocha.Context): void {
        started = Date.now();
      },
      afterAll(this: Mocha.Context): void {
        const file = this.test?.parent?.suites[0]?.file ?? this.test?.parent?.file ?? '';
        appendFileSync(times, `${JSON.stringify({ pid: process.pid, file, start: started, end: Date.now() })}\n`);
      },
    }
  : {};
