/**
 * Script steps (scriptProbe, scriptSetting, scriptAction): the admin's own PowerShell beside the descriptor,
 * held at build time to the lint rules with file:line:col in the admin's file, embedded in the one script,
 * run in the engine on simulated devices; declared unsimulated commands reported as not simulated.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAndCheck } from '../../../generator/build.ts';
import { formatDiagnostic } from '../../../generator/diagnostic.ts';
import { lintFiles } from '../../../generator/lint/index.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { scriptProbe, scriptProbeRoom } from '../../../generator/steps/custom/script-probe.ts';
import { scriptSetting, scriptSettingRoom } from '../../../generator/steps/custom/script-setting.ts';
import { synthesize } from '../../../generator/synthesize.ts';
import { Device } from '../../support/engine.ts';
import { REPO, remgen, scratchProject } from '../../support/temp-catalog.ts';
import { stripBuild } from '../../support/summary-line.ts';

const FIXTURES = join(REPO, 'spec', 'fixtures', 'script-step');
const KEY = 'HKLM\\SOFTWARE\\Contoso\\Agent';

const issues = (step: Parameters<typeof scriptSettingRoom.check>[0]): string[] => {
  const found: string[] = [];
  scriptSettingRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

/** The fixture catalog (or a copy changed by `edit`), checked and synthesized; its Intune scripts in a temp folder. */
async function build(from: string, edit?: (dir: string) => void): Promise<{ dir: string; detect: string; remediate: string; text: string }> {
  const project = scratchProject(from);
  edit?.(project.catalog);
  const { catalog, diagnostics } = await loadAndCheck(project.catalog);
  assert.deepEqual(diagnostics.map((d) => formatDiagnostic(d, project.catalog)), []);
  const synthesis = await synthesize(catalog, { catalogRoot: project.catalog, generatorVersion: '0.0.0-spec' });
  const dir = mkdtempSync(join(tmpdir(), 'remgen-script-step-'));
  for (const name of ['detect.ps1', 'remediate.ps1']) writeFileSync(join(dir, name), synthesis.files.get(`intune/agent-level/${name}`)!);
  return { dir, detect: join(dir, 'detect.ps1'), remediate: join(dir, 'remediate.ps1'), text: readFileSync(join(dir, 'remediate.ps1'), 'utf8') };
}

