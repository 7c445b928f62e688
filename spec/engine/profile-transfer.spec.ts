/**
 * The device reaches the harness as data (`-Device`, bound from the engine host's JSON) instead of as a data
 * file PowerShell parses and compiles on every run: the two must be the same value, type for type. Each
 * bundled profile, a profile of edge values and a device continued from a run are evaluated both ways in
 * the engine and compared there.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeviceProfile, DeviceProfileProps, JsonObject } from '../../generator/model/profile.ts';
import { asEvaluated, evaluatedProfile, renderProfile, type SimulatedDevice } from '../../generator/engine/profile.ts';
import { continueDevice, simulate } from '../../generator/engine/simulate.ts';
import { engine, scriptFile } from '../support/engine.ts';
import { REPO } from '../support/temp-catalog.ts';

// Walks both values and prints every difference: type (full name), keys and their order, counts, values
// (strings compared case-sensitively). get_Keys(): a profile has an entry named Keys, which .Keys would return.
const COMPARE = `[CmdletBinding()]
param([string]$ProfilePath, [System.Collections.IDictionary]$Device)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
function Compare-RgValue {
    param([object]$A, [object]$B, [string]$At)
    if ($null -eq $A -or $null -eq $B) {
        if (-not ($null -eq $A -and $null -eq $B)) { $At + ': null on one side only' }
        return
    }
    if ($A.GetType().FullName -ne $B.GetType().FullName) { return $At + ': ' + $A.GetType().FullName + ' vs ' + $B.GetType().FullName }
    if ($A -is [System.Collections.IDictionary]) {
        $keysA = @($A.get_Keys()); $keysB = @($B.get_Keys())
        if (($keysA -join ',') -cne ($keysB -join ',')) { return $At + ': keys ' + ($keysA -join ',') + ' vs ' + ($keysB -join ',') }
        foreach ($key in $keysA) { Compare-RgValue -A $A[$key] -B $B[$key] -At ($At + '.' + $key) }
        return
    }
    if ($A -is [System.Array]) {
        if ($A.Length -ne $B.Length) { return $At + ': ' + $A.Length + ' items vs ' + $B.Length }
        for ($i = 0; $i -lt $A.Length; $i++) { Compare-RgValue -A $A[$i] -B $B[$i] -At ($At + '[' + $i + ']') }
        return
    }
    if (-not $A.Equals($B)) { $At + ': ' + [string]$A + ' vs ' + [string]$B }
}
$fromFile = & $ProfilePath
[string[]]@(Compare-RgValue -A $fromFile -B $Device -At 'profile')
`;

async function differences(device: SimulatedDevice): Promise<string[]> {
  const compare = scriptFile(COMPARE, 'compare.ps1');
  const profilePath = join(dirname(compare), 'profile.ps1');
  writeFileSync(profilePath, renderProfile(device));
  const run = await engine().run({ file: compare, parameters: { ProfilePath: profilePath, Device: evaluatedProfile(device) } });
  assert.deepEqual(run.errors.map((e) => `${e.message} ${e.position}`), []);
  return run.output.slice();
}

const PROFILES = join(REPO, 'remediations', 'profiles');

describe('the device as data is the data file\'s value', function () {
  this.timeout(180_000);

  it('every bundled profile, type for type', async () => {
    const names = readdirSync(PROFILES).filter((f) => f.endsWith('.ts'));
    let compared = 0;
    for (const name of names) {
      const module = (await import(pathToFileURL(join(PROFILES, name)).href)) as { default?: DeviceProfile };
      if (!module.default) continue;
      assert.deepEqual(await differences(module.default), [], name);
      compared += 1;
    }
    assert.ok(compared >= 15, `compared ${compared} profiles`);
  });

  it('edge values: integers at the int and long limits, quotes and non-ASCII, empty and nested arrays, $null', async () => {
    const json = {
      ints: { a: 0, b: -1, c: 2147483647, d: 2147483648, e: -2147483647, f: 4294967295, g: 9007199254740991, h: -9007199254740991 },
      nested: [[1, 2]], nestedEmpty: [[]], deeper: [[[3]]], pair: [[1], [2]], lone: [null], none: [], table: [{ x: [['y']] }],
    } as unknown as JsonObject;
    const device: DeviceProfileProps = {
      name: 'edges', description: "it's \u2018quoted\u2019 $(no) `n \u00e9\u4e2d \ud83d\ude00 \r\n tab\t",
      registry: [
        { path: 'HKLM\\SOFTWARE\\Contoso', name: 'M', kind: 'MultiString', value: ['one'] },
        { path: 'HKLM\\SOFTWARE\\Contoso', name: 'E', kind: 'MultiString', value: [] },
        { path: 'HKLM\\SOFTWARE\\Contoso', name: 'Q', kind: 'QWord', value: '18446744073709551615' },
        { path: 'HKLM\\SOFTWARE\\Contoso', name: 'D', kind: 'DWord', value: 4294967295 },
      ],
      commands: [{ filePath: 'a.exe', argumentList: ['x'], exitCode: -2147483647, output: ['only'], then: [{ exitCode: 0 }] }],
      fileSystem: [{ path: 'C:\\x.json', json }],
    };
    assert.deepEqual(await differences(device), []);
  });

  it('a device continued from a run (the harness\'s own carried state)', async () => {
    const profile: DeviceProfileProps = {
      name: 'carried', description: 'spec',
      commands: [{ filePath: 'C:\\Windows\\System32\\cmdkey.exe', argumentList: ['/list'], exitCode: 0, output: ['a', 'b'], then: [{ exitCode: 0, output: ['c'] }] }],
      registry: [{ path: 'HKLM\\SOFTWARE\\Contoso', name: 'V', kind: 'DWord', value: 1 }],
    };
    const script = scriptFile("$null = Invoke-RgNativeCommand -FilePath 'C:\\Windows\\System32\\cmdkey.exe' -ArgumentList @('/list')\r\nWrite-RgRegistryData -Hive HKLM -SubKey 'SOFTWARE\\Contoso\\Sub' -Name 'S' -Kind MultiString -Value @('x')\r\nexit 0\r\n");
    const run = await simulate(engine(), script, profile);
    assert.equal(run.exitCode, 0, JSON.stringify(run.errors));
    const continued = continueDevice(profile, run.state);
    assert.ok(Object.keys(continued.carried ?? {}).length > 0);
    assert.deepEqual(await differences(continued), []);
  });

  it('asEvaluated: @(x) of one array is that array, @(a, b) keeps both, hashtables are not enumerated', () => {
    assert.deepEqual(asEvaluated([[1, 2]]), [1, 2]);
    assert.deepEqual(asEvaluated([[[3]]]), [3]);
    assert.deepEqual(asEvaluated([[1], [2]]), [[1], [2]]);
    assert.deepEqual(asEvaluated([[]]), []);
    assert.deepEqual(asEvaluated([{ a: [[1]] }]), [{ a: [1] }]);
  });
});
