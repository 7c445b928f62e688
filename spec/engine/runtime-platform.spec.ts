/**
 * The real seams of templates/runtime/platform.ps1 (not the simulation's fakes), run in the engine where
 * the test machine can run them: the clock, the platform, files, and native programs started for real
 * through Invoke-RgNativeCommand (quoting, stdout lines, exit code, stderr to the log, timeout).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT } from '../../generator/render/templates.ts';
import { psString, psArray } from '../../generator/render/escape.ts';
import { engine, scriptFile } from '../support/engine.ts';

/** A script that loads the two runtime files as a generated script has them, then runs `body`. */
function runtimeScript(body: string, logPath: string): string {
  return [
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    `. ${psString(join(TEMPLATE_ROOT, 'runtime', 'core.ps1'))}`,
    `. ${psString(join(TEMPLATE_ROOT, 'runtime', 'platform.ps1'))}`,
    "$RgPackage = [ordered]@{ Id = 'spec'; Context = 'system'; LogMaxBytes = 1048576 }",
    "$RgScriptName = 'spec.ps1'",
    `$RgLogPath = ${psString(logPath)}`,
    body,
    'exit 0',
    '',
  ].join('\r\n');
}

describe('engine: the real platform seams', function () {
  this.timeout(120_000);
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remgen-seams-'));
    log = join(dir, 'spec.log');
  });

  const run = async (body: string) => {
    const result = await engine().run({ file: scriptFile(runtimeScript(body, log)) });
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result;
  };

  it('Get-RgUtcNow is UTC now; Get-RgPlatform reports bitness and SystemRoot; Test-RgFile tells files apart', async () => {
    const before = Date.now();
    const result = await run([
      '$now = Get-RgUtcNow',
      '[string]$now.Kind',
      "$now.ToString('o')",
      '$platform = Get-RgPlatform',
      '[string]$platform.Is64BitProcess',
      `[string](Test-RgFile -Path ${psString(log)})`,
      `$null = [System.IO.File]::WriteAllText(${psString(log)}, '')`,
      `[string](Test-RgFile -Path ${psString(log)})`,
    ].join('\r\n'));
    assert.equal(result.output[0], 'Utc');
    const at = Date.parse(result.output[1]!);
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000, `clock ${result.output[1]}`);
    assert.equal(result.output[2], process.arch === 'x64' || process.arch === 'arm64' ? 'True' : 'False');
    assert.deepEqual(result.output.slice(3), ['False', 'True']);
  });

  it('Invoke-RgNativeCommand quotes every argument so the program receives exactly those arguments', async () => {
    const args = ['plain', 'two words', '', 'quote"inside', 'trailing\\', 'back\\"slash', '\\\\server\\share\\', 'tab\there', "it's", '$(not expanded)', '%PATH%'];
    const result = await run([
      `$result = Invoke-RgNativeCommand -FilePath 'printf' -ArgumentList (@('[%s]\\n') + ${psArray(args)})`,
      '[string]$result.ExitCode',
      '[string]$result.TimedOut',
      '$result.Output',
    ].join('\r\n'));
    assert.deepEqual(result.output.slice(0, 2), ['0', 'False']);
    assert.deepEqual(result.output.slice(2), args.map((a) => `[${a}]`));
  });

  it('Invoke-RgNativeCommand returns stdout lines and the exit code; stderr goes to the log, never to the streams', async () => {
    const result = await run([
      "$result = Invoke-RgNativeCommand -FilePath 'sh' -ArgumentList @('-c', 'echo first; echo; echo third; echo oops >&2; exit 3')",
      '[string]$result.ExitCode',
      '$result.Output.Count',
      '$result.Output',
    ].join('\r\n'));
    assert.deepEqual(result.output, ['3', '3', 'first', '', 'third']);
    const logged = readFileSync(log, 'utf8');
    assert.match(logged, /sh wrote to stderr: oops\]LOG\]!>.*type="2"/);
  });

  it('Invoke-RgNativeCommand stops a program at the timeout and says so', async () => {
    const started = Date.now();
    const result = await run([
      "$result = Invoke-RgNativeCommand -FilePath 'sleep' -ArgumentList @('30') -TimeoutSeconds 1",
      '[string]$result.ExitCode',
      '[string]$result.TimedOut',
    ].join('\r\n'));
    assert.deepEqual(result.output, ['-1', 'True']);
    assert.ok(Date.now() - started < 15_000, 'returned long before the program would have ended');
  });

  it('a program that is not there is an error the caller can catch, not a hang', async () => {
    const result = await run([
      'try {',
      "    $null = Invoke-RgNativeCommand -FilePath 'remgen-no-such-program' -ArgumentList @()",
      "    'no error'",
      '}',
      'catch {',
      "    'caught'",
      '}',
    ].join('\r\n'));
    assert.deepEqual(result.output, ['caught']);
  });

  it('Write-RgLog rolls the log to .lo_ when it reaches LogMaxBytes', async () => {
    await run([
      '$RgPackage.LogMaxBytes = 1024',
      "foreach ($i in 1..40) { Write-RgLog -Message ('entry ' + $i) }",
    ].join('\r\n'));
    const rolled = join(dir, 'spec.lo_');
    assert.ok(existsSync(rolled), 'the full log was rolled');
    assert.ok(readFileSync(log, 'utf8').length < 1024 + 300, 'the current log starts again');
    assert.match(readFileSync(log, 'utf8'), /entry 40\]LOG\]!>/);
  });
});