describe('step rooms: scriptProbe, scriptSetting, scriptAction', function () {
  this.timeout(120_000);

  describe('rules of the descriptor', () => {
    it('files are relative .ps1 paths; parameters are identifiers other than Step and the common ones; unsimulated are command names', () => {
      const base = { id: 's', test: './t.ps1', set: './s.ps1' };
      assert.deepEqual(issues(scriptSetting(base)), []);
      assert.deepEqual(issues(scriptSetting({ ...base, test: 'C:\\scripts\\t.ps1' })), ["test: test \"C:\\\\scripts\\\\t.ps1\" is absolute: give the path relative to the descriptor's folder, so the catalog builds anywhere"]);
      assert.match(issues(scriptSetting({ ...base, set: './s.psm1' }))[0]!, /^set: set "\.\/s\.psm1" must name a \.ps1 file/);
      assert.deepEqual(issues(scriptSetting({ ...base, parameters: { Step: 1, '1x': 2, WhatIf: true, Ok: ['a'] } })), [
        "parameters.Step: parameter name 'Step' is taken: the function gets -Step and PowerShell's common parameters; choose another name",
        'parameters.1x: parameter name "1x" is not a PowerShell identifier (letters, digits, _; not starting with a digit)',
        "parameters.WhatIf: parameter name 'WhatIf' is taken: the function gets -Step and PowerShell's common parameters; choose another name",
      ]);
      assert.deepEqual(issues(scriptSetting({ ...base, unsimulated: ['Storage\\Get-Volume', 'Get-Volume'] })), ['unsimulated.0: "Storage\\\\Get-Volume" is not a command name (Verb-Noun, no module qualifier or path)']);
      assert.equal(scriptProbeRoom.contextOf(scriptProbe({ id: 'p', test: './t.ps1' })), 'any');
      assert.equal(scriptProbeRoom.contextOf(scriptProbe({ id: 'p', test: './t.ps1', context: 'user' })), 'user');
    });

    it('a step that did not pass the check stage cannot be rendered', () => {
      assert.throws(() => scriptProbeRoom.toData(scriptProbe({ id: 'p', test: './t.ps1' })), /its files were not read/);
    });
  });

  describe('the admin\'s files at build time', () => {
    it('every finding of the bad files at file:line:col in the admin\'s own file, the descriptor\'s at the descriptor; nothing written', () => {
      const project = scratchProject(join(FIXTURES, 'bad'));
      const run = remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign'], project.root);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.ok(!existsSync(project.out), 'nothing written');
      const lines = run.stderr.trim().split('\n');
      const has = (pattern: RegExp): void => assert.ok(lines.some((l) => pattern.test(l)), `${pattern} in\n${run.stderr}`);
      has(/^catalog\/agent\.ts:11:34: error: step 'missing': test file \.\/not-there\.ps1 not found/);
      has(/^catalog\/agent\.ts:12:\d+: error: step 'seam-declared': Get-RgService is one of remgen's seams: it simulates; remove it from unsimulated$/);
      has(/^catalog\/bad-test\.ps1:8:5: error: no-forbidden-commands: Write-Host: /);
      has(/^catalog\/bad-test\.ps1:9:14: error: step-contract: Get-ItemProperty is outside remgen's seams, .* unsimulated: \['Get-ItemProperty'\]/);
      has(/^catalog\/bad-test\.ps1:10:13: error: no-7-only-syntax: null-coalescing operator \?\? /);
      has(/^catalog\/bad-test\.ps1:11:5: error: no-aliases: 'gci' is an alias of Get-ChildItem: write Get-ChildItem \(test half of steps 'agent-level', 'seam-declared'\)$/);
      has(/^catalog\/bad-test\.ps1:12:24: error: step-contract: exit in a step function /);
      has(/^catalog\/bad-test\.ps1:13:63: error: step-contract: character U\+00E9 is not ASCII/);
      has(/^catalog\/bad-test\.ps1:15:1: error: step-contract: '\$global:Leak = 1' is outside the function/);
      has(/^catalog\/bad-test\.ps1:1:1: error: step-contract: Test-ContosoBad declares no parameter \$MinimumLevel, which the descriptor passes/);
      has(/^catalog\/bad-set\.ps1:1:1: error: step-contract: Set-ContosoBad is a set half: declare \[CmdletBinding\(SupportsShouldProcess = \$true\)\]/);
      has(/^catalog\/bad-set\.ps1:1:1: error: step-contract: Set-ContosoBad is a set half: make each change inside if \(\$PSCmdlet\.ShouldProcess/);
      has(/^catalog\/bad-set\.ps1:5:5: error: no-forbidden-commands: Read-Host: /);
      assert.equal(lines.at(-1), 'remgen build: 13 errors; nothing was written to out/');
      project.dispose();
    });

    it('a write seam in the test half, a second function, a signature block and trailing whitespace are refused too', async () => {
      const project = scratchProject(join(FIXTURES, 'good'));
      writeFileSync(join(project.catalog, 'agent-test.ps1'), readFileSync(join(project.catalog, 'agent-test.ps1'), 'utf8')
        .replace("    $current = Get-RgRegistryData", "    Write-RgRegistryData -Hive 'HKLM' -SubKey 'SOFTWARE\\Contoso' -Name 'X' -Kind 'DWord' -Value 1 \n    $current = Get-RgRegistryData")
        + 'function Get-Helper { 1 }\n# SIG # Begin signature block\n# abc\n# SIG # End signature block\n');
      const { diagnostics } = await loadAndCheck(project.catalog);
      const text = diagnostics.map((d) => formatDiagnostic(d, project.catalog));
      assert.ok(text.some((l) => /^agent-test\.ps1:15:5: error: step-contract: Write-RgRegistryData changes the device: a test half only reads; call it from the set half/.test(l)), text.join('\n'));
      assert.ok(text.some((l) => /^agent-test\.ps1:15:\d+: error: step-contract: trailing whitespace/.test(l)), text.join('\n'));
      assert.ok(text.some((l) => /a step file defines exactly one function \(the test half\); this one defines 2/.test(l)), text.join('\n'));
      assert.ok(text.some((l) => /the file carries an Authenticode signature/.test(l)), text.join('\n'));
      project.dispose();
    });

    it('the good files build into one script each: the functions once, the parameters as escaped data, the output lint clean', async () => {
      const built = await build(join(FIXTURES, 'good'));
      const count = (name: string): number => built.text.split(`\nfunction ${name} {`).length - 1;
      assert.equal(count('Test-ContosoAgentLevel'), 1);
      assert.equal(count('Set-ContosoAgentLevel'), 1);
      assert.equal(count('Test-ContosoVolume'), 1);
      assert.ok(!readFileSync(built.detect, 'utf8').includes('function Set-ContosoAgentLevel'), 'detection carries no set half');
      assert.match(built.text, /Label += 'it''s \$\(Remove-Item C:\\\) `n'\r\n/, 'the parameter is a single-quoted literal');
      assert.match(built.text, /# remgen script step function Test-ContosoVolume \(\.\/volume-test\.ps1\) of steps volume, checked at build time; unsimulated: Get-Volume\r\n/);
      const findings = await lintFiles([built.detect, built.remediate]);
      assert.deepEqual(findings, []);
    });
  });

  describe('in the engine', () => {
    let built: Awaited<ReturnType<typeof build>>;
    before(async () => { built = await build(join(FIXTURES, 'good')); });
    const low: DeviceProfileProps = { name: 'low', description: 'level 1', registry: [{ path: KEY, name: 'Level', kind: 'DWord', value: 1 }] };

    it('the setting: not compliant at level 1, set by the admin\'s function through ShouldProcess, verified; a second run changes nothing; the text parameter arrives as the data it is', async () => {
      const device = new Device(low);
      const detect = await device.run(built.detect);
      assert.equal(detect.exitCode, 1);
      assert.match(detect.output[0]!, /agent-level \(is level 1, want at least 3\)/);
      const fix = await device.run(built.remediate);
      assert.match(stripBuild(fix.output[0]), /^FAILED agent-level: 1 of 2 checks still failed: volume \(error: Get-Volume is not simulated: /);
      assert.ok(fix.state.registry.some((e) => e.path === KEY && e.name === 'Level' && e.value === 3));
      assert.deepEqual(fix.notSimulated, ['Get-Volume']);
      const again = await device.run(built.remediate);
      assert.ok(!again.calls.some((c) => c.Seam === 'Write-RgRegistryData' && c.Arguments.Name === 'Level'), 'nothing written again');
      const missing = await new Device({ name: 'none', description: 'no value' }).run(built.detect);
      assert.match(missing.output[0]!, /agent-level \(is no level \(it's \$\(Remove-Item C:\\\) `n\), want at least 3\)/);
    });

    it('-WhatIf reaches the admin\'s ShouldProcess: nothing written', async () => {
      const run = await new Device(low).run(built.remediate, { parameters: { WhatIf: true } });
      assert.ok(!run.calls.some((c) => c.Seam === 'Write-RgRegistryData' && c.Arguments.Name === 'Level'));
      assert.ok(run.host.some((l) => /What if: Performing the operation "Set to 3" on target "HKLM:\\SOFTWARE\\Contoso\\Agent\\Level"/.test(l)), run.host.join('\n'));
    });

    it('a test function that returns $true instead of a result is an error naming what came back, never a pass', async () => {
      const wrong = await build(join(FIXTURES, 'good'), (dir) => {
        writeFileSync(join(dir, 'agent.ts'), readFileSync(join(dir, 'agent.ts'), 'utf8').replace("scriptProbe({ id: 'volume', test: './volume-test.ps1', unsimulated: ['Get-Volume'] })", "scriptProbe({ id: 'volume', test: './wrong-result.ps1' })"));
      });
      const run = await new Device({ ...low, registry: [{ path: KEY, name: 'Level', kind: 'DWord', value: 5 }] }).run(wrong.detect);
      assert.equal(run.exitCode, 1);
      assert.match(run.output[0]!, /volume \(error: Test-ContosoWrongResult returned 1 object\(s\): Boolean True, not one result from New-RgStepResult -Step \$Step\)$/);
    });

    it('a test function that returns its result and something else besides is an error too, never a pass', async () => {
      const stray = await build(join(FIXTURES, 'good'), (dir) => {
        writeFileSync(join(dir, 'stray-output.ps1'), [
          'function Test-ContosoStrayOutput {',
          '    [CmdletBinding()]',
          '    param(',
          '        [Parameter(Mandatory = $true)]',
          '        [System.Collections.IDictionary]$Step',
          '    )',
          "    'checking the volume'",
          "    New-RgStepResult -Step $Step -Compliant $true -Actual 'fine' -Expected 'fine'",
          '}',
          '',
        ].join('\n'));
        writeFileSync(join(dir, 'agent.ts'), readFileSync(join(dir, 'agent.ts'), 'utf8').replace("scriptProbe({ id: 'volume', test: './volume-test.ps1', unsimulated: ['Get-Volume'] })", "scriptProbe({ id: 'volume', test: './stray-output.ps1' })"));
      });
      const run = await new Device({ ...low, registry: [{ path: KEY, name: 'Level', kind: 'DWord', value: 5 }] }).run(stray.detect);
      assert.equal(run.exitCode, 1);
      assert.match(run.output[0]!, /volume \(error: Test-ContosoStrayOutput returned 2 object\(s\): String checking the volume, PSCustomObject [^)]*\)?, not one result from New-RgStepResult -Step \$Step\)$/);
    });

    it('remgen simulate says which step could not be simulated, and why', () => {
      const project = scratchProject(join(FIXTURES, 'good'));
      cpSync(join(FIXTURES, 'good'), project.catalog, { recursive: true });
      assert.equal(remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign', '--target', 'intune'], project.root).status, 0);
      writeFileSync(join(project.root, 'low.json'), JSON.stringify(low));
      const run = remgen(['simulate', 'agent-level', '--catalog', 'catalog', '--out', 'out', '--profile', join(project.root, 'low.json')], project.root);
      assert.match(run.stdout, /\n {2}not simulated: step volume calls Get-Volume, declared outside remgen's seams: its result here is not the device's\n/, run.stdout + run.stderr);
      project.dispose();
    });
  });
});
