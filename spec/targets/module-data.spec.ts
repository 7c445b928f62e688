/**
 * The module target with awkward descriptor data (synthesized in memory, unsigned): quotes, curly quotes,
 * `$(...)`, newlines and non-ASCII in the texts, user context, a multi-part id and a four-part version.
 * The manifest must still be a data file Test-ModuleManifest accepts, and the module must import.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Catalog } from '../../generator/check/catalog.ts';
import { defineRemediation } from '../../generator/descriptor/remediation.ts';
import { checkOutputBytes } from '../../generator/render/gate.ts';
import { psString } from '../../generator/render/escape.ts';
import { registryValue } from '../../generator/steps/registry/registry-value.ts';
import { synthesize } from '../../generator/synthesize.ts';
import { engine, scriptFile } from '../support/engine.ts';
import { REPO } from '../support/temp-catalog.ts';

const remediation = defineRemediation({
  id: 'odd-user-fix2',
  displayName: "It's \u2018odd\u2019 $(Get-Date) `n",
  description: 'Line one;\nline two with \u00e9 and #> and <# and a quote \' and "double".',
  publisher: "O'Brien \u2014 Team",
  context: 'user',
  targets: ['module'],
  version: '2.3.4.5',
  steps: [registryValue({ id: 'value', path: 'HKCU:\\Software\\Odd', name: 'V', type: 'String', value: "it's $(x)" })],
});

describe('module target: descriptor data reaches the manifest and module only as constant literals', function () {
  this.timeout(120_000);

  it('renders OddUserFix2, passes the gate, and Test-ModuleManifest and Import-Module accept it', async () => {
    const catalog: Catalog = { remediations: [{ remediation, file: join(REPO, 'remediations', 'odd-user-fix2.ts') }], bundles: [] };
    const synthesis = await synthesize(catalog, { catalogRoot: join(REPO, 'remediations'), generatorVersion: '0.0.0-spec' });
    assert.deepEqual([...synthesis.files.keys()].sort(), ['module/odd-user-fix2/OddUserFix2/OddUserFix2.psd1', 'module/odd-user-fix2/OddUserFix2/OddUserFix2.psm1', 'module/odd-user-fix2/README.md']);
    const dir = mkdtempSync(join(tmpdir(), 'remgen-module-'));
    for (const [path, bytes] of synthesis.files) {
      checkOutputBytes(path, bytes);
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const psd1 = join(dir, 'module/odd-user-fix2/OddUserFix2/OddUserFix2.psd1');
    const result = await engine().run({
      file: scriptFile([
        "$ErrorActionPreference = 'Stop'",
        `$info = Test-ModuleManifest -Path ${psString(psd1)}`,
        '[string]$info.Version',
        '$info.Author',
        '$info.Description',
        `$module = Import-Module -Name ${psString(psd1)} -PassThru`,
        "$keys = [string[]]@($module.ExportedFunctions.Keys); [array]::Sort($keys); ($keys -join ',')",
        '',
      ].join('\r\n')),
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.output[0], '2.3.4.5');
    assert.equal(result.output[1], "O'Brien - Team");
    assert.match(result.output[2]!, /^It's 'odd' \$\(Get-Date\) `n: Line one; line two with U\+00E9 and #`> and <`# and a quote ' and "double"\.$/);
    assert.equal(result.output[3], 'Repair-OddUserFix2,Test-OddUserFix2');
  });
});
