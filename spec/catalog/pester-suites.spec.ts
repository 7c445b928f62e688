/**
 * The generated Pester suites of the whole bundled catalog, run by real Pester (an installed 5.x/6.x, else
 * NuGet's 5.7.1) on real PowerShell (pwsh on PATH, else the pinned 7.6.10 tool) through pester-ts-runner:
 * one PowerShell process for every suite, one mocha test per Pester test.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePester } from 'pester-ts-runner/mocha';
import { build } from '../../generator/build.ts';

const CATALOG = fileURLToPath(new URL('../../remediations', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'remgen-pester-'));

describePester('the bundled catalog\'s Pester suites under real Pester', async () => {
  const outcome = await build({ catalog: CATALOG, out, targets: ['intune'] });
  if (outcome.kind !== 'written') throw new Error(`the bundled catalog did not build: ${outcome.kind}`);
  const suites = readdirSync(join(out, 'intune')).flatMap((id) =>
    readdirSync(join(out, 'intune', id)).includes('tests')
      ? readdirSync(join(out, 'intune', id, 'tests')).filter((f) => f.endsWith('.Tests.ps1')).map((f) => join(out, 'intune', id, 'tests', f))
      : []);
  if (suites.length === 0) throw new Error('the build wrote no Pester suite');
  return { containers: suites };
}, {
  onRun: () => rmSync(out, { recursive: true, force: true }),
});
