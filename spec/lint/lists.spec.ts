import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEngine } from '../../generator/engine/index.ts';
import { CORE_COMMANDS } from '../../generator/lint/core-commands.ts';
import { NATIVE_COMMANDS } from '../../generator/lint/native-commands.ts';
import { SEVEN_ONLY_PARAMETERS } from '../../generator/lint/rules/no-7-only-parameters.ts';
import { seamNames } from '../../generator/lint/support.ts';
import { WINDOWS_POWERSHELL_51_ALIASES } from '../../generator/lint/windows-powershell-5.1-aliases.ts';
import { WINDOWS_POWERSHELL_51_ALLOWLIST } from '../../generator/lint/windows-powershell-5.1-allowlist.ts';
import { checkAgainstProfile, DEFAULT_PROFILE } from '../../scripts/check-allowlist.ts';
import { REPO } from '../support/temp-catalog.ts';

/** A profile that agrees with the project's lists by construction, to mutate one fact at a time. */
function agreeingProfile(): Parameters<typeof checkAgainstProfile>[0] {
  const modules: Record<string, { commands: Record<string, { kind: string; parameters: Record<string, string> }>; aliases: Record<string, string> }> = {};
  const module = (name: string) => (modules[name] ??= { commands: {}, aliases: {} });
  for (const [name, entry] of Object.entries(WINDOWS_POWERSHELL_51_ALLOWLIST)) module(entry.module).commands[name] = { kind: 'cmdlet', parameters: { ...entry.parameters } };
  for (const name of CORE_COMMANDS) module('Microsoft.PowerShell.Core').commands[name] ??= { kind: 'cmdlet', parameters: {} };
  for (const name of Object.keys(SEVEN_ONLY_PARAMETERS)) {
    if (!Object.values(modules).some((m) => m.commands[name])) module('Microsoft.PowerShell.Utility').commands[name] = { kind: 'cmdlet', parameters: {} };
  }
  module('Microsoft.PowerShell.Core').aliases = { ...WINDOWS_POWERSHELL_51_ALIASES };
  return { modules, nativeCommands: NATIVE_COMMANDS.filter((n) => !n.reason).map((n) => n.name) };
}

