/**
 * The module target: module/<id>/<Name>/<Name>.psm1 and .psd1, built signed by the real CLI from the bundled
 * tls descriptor (given `targets: ['module']` and a version in a scratch copy), imported by the PowerShell
 * engine and run against simulated devices.
 *
 * The device simulation harness defines its seam fakes and aliases in its own script scope, which a
 * module's functions do not see: a module resolves commands in its own session state (module scope, then
 * the global scope). So each case's test script imports the module and dot-sources a block into the
 * module's session state (`. $module { ... }`) that points an alias of each seam's name at a wrapper of the
 * harness's fake; an alias wins over the module's function of the same name, the module's bytes stay as
 * signed, and the aliases live only in that runspace.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulation, SimulateOptions } from '../../generator/engine/simulate.ts';
import { simulate } from '../../generator/engine/simulate.ts';
import { formatFinding, lintFiles } from '../../generator/lint/index.ts';
import type { DeviceProfile } from '../../generator/model/profile.ts';
import { psString } from '../../generator/render/escape.ts';
import { moduleGuid } from '../../generator/targets/module.ts';
import { ensureOsslsigncode, osslVerify } from '../sign/support/tools.ts';
import { bundledProfile, engine, scriptFile } from '../support/engine.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';

const SCHANNEL = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';

/** An object the test script printed: its first type name and its properties as text. */
interface Shown {
  readonly type: string;
  readonly props: Readonly<Record<string, string>>;
}

/** Output lines of the test script: objects as `OBJ<TAB>type<TAB>name=value...`, other lines as they are. */
function shown(run: { output: readonly string[] }): Shown[] {
  return run.output.filter((line) => line.startsWith('OBJ\t')).map((line) => {
    const [, type, ...fields] = line.split('\t');
    return { type: type!, props: Object.fromEntries(fields.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)])) };
  });
}

/** A test script that imports the module, routes its seams to the harness's fakes, then runs `body`. */
function moduleCase(psd1: string, body: string): string {
  return scriptFile([
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    `$RgModule = Import-Module -Name ${psString(psd1)} -PassThru -Force`,
    '$RgFakes = @(foreach ($seam in $RgSimSeams) { Get-Command -Name (\'RgSim.\' + $seam) -CommandType Function })',
    '. $RgModule {',
    '    param([string[]]$Seams, [object[]]$Fakes)',
    '    for ($index = 0; $index -lt $Seams.Count; $index++) {',
    '        $fake = $Fakes[$index]',
    "        $null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Function:\\', 'RgSim.' + $Seams[$index], 'Function', { & $fake @args }.GetNewClosure())",
    "        $null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Alias:\\', $Seams[$index], 'Alias', 'RgSim.' + $Seams[$index])",
    '    }',
    '} $RgSimSeams $RgFakes',
    'function ConvertTo-RgSpecLine {',
    '    param([Parameter(ValueFromPipeline = $true)][object]$InputObject)',
    '    process {',
    "        $fields = foreach ($property in $InputObject.PSObject.Properties) { $property.Name + '=' + [string]$property.Value }",
    "        'OBJ' + \"`t\" + $InputObject.PSObject.TypeNames[0] + \"`t\" + ($fields -join \"`t\")",
    '    }',
    '}',
    body,
    '',
  ].join('\r\n'), 'case.ps1');
}

