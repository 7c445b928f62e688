/**
 * The real process seams (templates/runtime/process.ps1 and process-write.ps1, not the simulation's fakes),
 * run in the engine against real processes of the test machine: `sleep` started through Start-RgProcess,
 * found by Get-RgProcess in this session, ended by Stop-RgProcess; Wait-RgSeconds really waits.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../generator/render/templates.ts';
import { psString } from '../../generator/render/escape.ts';
import { engine, scriptFile } from '../support/engine.ts';

function runtimeScript(body: string, logPath: string): string {
  return [
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    ...['core.ps1', 'platform.ps1', 'process.ps1', 'process-write.ps1'].map((file) => `. ${psString(join(TEMPLATE_ROOT, 'runtime', file))}`),
    "$RgPackage = [ordered]@{ Id = 'spec'; Context = 'user'; LogMaxBytes = 1048576 }",
    "$RgScriptName = 'spec.ps1'",
    `$RgLogPath = ${psString(logPath)}`,
    body,
    'exit 0',
    '',
  ].join('\r\n');
}

describe('engine: the real process seams', function () {
  this.timeout(120_000);
  const run = async (body: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-process-'));
    const result = await engine().run({ file: scriptFile(runtimeScript(body, join(dir, 'spec.log'))) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result;
  };

  it('Start-RgProcess starts without waiting and returns the Id; Get-RgProcess finds it in this session with its path; Stop-RgProcess ends it', async () => {
    const started = Date.now();
    const result = await run([
      "$started = Start-RgProcess -FilePath '/usr/bin/sleep' -ArgumentList @('30')",
      '[string]$started.Id',
      "$found = @(Get-RgProcess -Name 'sleep' | Where-Object -FilterScript { $_.Id -eq $started.Id })",
      '[string]$found.Count',
      '$found[0].Path',
      '[string]($found[0].SessionId -eq [System.Diagnostics.Process]::GetCurrentProcess().SessionId)',
      "@($found[0].PSObject.Properties.Name) -join ','",
      'Stop-RgProcess -Id $started.Id',
      "[string]@(Get-RgProcess -Name 'sleep' | Where-Object -FilterScript { $_.Id -eq $started.Id }).Count",
    ].join('\r\n'));
    assert.match(result.output[0]!, /^\d+$/);
    assert.equal(result.output[1], '1');
    assert.match(result.output[2]!, /sleep$/);
    assert.equal(result.output[3], 'True');
    assert.equal(result.output[4], 'Id,Path,SessionId');
    assert.equal(result.output[5], '0', 'ended');
    assert.ok(Date.now() - started < 20_000, 'neither Start nor Stop waited for the program to end');
  });

  it('Start-RgProcess quotes arguments with Join-RgCommandLine: the program receives exactly those arguments', async () => {
    // sh -c 'sleep 30; :' keeps running (and is not replaced by sleep); its argv (Linux /proc/<pid>/cmdline) shows what it received.
    const result = await run([
      "$started = Start-RgProcess -FilePath '/bin/sh' -ArgumentList @('-c', 'sleep 30; :', 'two words', 'quote\"inside', 'trailing\\')",
      'try {',
      "    ([System.IO.File]::ReadAllText('/proc/' + $started.Id + '/cmdline')).TrimEnd([char]0).Split([char]0)",
      '}',
      'finally {',
      '    Stop-RgProcess -Id $started.Id',
      '}',
    ].join('\r\n'));
    assert.deepEqual(result.output, ['/bin/sh', '-c', 'sleep 30; :', 'two words', 'quote"inside', 'trailing\\']);
  });

  it('Stop-RgProcess on a process that has already ended is not an error, and returns nothing', async () => {
    const result = await run([
      "$started = Start-RgProcess -FilePath '/usr/bin/sleep' -ArgumentList @('0')",
      'Wait-RgSeconds -Seconds 1',
      '$out = @(Stop-RgProcess -Id $started.Id)',
      '[string]$out.Count',
      '$out = @(Stop-RgProcess -Id 2147483000)',
      '[string]$out.Count',
    ].join('\r\n'));
    assert.deepEqual(result.output, ['0', '0']);
  });

  it('Get-RgProcess leaves out processes of another session, and a name nobody runs gives nothing, without throwing', async () => {
    // setsid puts the sleep in a session of its own, as another user's logon session would be.
    const other = spawn('setsid', ['sleep', '30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const result = await run([
        "$all = @([System.Diagnostics.Process]::GetProcessesByName('sleep') | Where-Object -FilterScript { $_.SessionId -ne [System.Diagnostics.Process]::GetCurrentProcess().SessionId })",
        '[string]($all.Count -ge 1)',
        "[string]@(Get-RgProcess -Name 'sleep' | Where-Object -FilterScript { $_.SessionId -ne [System.Diagnostics.Process]::GetCurrentProcess().SessionId }).Count",
        "[string]@(Get-RgProcess -Name 'remgen-no-such-process').Count",
      ].join('\r\n'));
      assert.deepEqual(result.output, ['True', '0', '0']);
    } finally {
      other.kill();
    }
  });

  it('Start-RgProcess of a program that is not there throws (the caller catches it)', async () => {
    const result = await run([
      'try {',
      "    $null = Start-RgProcess -FilePath '/nonexistent/OneDrive.exe' -ArgumentList @('/reset')",
      "    'no error'",
      '}',
      'catch {',
      "    'caught'",
      '}',
    ].join('\r\n'));
    assert.deepEqual(result.output, ['caught']);
  });

  it('Wait-RgSeconds waits that long', async () => {
    const started = Date.now();
    await run('Wait-RgSeconds -Seconds 2');
    const took = Date.now() - started;
    assert.ok(took >= 2000 && took < 10_000, `took ${took} ms`);
  });
});