describe('lint lists: the 5.1 allowlist, aliases, Core and native lists, and where they come from', function () {
  this.timeout(120_000);

  it('the seam names are read from $RgSimSeams in generator/engine/Invoke-RgSimulation.ps1', () => {
    const seams = seamNames();
    for (const name of ['Get-RgRegistryData', 'Write-RgRegistryData', 'Invoke-RgNativeCommand']) assert.ok(seams.includes(name), `${name} not among ${seams.join(', ')}`);
  });

  it("every Core command of the list is in the test engine's Microsoft.PowerShell.Core, and the engine has the 7-only parameters of its Core commands", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-lint-core-'));
    try {
      const script = join(dir, 'core.ps1');
      writeFileSync(script, "foreach ($c in Get-Command -Module Microsoft.PowerShell.Core) { $c.Name + ':' + (@($c.Parameters.Keys) -join ',') }\r\n");
      const run = await getEngine().run({ file: script });
      assert.equal(run.exitCode, 0, JSON.stringify(run.errors));
      const engine = new Map(run.output.map((line) => {
        const [name, parameters] = line.split(':');
        return [name!, new Set((parameters ?? '').split(','))];
      }));
      const missing = CORE_COMMANDS.filter((name) => !engine.has(name));
      assert.deepEqual(missing, [], 'Core commands the engine lacks');
      for (const [name, parameters] of Object.entries(SEVEN_ONLY_PARAMETERS)) {
        const has = engine.get(name);
        if (!has) continue; // not a Core command: the engine cannot say
        for (const p of parameters) assert.ok(has.has(p), `${name} -${p}: the 7.6 engine has no such parameter`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checkAgainstProfile: a profile that agrees gives no problem; each kind of disagreement is named', () => {
    assert.deepEqual(checkAgainstProfile(agreeingProfile()).problems, []);

    const wrongType = agreeingProfile();
    wrongType.modules['Microsoft.PowerShell.Core']!.commands!['Set-StrictMode']!.parameters.Version = 'System.String';
    assert.deepEqual(checkAgainstProfile(wrongType).problems, ['windows-powershell-5.1-allowlist.ts: Set-StrictMode -Version is System.String in Windows PowerShell 5.1, not System.Version']);

    const noParameter = agreeingProfile();
    delete noParameter.modules.TLS!.commands!['Enable-TlsCipherSuite']!.parameters.Position;
    assert.deepEqual(checkAgainstProfile(noParameter).problems, ['windows-powershell-5.1-allowlist.ts: Enable-TlsCipherSuite has no parameter -Position in Windows PowerShell 5.1']);

    const noCommand = agreeingProfile();
    delete noCommand.modules.ScheduledTasks!.commands!['Start-ScheduledTask'];
    assert.deepEqual(checkAgainstProfile(noCommand).problems, ['windows-powershell-5.1-allowlist.ts: Start-ScheduledTask is not a command of Windows PowerShell 5.1']);

    const newAlias = agreeingProfile();
    newAlias.modules['Microsoft.PowerShell.Core']!.aliases!.zz = 'Where-Object';
    assert.deepEqual(checkAgainstProfile(newAlias).problems, ["windows-powershell-5.1-aliases.ts: alias 'zz' (Where-Object) is missing"]);

    const fiveOneParameter = agreeingProfile();
    fiveOneParameter.modules['Microsoft.PowerShell.Core']!.commands!['ForEach-Object']!.parameters.Parallel = 'System.Management.Automation.ScriptBlock';
    assert.deepEqual(checkAgainstProfile(fiveOneParameter).problems, ['no-7-only-parameters.ts: ForEach-Object -Parallel exists in Windows PowerShell 5.1 (Microsoft.PowerShell.Core); it is not 7-only']);

    const noNative = agreeingProfile();
    const withoutCmdkey = { ...noNative, nativeCommands: noNative.nativeCommands.filter((n) => n !== 'cmdkey.exe') };
    assert.deepEqual(checkAgainstProfile(withoutCmdkey).problems, ['native-commands.ts: cmdkey.exe is not a native command of the Windows PowerShell 5.1 profile: give the reason it is allowed, or remove it']);
  });

  it("npm run check:allowlist passes against the project's own extract of the 5.1 profile, and says that is what it checked", () => {
    assert.ok(existsSync(DEFAULT_PROFILE), `${DEFAULT_PROFILE} is part of the project`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'check-allowlist.ts')], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^check-allowlist: \d+ commands with \d+ parameters, 272 aliases, \d+ Core commands, \d+ native programs and \d+ 7-only parameters agree with generator\/lint\/data\/windows-powershell-5\.1\.json \(the project's extract of the full profile\)\n$/);
  });

  it('the extract carries what the checks read, and says so when it does not (a command without its parameters, an unscanned common parameter, a recorded hit)', () => {
    const extract = JSON.parse(readFileSync(DEFAULT_PROFILE, 'utf8')) as Parameters<typeof checkAgainstProfile>[0];
    assert.deepEqual(checkAgainstProfile(extract).problems, []);
    // A command the allowlist names, moved to the other (parameter-less) commands: the check says to regenerate.
    const moved = structuredClone(extract) as typeof extract & { modules: Record<string, { commands: Record<string, unknown>; otherCommands: Record<string, string> }> };
    const [name, entry] = Object.entries(WINDOWS_POWERSHELL_51_ALLOWLIST).find(([n]) => !(n in SEVEN_ONLY_PARAMETERS))!;
    const home = moved.modules[entry.module]!;
    delete home.commands[name];
    home.otherCommands[name] = 'cmdlet';
    assert.deepEqual(checkAgainstProfile(moved).problems, [
      `windows-powershell-5.1-allowlist.ts: ${name} is a 5.1 command, but the profile extract does not carry its parameters: regenerate the extract with npm run profile:extract -- --profile FULL.json`,
    ]);
    const unscanned = { ...extract, extract: { ...extract.extract!, scannedCommonParameters: [] } };
    assert.deepEqual(checkAgainstProfile(unscanned).problems, ['no-7-only-parameters.ts: the profile extract was not scanned for -ProgressAction: regenerate the extract with npm run profile:extract -- --profile FULL.json']);
    const hit = { ...extract, extract: { ...extract.extract!, commonParameterHits: [{ module: 'Appx', command: 'Get-AppxPackage', parameter: 'ProgressAction' }] } };
    assert.deepEqual(checkAgainstProfile(hit).problems, ['no-7-only-parameters.ts: -ProgressAction is a parameter of get-appxpackage in Windows PowerShell 5.1']);
  });

  it('GIVEN no profile file WHEN check:allowlist runs THEN it fails with a message naming the file', () => {
    const missing = join(tmpdir(), 'remgen-no-such-dir', 'windows-powershell-5.1.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'check-allowlist.ts'), '--profile', missing], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.ok(run.stderr.includes(`looked for ${missing}`), run.stderr);
    assert.match(run.stderr, /windows-powershell-5\.1\.json is missing/);
  });
});
