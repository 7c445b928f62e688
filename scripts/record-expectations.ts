/**
 * Records what each bundled device profile should see from each Intune package it is bundled for
 * (`remediations/profiles/expected.json`): the exit codes of detection, remediation and detection again,
 * and the actions the remediation took (read off its seam calls by the simulation harness). The packages'
 * Pester suites assert exactly this, so a changed behaviour fails them until it is reviewed and recorded
 * again with `npm run profile:expect` (the file goes in its own commit, like the goldens).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAndCheck } from '../generator/build.ts';
import { synthesize } from '../generator/synthesize.ts';
import { writeOutput } from '../generator/write/index.ts';
import { getEngine } from '../generator/engine/index.ts';
import { continueDevice, simulate } from '../generator/engine/simulate.ts';
import type { SimulatedDevice } from '../generator/engine/profile.ts';
import { withoutBuildId } from '../generator/report/summary.ts';
import { EXPECTATIONS_FILE, type CycleExpectation, type Expectations } from '../generator/model/expectation.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const catalog = join(ROOT, 'remediations');
const out = mkdtempSync(join(tmpdir(), 'remgen-expect-'));
try {
  const checked = await loadAndCheck(catalog);
  if (checked.diagnostics.length > 0) throw new Error(`the catalog does not build: ${JSON.stringify(checked.diagnostics)}`);
  // Without the expectations being recorded, so no suite is rendered from them.
  const synthesis = await synthesize({ ...checked.catalog, expectations: undefined }, { catalogRoot: catalog, targets: ['intune'] });
  await writeOutput(out, synthesis, { partial: false });
  const outcome = { synthesis };
  const engine = getEngine();
  const expected: Record<string, Record<string, CycleExpectation>> = {};
  for (const pkg of outcome.synthesis.packages) {
    for (const profile of pkg.profiles ?? []) {
      let device: SimulatedDevice = profile;
      const run = async (script: string) => {
        const result = await simulate(engine, join(out, pkg.dir, script), device);
        device = continueDevice(profile, result.state);
        return result;
      };
      const detect = await run('detect.ps1');
      // The run's temporary %ProgramData%/%LOCALAPPDATA% folder, as the suite writes it too.
      // Without the build id (`tls@3f9a0c1` -> `tls`): a rebuild that changes only the id records nothing new; the
      // suite puts the package's id back in (Package.Tests.ps1 Add-RgSuiteBuild).
      const line = (r: typeof detect) => withoutBuildId(r.output.join('\n')).replace(/[^\s(]*remgen-sim-[A-Za-z0-9]+[\\/]device[\\/]/g, '%LOGROOT%\\');
      let entry: CycleExpectation = { detect: detect.exitCode, remediate: null, again: null, summaries: [line(detect)], actions: [] };
      if (detect.exitCode !== 0) {
        const remediate = await run('remediate.ps1');
        const again = await run('detect.ps1');
        entry = { detect: detect.exitCode, remediate: remediate.exitCode, again: again.exitCode, summaries: [line(detect), line(remediate), line(again)], actions: [...remediate.actions] };
      }
      (expected[pkg.remediation.id] ??= {})[profile.name] = entry;
      process.stdout.write(`${pkg.remediation.id} on ${profile.name}: ${JSON.stringify(entry)}\n`);
    }
  }
  const file: Expectations = expected;
  writeFileSync(join(catalog, EXPECTATIONS_FILE), `${JSON.stringify(file, null, 2)}\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
