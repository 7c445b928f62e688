/**
 * The issue-19 runtime helpers that are not seams, run for real in the engine: Defender's "not running" read by the
 * HRESULT token whatever the message's language, the feature states, and entraSid checked against .NET's own GUID
 * byte order. (The seams themselves call Defender, Dism and ADSI, which exist only on Windows: the rooms' specs run
 * them through the harness's fakes.)
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../generator/render/templates.ts';
import { psString } from '../../generator/render/escape.ts';
import { entraSid } from '../../generator/steps/accounts/account-common.ts';
import { engine, scriptFile } from '../support/engine.ts';

function runtimeScript(body: string, logPath: string): string {
  return [
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    ...['core.ps1', 'platform.ps1', 'defender.ps1', 'features.ps1'].map((file) => `. ${psString(join(TEMPLATE_ROOT, 'runtime', file))}`),
    "$RgPackage = [ordered]@{ Id = 'spec'; Context = 'system'; LogMaxBytes = 1048576 }",
    "$RgScriptName = 'spec.ps1'",
    `$RgLogPath = ${psString(logPath)}`,
    body,
    'exit 0',
    '',
  ].join('\r\n');
}

describe('engine: the issue-19 runtime helpers', function () {
  this.timeout(120_000);
  const run = async (body: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-vocab-'));
    const result = await engine().run({ file: scriptFile(runtimeScript(body, join(dir, 'spec.log'))) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result.output;
  };

  it('Test-RgDefenderNotRunning: the token 0x800106BA in the error id (a German message), in the HResult only, and not in another error', async () => {
    const output = await run([
      "$german = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new('Ein allgemeiner Fehler ist aufgetreten, der nicht durch einen spezifischeren Fehlercode abgedeckt ist.'), 'HRESULT 0x800106ba,Get-MpComputerStatus', 'NotSpecified', $null)",
      '[string](Test-RgDefenderNotRunning -ErrorRecord $german)',
      "$com = [System.Runtime.InteropServices.COMException]::new('Der Dienst wurde nicht gestartet.', [int]-2147416390)",
      "$hresult = [System.Management.Automation.ErrorRecord]::new($com, 'CimException', 'NotSpecified', $null)",
      '[string](Test-RgDefenderNotRunning -ErrorRecord $hresult)',
      "$denied = [System.Management.Automation.ErrorRecord]::new([System.UnauthorizedAccessException]::new('Access is denied.'), 'HRESULT 0x80070005,Get-MpPreference', 'PermissionDenied', $null)",
      '[string](Test-RgDefenderNotRunning -ErrorRecord $denied)',
    ].join('\r\n'));
    assert.deepEqual(output, ['True', 'True', 'False']);
  });

  it('Test-RgWindowsFeatureState: which states count as enabled, disabled, absent, and pending', async () => {
    const cases = [
      ['OptionalFeature', 'Enabled', 'Enabled'], ['OptionalFeature', 'EnablePending', 'Enabled'], ['OptionalFeature', 'Disabled', 'Enabled'],
      ['OptionalFeature', 'DisabledWithPayloadRemoved', 'Disabled'], ['OptionalFeature', 'Disabled', 'Absent'], ['OptionalFeature', 'DisabledWithPayloadRemoved', 'Absent'],
      ['Capability', 'Installed', 'Enabled'], ['Capability', 'Staged', 'Enabled'], ['Capability', 'NotPresent', 'Absent'], ['Capability', 'UninstallPending', 'Absent'],
    ];
    const output = await run(cases.map(([kind, state, want]) => `$r = Test-RgWindowsFeatureState -Kind '${kind}' -State '${state}' -Want '${want}'; [string]$r.Compliant + ' ' + [string]$r.Pending`).join('\r\n'));
    assert.deepEqual(output, ['True False', 'True True', 'False False', 'True False', 'False False', 'True False', 'True False', 'False False', 'True False', 'True True']);
  });

  it('Get-RgDefenderWords and Get-RgDefenderStatusWords: the numbers in words', async () => {
    const output = await run([
      "Get-RgDefenderWords -Name 'DisableRealtimeMonitoring' -Value 1",
      "Get-RgDefenderWords -Name 'PUAProtection' -Value 2",
      "Get-RgDefenderWords -Name 'CloudBlockLevel' -Value 6",
      "Get-RgDefenderWords -Name 'EnableNetworkProtection' -Value $null",
      "Get-RgDefenderStatusWords -Status ([pscustomobject]@{ Running = $true; RealTimeProtectionEnabled = $true; AntivirusSignatureAge = 2; AntivirusSignatureLastUpdated = [datetime]::new(2026, 11, 30, 0, 0, 0, [System.DateTimeKind]::Utc); AMRunningMode = 'Passive Mode'; IsTamperProtected = 'True' })",
      "[string](Test-RgDefenderActive -Status ([pscustomobject]@{ Running = $true; AMRunningMode = 'SxS Passive Mode' }))",
      "[string](Test-RgDefenderActive -Status ([pscustomobject]@{ Running = $true; AMRunningMode = 'EDR Block Mode' }))",
    ].join('\r\n'));
    assert.deepEqual(output, ['off', 'audit only', 'zero tolerance', 'not available', 'real-time on, signatures 2 day(s) old (2026-11-30), running mode Passive Mode, tamper protection on', 'False', 'True']);
  });

  it("entraSid agrees with .NET's Guid.ToByteArray read as four little-endian UInt32", async () => {
    const ids = ['d86d3bd0-18c2-4355-b878-a270ec390eb9', '5e7c1b52-93a4-4f1e-a0d2-6b8c3f9e1a47', 'ffffffff-0000-ffff-0000-ffffffffffff'];
    const output = await run(ids.map((id) => `$b = [guid]::Parse('${id}').ToByteArray(); 'S-1-12-1-' + ((0, 4, 8, 12 | ForEach-Object -Process { [System.BitConverter]::ToUInt32($b, $_) }) -join '-')`).join('\r\n'));
    assert.deepEqual(output, ids.map(entraSid));
  });
});
