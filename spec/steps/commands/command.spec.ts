/**
 * The command rooms: command (probe: a program's exit code and stdout pattern) and commandRun (action: a
 * program run as a repair, verified by its gate), both through Invoke-RgNativeCommand with the arguments as a
 * list, on simulated devices whose programs' answers the profile gives.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { NativeCommand } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { command, commandRoom } from '../../../generator/steps/commands/command.ts';
import { commandRun, commandRunRoom } from '../../../generator/steps/commands/command-run.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const runs = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand').map((c) => `${String(c.Arguments.FilePath)} ${(c.Arguments.ArgumentList as string[]).join(' ')}`.trim());
const source = (name: string): NativeCommand => ({ filePath: 'w32tm.exe', argumentList: ['/query', '/source'], exitCode: 0, output: [name, ''] });

describe('step rooms: command, commandRun (rules)', () => {
  it('categories, either context, the step table with defaults', () => {
    assert.equal(commandRoom.category, 'probe');
    assert.equal(commandRunRoom.category, 'action');
    const step = command({ id: 'c', program: 'w32tm.exe', arguments: ['/query', '/source'], stdoutPattern: 'time\\.windows\\.com' });
    assert.equal(commandRoom.contextOf(step), 'any');
    assert.deepEqual(commandRoom.toData(step), { Program: 'w32tm.exe', Arguments: ['/query', '/source'], TimeoutSeconds: 60, SuccessExitCodes: [0], StdoutPattern: 'time\\.windows\\.com' });
  });

  it('check(): a shell, a name looked up on PATH, a relative path, a bad pattern, a timeout out of range', () => {
    assert.deepEqual(issues((i) => commandRoom.check(command({ id: 'c', program: 'cmd.exe', arguments: ['/c', 'dir'] }), i)), [
      'program: program "cmd.exe" is a shell: a command line through it is a string to be parsed again (quoting, injection). Run the program itself with its arguments as a list',
    ]);
    assert.deepEqual(issues((i) => commandRoom.check(command({ id: 'c', program: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' }), i)).length, 1);
    assert.deepEqual(issues((i) => commandRoom.check(command({ id: 'c', program: 'w32tm' }), i)), [
      "program: program \"w32tm\" is neither an absolute path to an .exe (e.g. '%ProgramFiles%\\Contoso\\agent.exe') nor the name of a System32 program (e.g. 'w32tm.exe'); a name is never looked up on PATH",
    ]);
    assert.equal(issues((i) => commandRoom.check(command({ id: 'c', program: 'tools\\agent.exe' }), i)).length, 1);
    assert.deepEqual(issues((i) => commandRoom.check(command({ id: 'c', program: '%ProgramFiles%\\Contoso\\agent.exe', stdoutPattern: '(', timeoutSeconds: 0 }), i)).map((m) => m.split(':')[0]), ['timeoutSeconds', 'stdoutPattern']);
    assert.deepEqual(issues((i) => commandRunRoom.check(commandRun({ id: 'r', program: 'C:\\Program Files\\Contoso\\agent.exe', arguments: ['--repair', 'a b'], gate: { probes: ['c'] }, cooldown: 'PT4H' }), i)), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(commandRunRoom.explain(commandRun({ id: 'r', program: 'w32tm.exe', arguments: ['/resync'], gate: { probes: ['time-source'] }, cooldown: 'PT4H' })), {
      detects: 'a run of w32tm.exe is needed, while time-source reports the symptom',
      changes: 'runs w32tm.exe /resync (at most once per 4 hours; exit codes 0 count as success), then tests the gate again to verify',
    });
  });
});

describe('step rooms: command gating commandRun, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'command-room', displayName: 'command room', description: 'The time source is the domain, else w32tm is told.', publisher: 'spec', context: 'system',
    steps: [
      command({ id: 'time-source', program: 'w32tm.exe', arguments: ['/query', '/source'], stdoutPattern: '^time\\.contoso\\.com' }),
      commandRun({ id: 'set-source', program: 'w32tm.exe', arguments: ['/config', '/manualpeerlist:time.contoso.com', '/syncfromflags:manual', '/update'], gate: { probes: ['time-source'] }, cooldown: 'PT4H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const config = (fixed: boolean): NativeCommand => ({
    filePath: 'w32tm.exe', argumentList: ['/config', '/manualpeerlist:time.contoso.com', '/syncfromflags:manual', '/update'], exitCode: 0, output: ['The command completed successfully.'],
    effects: fixed ? { commands: [source('time.contoso.com')] } : {},
  });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('compliant: the output matches; the System32 program by its full path; nothing run', async () => {
    const device = new Device({ name: 'ok', description: 'spec', commands: [source('time.contoso.com'), config(true)] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.deepEqual(runs(detect), ['C:\\WINDOWS\\System32\\w32tm.exe /query /source']);
    const fix = await device.run(scripts.remediate);
    assert.ok(!runs(fix).some((r) => r.includes('/config')));
  });

  it('non-compliant: the wrong source; the repair runs, the probe again verifies; a second run repairs nothing', async () => {
    const device = new Device({ name: 'cmos', description: 'spec', commands: [source('Local CMOS Clock'), config(true)] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /time-source \(is exit code 0, output Local CMOS Clock \(no match\), want exit code 0, output matching/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(runs(fix).filter((r) => r.includes('/config')).length, 1);
    const again = await device.run(scripts.remediate);
    assert.equal(runs(again).filter((r) => r.includes('/config')).length, 0);
  });

  it('a repair that exits 0 but changes nothing: FAILED by the probe, not trusted', async () => {
    const fix = await new Device({ name: 'stuck', description: 'spec', commands: [source('Local CMOS Clock'), config(false)] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /set-source/);
  });

  it('an exit code outside the success codes, and a timeout, are errors naming them', async () => {
    const failing = await new Device({ name: 'err', description: 'spec', commands: [source('Local CMOS Clock'), { ...config(false), exitCode: -2147023143 }] }).run(scripts.remediate);
    assert.equal(failing.exitCode, 1);
    assert.match(failing.output[0]!, /w32tm\.exe \/config .*: exit code -2147023143/);
    const slow = await new Device({ name: 'slow', description: 'spec', commands: [{ ...source('x'), timedOut: true }] }).run(scripts.detect);
    assert.match(slow.output[0]!, /time-source \(is still running after 60 s \(ended\)/);
  });

  it('access denied starting the program, and a program that is not there: the reason', async () => {
    const denied = await new Device({ name: 'denied', description: 'spec', faults: { throws: { 'Invoke-RgNativeCommand': 'Access is denied' } } }).run(scripts.detect);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /time-source.*Access is denied/);
    assert.deepEqual(denied.errors, []);
    const missing = await new Device({ name: 'missing', description: 'spec' }).run(scripts.detect);
    assert.match(missing.output[0]!, /The system cannot find the file specified/);
  });

  it('-WhatIf: the repair not run, no cooldown recorded', async () => {
    const run = await new Device({ name: 'cmos', description: 'spec', commands: [source('Local CMOS Clock'), config(true)] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.ok(!runs(run).some((r) => r.includes('/config')));
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('w32tm.exe /config')), run.host.join('\n'));
    assert.equal(run.state.registry.find((e) => e.name === 'set-source.LastRunUtc'), undefined);
  });
});

describe('step room: command with an absolute path and environment variable, in the engine', function () {
  this.timeout(180_000);
  it('%ProgramFiles% expanded; arguments with spaces passed as one each; a success code other than 0', async () => {
    const remediation = defineRemediation({
      id: 'command-path', displayName: 'command path', description: 'Agent health.', publisher: 'spec', context: 'system',
      steps: [command({ id: 'agent-healthy', program: '%ProgramFiles%\\Contoso\\agentctl.exe', arguments: ['health', '--site', 'Head Office'], successExitCodes: [0, 2] })],
    });
    const { detect } = await intuneScripts(remediation);
    const run = await new Device({ name: 'agent', description: 'spec', commands: [{ filePath: 'agentctl.exe', argumentList: ['health', '--site', 'Head Office'], exitCode: 2 }] }).run(detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    const call = run.calls.find((c) => c.Seam === 'Invoke-RgNativeCommand')!;
    assert.equal(call.Arguments.FilePath, 'C:\\Program Files\\Contoso\\agentctl.exe');
    assert.deepEqual(call.Arguments.ArgumentList, ['health', '--site', 'Head Office']);
  });
});
