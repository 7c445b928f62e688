import { readFileSync } from 'node:fs';
import type { CycleExpectation } from '../model/expectation.ts';
import type { Package } from '../plan/index.ts';
import { renderProfile } from '../engine/profile.ts';
import { gatedBytes } from '../render/gate.ts';
import { psValue } from '../render/escape.ts';
import { pascalName } from '../script/index.ts';
import type { OutputFile } from './target.ts';

/**
 * An Intune package's Pester suite (`intune/<id>/tests/`): the suite itself (the same file for every
 * package, generic over rooms), the simulation harness it drives, `package.psd1` (the id, the devices and
 * what each should see) and one data file per bundled device profile. All signed like the scripts. Rendered
 * from text already in memory: no process, no engine.
 */

const read = (url: URL): string => readFileSync(url, 'utf8');
let statics: { suite: string; harness: string } | undefined;
const staticFiles = () =>
  (statics ??= {
    suite: read(new URL('../../templates/targets/intune/Package.Tests.ps1', import.meta.url)),
    harness: read(new URL('../engine/Invoke-RgSimulation.ps1', import.meta.url)),
  });

/**
 * A PowerShell data file (`Import-PowerShellDataFile`: constants, arrays and hashtables only) from
 * psValue text: its `[ordered]` casts dropped (key order means nothing to the suite). Strings are
 * single-quoted literals, so the cast only occurs as a token after `=`, `@(`, `,` or at a line start.
 */
const dataFile = (text: string): string => text.replace(/(^|= |@\(|, )\[ordered\]@\{/gm, '$1@{');

const words = (exit: number | null, none: string): string => (exit === null ? none : `exits ${exit}`);

/** The suite's files for a package with bundled profiles; none without. */
export function renderIntuneTests(pkg: Package): OutputFile[] {
  const profiles = pkg.profiles ?? [];
  // A catalog that recorded no expectations for the package (or is being recorded) gets no suite.
  if (profiles.length === 0 || !pkg.expected) return [];
  const dir = `${pkg.dir}/tests`;
  const { suite, harness } = staticFiles();
  const devices = profiles.map((profile) => {
    const expected: CycleExpectation | undefined = pkg.expected?.[profile.name];
    if (!expected) {
      throw new Error(`${pkg.remediation.id}: no expectation recorded for device profile '${profile.name}' in profiles/expected.json; run 'npm run profile:expect' and review the result`);
    }
    return {
      DeviceName: profile.name,
      Description: profile.description,
      ExpectDetect: expected.detect,
      ExpectRemediate: expected.remediate,
      ExpectAgain: expected.again,
      ExpectSummaries: [...expected.summaries],
      ExpectActions: [...expected.actions],
      RemediationTitle: words(expected.remediate, 'not run (detection found nothing)'),
      ActionsTitle: expected.actions.length === 0 ? 'none' : `${expected.actions.length} in order`,
      AgainTitle: words(expected.again, 'not run'),
    };
  });
  const data = dataFile(`${psValue({ Id: pkg.remediation.id, Devices: devices })}\n`);
  const file = (name: string, text: string): OutputFile => ({ path: `${dir}/${name}`, bytes: gatedBytes(`${dir}/${name}`, text), sign: true });
  return [
    file(`${pascalName(pkg.remediation.id)}.Tests.ps1`, suite),
    file('Invoke-RgSimulation.ps1', harness),
    file('package.psd1', data),
    ...profiles.map((p) => file(`profiles/${p.name}.psd1`, dataFile(renderProfile(p)))),
  ];
}