describe('module target: signed Tls module in the engine', function () {
  this.timeout(180_000);
  let project: ReturnType<typeof scratchProject>;
  let dir: string;
  let psd1: string;
  let psm1: string;
  const profiles: Record<string, DeviceProfile> = {};

  const run = (profile: string, body: string, options: SimulateOptions = {}): Promise<Simulation> =>
    simulate(engine(), moduleCase(psd1, body), profiles[profile]!, options);
  const writes = (sim: Simulation) => sim.calls.filter((c) => c.Seam === 'Write-RgRegistryData');
  const value = (sim: Simulation, path: string, name: string) => sim.state.registry.find((e) => e.path === path && e.name === name);

  before(async () => {
    project = scratchProject(join(REPO, 'remediations'));
    const descriptor = join(project.catalog, 'tls.ts');
    const text = readFileSync(descriptor, 'utf8');
    assert.match(text, / {2}context: 'system',\n/);
    writeFileSync(descriptor, text.replace("  context: 'system',\n", "  context: 'system',\n  targets: ['module'],\n  version: '1.2.0',\n"));
    const build = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
    assert.equal(build.status, 0, build.stdout + build.stderr);
    dir = join(project.out, 'module', 'tls');
    psd1 = join(dir, 'Tls', 'Tls.psd1');
    psm1 = join(dir, 'Tls', 'Tls.psm1');
    for (const name of ['tls-healthy', 'tls-off', 'tls-partly', 'tls-access-denied', 'tls-32bit-host']) profiles[name] = await bundledProfile(name);
  });
  after(() => project.dispose());

  it('writes Tls/Tls.psm1, Tls/Tls.psd1 and README.md, the two module files signed (manifest), ASCII and CRLF, and no exit', () => {
    const manifest = JSON.parse(readFileSync(join(project.out, 'manifest.json'), 'utf8')) as { files: { path: string; signed: boolean }[] };
    assert.deepEqual(manifest.files.filter((f) => f.path.startsWith('module/tls/')).map((f) => `${f.path} ${f.signed}`), ['module/tls/README.md false', 'module/tls/Tls/Tls.psd1 true', 'module/tls/Tls/Tls.psm1 true']);
    for (const file of [psd1, psm1]) {
      const bytes = readFileSync(file);
      assert.ok(bytes.every((b) => b < 0x80), `${file} is ASCII`);
      assert.doesNotMatch(bytes.toString('latin1'), /[^\r]\n/, `${file} is CRLF only`);
      assert.match(bytes.toString('latin1'), /\r\n# SIG # Begin signature block\r\n/);
    }
    assert.doesNotMatch(readFileSync(psm1, 'latin1'), /^\s*exit\b/m, 'a module never exits');
    assert.doesNotMatch(readFileSync(psm1, 'latin1'), /Invoke-RgMain|Invoke-RgRelaunch|Sysnative/, 'no 64-bit relaunch in a module');
  });

  it('both module files pass every lint rule (a module and a manifest: no exit, Core commands only outside the seams, signature last)', async () => {
    const findings = await lintFiles([psm1, psd1]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('both module files verify with osslsigncode against the development certificate', async () => {
    await ensureOsslsigncode();
    const caFile = join(project.root, 'dev.pem');
    execFileSync('openssl', ['x509', '-inform', 'der', '-in', join(project.root, '.remgen', 'dev-signing.cer'), '-out', caFile]);
    for (const file of [psd1, psm1]) {
      const result = await osslVerify(file, caFile);
      assert.ok(result.ok, `${file}: ${result.output}`);
    }
  });

  it('Test-ModuleManifest passes: version from the descriptor, GUID from the id, 5.1 Desktop, exactly Test-Tls and Repair-Tls', async () => {
    const result = await engine().run({
      file: scriptFile([
        "$ErrorActionPreference = 'Stop'",
        `$info = Test-ModuleManifest -Path ${psString(psd1)}`,
        '[string]$info.Version',
        '[string]$info.Guid',
        '[string]$info.PowerShellVersion',
        "($info.CompatiblePSEditions -join ',')",
        '$keys = [string[]]@($info.ExportedFunctions.Keys); [array]::Sort($keys); ($keys -join \',\')',
        "'cmdlets=' + $info.ExportedCmdlets.Count + ' aliases=' + $info.ExportedAliases.Count + ' variables=' + $info.ExportedVariables.Count",
        `$module = Import-Module -Name ${psString(psd1)} -PassThru`,
        '$keys = [string[]]@($module.ExportedCommands.Keys); [array]::Sort($keys); ($keys -join \',\')',
        '$keys = [string[]]@(Get-Command -Module Tls | ForEach-Object -Process { $_.CommandType.ToString() + \':\' + $_.Name }); [array]::Sort($keys); ($keys -join \',\')',
        '',
      ].join('\r\n')),
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.output, [
      '1.2.0',
      moduleGuid('tls'),
      '5.1',
      'Desktop',
      'Repair-Tls,Test-Tls',
      'cmdlets=0 aliases=0 variables=0',
      'Repair-Tls,Test-Tls',
      'Function:Repair-Tls,Function:Test-Tls',
    ]);
  });

  it('the GUID is a stable RFC 4122 version 5 UUID of the id', () => {
    assert.equal(moduleGuid('tls'), moduleGuid('tls'));
    assert.notEqual(moduleGuid('tls'), moduleGuid('tls-user'));
    assert.match(moduleGuid('tls'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('Get-Help shows the synopsis and the examples of both functions; Repair-Tls supports -WhatIf and -Confirm', async () => {
    const result = await engine().run({
      file: scriptFile([
        "$ErrorActionPreference = 'Stop'",
        `Import-Module -Name ${psString(psd1)}`,
        "foreach ($name in @('Test-Tls', 'Repair-Tls')) {",
        '    $help = Get-Help -Name $name -Full',
        "    'SYNOPSIS ' + $name + ' ' + ([string]$help.Synopsis).Trim()",
        "    foreach ($example in @($help.examples.example)) { 'EXAMPLE ' + $name + ' ' + ([string]$example.code).Trim() }",
        '}',
        "$parameters = (Get-Command -Name Repair-Tls).Parameters.Keys",
        "'REPAIR WhatIf=' + ($parameters -contains 'WhatIf') + ' Confirm=' + ($parameters -contains 'Confirm')",
        "'TEST WhatIf=' + ((Get-Command -Name Test-Tls).Parameters.Keys -contains 'WhatIf')",
        '',
      ].join('\r\n')),
    });
    assert.deepEqual(result.errors, []);
    const lines = result.output;
    assert.ok(lines.includes('SYNOPSIS Test-Tls Tests every step of tls and returns one object per step; changes nothing.'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('SYNOPSIS Repair-Tls Applies every step of tls that is not compliant')), lines.join('\n'));
    const examples = lines.filter((l) => l.startsWith('EXAMPLE '));
    assert.deepEqual(examples.filter((l) => l.startsWith('EXAMPLE Test-Tls')).length, 3);
    assert.ok(examples.includes('EXAMPLE Repair-Tls Repair-Tls -WhatIf'), examples.join('\n'));
    assert.ok(examples.includes('EXAMPLE Repair-Tls Repair-Tls -Confirm'), examples.join('\n'));
    assert.ok(lines.includes('REPAIR WhatIf=True Confirm=True'));
    assert.ok(lines.includes('TEST WhatIf=False'));
  });

  it('imports without output, and Test-Tls on a healthy device returns 12 compliant objects and writes nothing', async () => {
    const sim = await run('tls-healthy', 'Test-Tls | ConvertTo-RgSpecLine');
    assert.deepEqual(sim.errors, []);
    assert.deepEqual(sim.warnings, []);
    assert.deepEqual(sim.output.filter((l) => !l.startsWith('OBJ\t')), [], 'objects only, no text');
    const objects = shown(sim);
    assert.equal(objects.length, 12);
    for (const o of objects) {
      assert.equal(o.type, 'Remgen.StepTest');
      assert.deepEqual(Object.keys(o.props), ['Name', 'Title', 'Category', 'Compliant', 'Detail', 'Actual', 'Expected']);
      assert.equal(o.props.Compliant, 'True');
      assert.equal(o.props.Category, 'setting');
    }
    assert.equal(objects[0]!.props.Name, 'schannel-tls12-client-enabled');
    assert.equal(objects[0]!.props.Detail, 'DWord 1 (0x1)');
    assert.deepEqual(writes(sim), []);
    assert.equal(sim.calls.filter((c) => c.Seam === 'Get-RgRegistryData').length, 12, 'the module reached the simulated registry through its seams');
    assert.ok(sim.log.some((l) => l.includes('Test started (Tls.psm1)')), 'CMTrace log written');
  });

  it('Test-Tls on a device with TLS off: 12 objects not compliant, each saying what it is and what it wants', async () => {
    const sim = await run('tls-off', 'Test-Tls | ConvertTo-RgSpecLine');
    assert.deepEqual(sim.errors, []);
    const objects = shown(sim);
    assert.equal(objects.length, 12);
    assert.ok(objects.every((o) => o.props.Compliant === 'False'));
    assert.equal(objects[0]!.props.Detail, 'is missing (no key), want DWord 1 (0x1)');
    assert.deepEqual(writes(sim), []);
  });

  it('Repair-Tls -WhatIf lists each change and leaves the simulated registry unchanged', async () => {
    const sim = await run('tls-off', 'Repair-Tls -WhatIf | ConvertTo-RgSpecLine');
    assert.deepEqual(sim.errors, []);
    assert.deepEqual(writes(sim), []);
    assert.equal(value(sim, SCHANNEL, 'Enabled'), undefined);
    const whatIf = sim.host.filter((l) => l.startsWith('What if: '));
    assert.equal(whatIf.length, 12, sim.host.join('\n'));
    assert.ok(whatIf.some((l) => l.includes('SCHANNEL\\Protocols\\TLS 1.2\\Client\\Enabled (64-bit view)') && l.includes('Set to DWord 1 (0x1)')), whatIf.join('\n'));
    const objects = shown(sim);
    assert.equal(objects.length, 12);
    assert.ok(objects.every((o) => o.type === 'Remgen.StepRepair' && o.props.Action === 'WhatIf' && o.props.Compliant === 'False'), JSON.stringify(objects));
  });

  it('Repair-Tls changes the registry, returns Changed objects, warns about the restart, and Test-Tls then passes', async () => {
    const sim = await run('tls-off', 'Repair-Tls | ConvertTo-RgSpecLine\r\n\'AFTER\'\r\nTest-Tls | ConvertTo-RgSpecLine');
    assert.deepEqual(sim.errors, []);
    assert.equal(writes(sim).length, 12);
    assert.deepEqual(value(sim, SCHANNEL, 'Enabled'), { path: SCHANNEL, name: 'Enabled', kind: 'DWord', value: 1 });
    const objects = shown(sim);
    const repair = objects.filter((o) => o.type === 'Remgen.StepRepair');
    assert.equal(repair.length, 12);
    assert.ok(repair.every((o) => o.props.Action === 'Changed' && o.props.Compliant === 'True'), JSON.stringify(repair));
    assert.equal(repair[0]!.props.Before, 'is missing (no key), want DWord 1 (0x1)');
    assert.equal(repair[0]!.props.RestartRequired, 'True');
    assert.deepEqual(sim.warnings, ['restart the device for the changes to take effect']);
    const after = objects.filter((o) => o.type === 'Remgen.StepTest');
    assert.equal(after.length, 12);
    assert.ok(after.every((o) => o.props.Compliant === 'True'));
  });

  it('Repair-Tls -Confirm asks once per change: Yes applies that one, No skips it', async () => {
    // Each step's set function is its own command, so "Yes/No to All" holds for one step only: one answer per change.
    const sim = await run('tls-off', 'Repair-Tls -Confirm | ConvertTo-RgSpecLine', { confirm: ['Y', ...Array<string>(11).fill('N')] });
    assert.deepEqual(sim.errors, []);
    assert.equal(sim.prompts.length, 12, sim.prompts.join('\n'));
    assert.match(sim.prompts[0]!, /SCHANNEL\\Protocols\\TLS 1\.2\\Client\\Enabled/);
    assert.equal(writes(sim).length, 1);
    assert.deepEqual(value(sim, SCHANNEL, 'Enabled')?.value, 1);
    const actions = shown(sim).map((o) => o.props.Action);
    assert.deepEqual(actions, ['Changed', ...Array<string>(11).fill('NotChanged')]);
  });

  it('Repair-Tls -Verbose narrates each step', async () => {
    // The verbose stream, merged into the output here (the harness keeps only output, errors and warnings).
    const merged = (call: string): string => `${call} 4>&1 | ForEach-Object -Process { if ($_ -is [System.Management.Automation.VerboseRecord]) { 'VERBOSE: ' + $_.Message } else { $_ | ConvertTo-RgSpecLine } }`;
    const sim = await run('tls-partly', merged('Repair-Tls -Verbose'));
    assert.deepEqual(sim.errors, []);
    const verbose = sim.output.filter((l) => l.startsWith('VERBOSE: '));
    assert.ok(verbose.some((l) => l.startsWith('VERBOSE: testing 12 steps')), verbose.join('\n'));
    assert.ok(verbose.some((l) => l === 'VERBOSE: schannel-tls12-client-enabled: Changed (DWord 1 (0x1))'), verbose.join('\n'));
    assert.equal(shown(sim).length, 12);
    const plain = await run('tls-partly', merged('Repair-Tls'));
    assert.ok(plain.output.every((l) => l.startsWith('OBJ\t')), 'silent without -Verbose');
    assert.ok(verbose.filter((l) => /^VERBOSE: [a-z0-9-]+: (None|Changed) \(/.test(l)).length === 12, verbose.join('\n'));
  });

  it('a key the process may not write: that step is Failed with the error, the others are applied', async () => {
    const sim = await run('tls-access-denied', 'Repair-Tls | ConvertTo-RgSpecLine');
    assert.deepEqual(sim.errors, []);
    const objects = shown(sim);
    const failed = objects.filter((o) => o.props.Action === 'Failed');
    assert.ok(failed.length > 0, JSON.stringify(objects));
    assert.ok(failed.every((o) => o.props.Compliant === 'False' && /^error: .*denied/i.test(o.props.Detail!)), JSON.stringify(failed));
    assert.ok(objects.some((o) => o.props.Action === 'Changed'));
  });

  it('in a 32-bit PowerShell on 64-bit Windows: Test-Tls warns and still reports, Repair-Tls refuses and writes nothing, no relaunch', async () => {
    const test = await run('tls-32bit-host', 'Test-Tls | ConvertTo-RgSpecLine');
    assert.deepEqual(test.errors, []);
    assert.equal(shown(test).length, 12);
    assert.equal(test.warnings.length, 1);
    assert.match(test.warnings[0]!, /32-bit PowerShell on 64-bit Windows/);
    const repair = await run('tls-32bit-host', 'Repair-Tls | ConvertTo-RgSpecLine');
    assert.equal(repair.errors.length, 1);
    assert.match(repair.errors[0]!.Message, /^refusing to change the device: this is a 32-bit PowerShell on 64-bit Windows/);
    assert.deepEqual(writes(repair), []);
    assert.deepEqual(shown(repair), []);
    assert.deepEqual(repair.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand'), []);
  });

  it('README.md: how to import, Test- then Repair- -WhatIf, and the development-certificate signature note', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, /Import-Module \.\\Tls\\Tls\.psd1/);
    assert.match(readme, /Test-Tls \|/);
    assert.match(readme, /Repair-Tls -WhatIf/);
    assert.match(readme, /64-bit Windows PowerShell 5\.1/);
    assert.match(readme, /signed with the remgen DEVELOPMENT certificate/);
    assert.match(readme, /trust-remgen-dev\.ps1/);
  });
});
