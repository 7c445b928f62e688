/** The engine host itself: pwsh -File behaviour, parse facts, on-demand build. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { ensureHostBuilt, HOST_DLL } from '../../generator/engine/host.ts';
import { engine, scriptFile } from '../support/engine.ts';

describe('engine host', function () {
  this.timeout(180_000);
  before(() => { ensureHostBuilt(); });

  it('is built once and then reused: a second ensure does nothing', () => {
    const again = ensureHostBuilt();
    assert.equal(again.built, false);
  });

  it('-File runs a script as pwsh -File does: output lines on stdout, error records on stderr, the exit code', () => {
    const script = scriptFile("[CmdletBinding()]\r\nparam([string]$Name = 'x')\r\n'hello ' + $Name\r\n$PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('broken thing'), 'E1', 'NotSpecified', $null))\r\n'after'\r\nexit 7\r\n");
    const run = spawnSync('dotnet', [HOST_DLL, '-File', script, '-Name', 'admin'], { encoding: 'utf8' });
    assert.equal(run.status, 7, run.stderr);
    assert.deepEqual(run.stdout.split('\n').filter(Boolean), ['hello admin', 'after']);
    assert.match(run.stderr, /broken thing/);
  });

  it('an error that ends the script is exit code 1 with the error on stderr', () => {
    const script = scriptFile("$ErrorActionPreference = 'Stop'\r\n'before'\r\nthrow 'it failed'\r\n");
    const run = spawnSync('dotnet', [HOST_DLL, '-File', script], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /it failed/);
  });

  it('StrictMode 3.0 stops on a misspelt variable at run time, as on a device', async () => {
    const script = scriptFile("Set-StrictMode -Version 3.0\r\n$ErrorActionPreference = 'Stop'\r\n$value = 1\r\n$valeu + 1\r\nexit 0\r\n");
    const run = await engine().run({ file: script });
    assert.equal(run.exitCode, 1);
    assert.match(run.errors[0]!.message, /The variable '\$valeu' cannot be retrieved because it has not been set/);
  });

  it('each run is a fresh runspace: globals, functions, aliases, strict mode, preferences, the location and type data one run leaves are gone in the next', async () => {
    // Core-only probes (the engine host has no Microsoft.PowerShell.Management): session state through $ExecutionContext.
    const probe = [
      "'variable ' + ($null -ne $ExecutionContext.SessionState.PSVariable.Get('RgLeak'))",
      "'function ' + ($null -ne $ExecutionContext.InvokeCommand.GetCommand('Get-RgLeak', 'Function'))",
      "'alias ' + $ExecutionContext.InvokeProvider.Item.Exists('Alias:\\rgleak')",
      "try { $null = $RgNeverSet; 'strict off' } catch { 'strict on' }",
      "'preference ' + $global:ErrorActionPreference",
      "'defaults ' + $global:PSDefaultParameterValues.Count",
      "'location ' + $ExecutionContext.SessionState.Path.CurrentLocation.Path",
      "'type member ' + ($null -ne 'x'.PSObject.Properties['RgLeak'])",
    ].join('\r\n');
    const dirty = [
      "$global:RgLeak = 'left'",
      "function global:Get-RgLeak { 'left' }",
      "$null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Alias:\\', 'rgleak', 'Alias', 'Get-RgLeak')",
      'Set-StrictMode -Version 3.0',
      "$global:ErrorActionPreference = 'SilentlyContinue'",
      "$global:PSDefaultParameterValues['*:Verbose'] = $true",
      '$null = $ExecutionContext.SessionState.Path.SetLocation([System.IO.Path]::GetTempPath())',
      // The runs share one TypeTable, which PowerShell refuses to change (Engine.cs, ShareTables): refused
      // here, or there is no Update-TypeData (the engine host has Core only); either way the next run must not see it.
      "try { Update-TypeData -TypeName System.String -MemberType NoteProperty -MemberName RgLeak -Value 'left' -ErrorAction Stop } catch { $null = $_ }",
      probe,
    ].join('\r\n');
    const probeFile = scriptFile(`${probe}\r\n`, 'probe.ps1');
    const before = await engine().run({ file: probeFile });
    const left = await engine().run({ file: scriptFile(`${dirty}\r\n`, 'dirty.ps1') });
    const after = await engine().run({ file: probeFile });
    assert.deepEqual([before.errors, left.errors, after.errors], [[], [], []]);
    // The probe sees every piece of state when it is there, so its silence afterwards means something.
    assert.deepEqual(left.output.slice(0, 5), ['variable True', 'function True', 'alias True', 'strict on', 'preference SilentlyContinue']);
    assert.equal(left.output[5], 'defaults 1');
    assert.notEqual(left.output[6], before.output[6]);
    assert.deepEqual(after.output, before.output);
    assert.deepEqual(before.output.slice(0, 6), ['variable False', 'function False', 'alias False', 'strict off', 'preference Continue', 'defaults 0']);
    assert.equal(before.output[7], 'type member False');
  });

  it('parse reports errors with line and column from PowerShell\'s own parser', async () => {
    const script = scriptFile("function Get-A {\r\n    'x'\r\n}\r\n$a = 'unterminated\r\n");
    const facts = await engine().parse(script);
    assert.ok(facts.errors.length > 0);
    assert.equal(facts.errors[0]!.line, 4);
    assert.deepEqual(facts.functions.map((f) => f.name), ['Get-A']);
  });

  it('parse gives each function\'s help synopsis only when asked (an admin\'s step file), null otherwise (a generated script)', async () => {
    const script = scriptFile("function Get-A {\r\n    <#\r\n    .SYNOPSIS\r\n        Reads the agent level.\r\n    #>\r\n    param([int]$Level)\r\n    $Level\r\n}\r\nfunction Get-B { 'b' }\r\n");
    const plain = await engine().parse(script);
    assert.deepEqual(plain.functions.map((f) => [f.name, f.synopsis, f.parameters]), [['Get-A', null, ['Level']], ['Get-B', null, []]]);
    const withHelp = await engine().parse(script, { help: true });
    assert.deepEqual(withHelp.functions.map((f) => [f.name, f.synopsis]), [['Get-A', 'Reads the agent level.'], ['Get-B', null]]);
  });

  it('parse facts name commands with their parameters and enclosing function, types, and 7-only syntax', async () => {
    const script = scriptFile("function Get-B {\r\n    Where-Object -FilterScript { $_ } -InputObject @(1)\r\n    [System.IO.File]::Exists('x')\r\n}\r\n$x = $null ?? 1\r\nexit 0\r\n");
    const facts = await engine().parse(script);
    const where = facts.commands.find((c) => c.name === 'Where-Object')!;
    assert.equal(where.function, 'Get-B');
    assert.deepEqual(where.parameters.map((p) => p.name), ['FilterScript', 'InputObject']);
    assert.ok(facts.types.some((t) => t.kind === 'static-call' && t.type === 'System.IO.File' && t.member === 'Exists'));
    assert.deepEqual(facts.syntax7.map((s) => s.syntax), ['null-coalescing operator ??']);
    assert.equal(facts.topLevel.at(-1)!.kind, 'ExitStatement');
  });
});
