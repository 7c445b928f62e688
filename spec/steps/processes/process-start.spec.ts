/**
 * processStart (action: a program started when its gate reports it is not running, in this session or as
 * SYSTEM, verified by reading the processes again), gated by the process probe, on simulated devices whose
 * programs the profile describes (one that keeps running, one that ends at once, one refused).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { process } from '../../../generator/steps/processes/process.ts';
import { processStart, processStartRoom, type ProcessStartProps } from '../../../generator/steps/processes/process-start.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const TRAY = '%ProgramFiles%\\Contoso\\Tray\\ContosoTray.exe';
const TRAY_PATH = 'C:\\Program Files\\Contoso\\Tray\\ContosoTray.exe';
const problems = (props: Partial<ProcessStartProps>): string[] => {
  const found: string[] = [];
  processStartRoom.check(processStart({ id: 's', program: TRAY, gate: { probes: ['p'] }, cooldown: 'PT1H', ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);

describe('step room: processStart (rules)', () => {
  it('an action; context from runAs; the step table; explain()', () => {
    assert.equal(processStartRoom.category, 'action');
    const step = processStart({ id: 's', program: TRAY, arguments: ['/background', 'two words'], gate: { probes: ['tray-running'] }, cooldown: 'PT4H' });
    assert.equal(processStartRoom.contextOf(step), 'user');
    assert.equal(processStartRoom.contextOf({ ...step, runAs: 'system' }), 'system');
    assert.deepEqual(processStartRoom.toData(step), { Program: TRAY, Arguments: ['/background', 'two words'], ProcessName: 'ContosoTray', WaitSeconds: 30 });
    assert.deepEqual(processStartRoom.explain(step), {
      detects: "ContosoTray.exe is not running in the user's session, while tray-running reports the symptom",
      changes: `starts ${TRAY} /background "two words" as the signed-in user (at most once per 4 hours; nothing is started while it already runs), then waits up to 30 s for ContosoTray.exe to be seen to verify`,
    });
  });

  it('check(): a relative program, a name on PATH, a shell, a user folder as SYSTEM, a bad name, a wait out of range', () => {
    assert.deepEqual(problems({}), []);
    assert.match(problems({ program: 'ContosoTray.exe' })[0]!, /^program: program "ContosoTray.exe" is not an absolute path to an \.exe/);
    assert.match(problems({ program: 'Contoso\\Tray.exe' })[0]!, /is not an absolute path/);
    assert.match(problems({ program: 'C:\\Windows\\System32\\cmd.exe', arguments: ['/c', 'start', 'x'] })[0]!, /is a shell or script host/);
    assert.match(problems({ program: '%LOCALAPPDATA%\\Contoso\\Tray.exe', runAs: 'system' })[0]!, /uses a user's folder variable, but runAs is system/);
    assert.deepEqual(problems({ program: '%LOCALAPPDATA%\\Contoso\\Tray.exe' }), []);
    assert.match(problems({ processName: 'Tray.exe' })[0]!, /^processName: .*ends in \.exe/);
    assert.match(problems({ waitSeconds: 301 })[0]!, /^waitSeconds: waitSeconds 301 must be a whole number of seconds from 0 to 300/);
    assert.match(problems({ arguments: ['a\nb'] })[0]!, /^arguments\.0: /);
  });
});

describe('step room: processStart gated by process, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'process-start-room', displayName: 'process start room', description: 'The Contoso tray agent runs for the user.', publisher: 'spec', context: 'user',
    steps: [
      process({ id: 'tray-running', processName: 'ContosoTray', state: 'running' }),
      processStart({ id: 'start-tray', program: TRAY, arguments: ['/background'], gate: { probes: ['tray-running'] }, cooldown: 'PT1H', waitSeconds: 20 }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const starts = [{ filePath: TRAY_PATH, argumentList: ['/background'], runs: true }];

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('healthy: the tray runs; nothing started', async () => {
    const device = new Device({ name: 'ok', description: 'spec', processes: [{ name: 'ContosoTray', id: 5120, path: TRAY_PATH }], programs: starts });
    assert.equal((await device.run(scripts.detect)).exitCode, 0);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Start-RgProcess'), []);
  });

  it('not running (only another user\'s): started with its arguments at the expanded path, verified; a second run starts nothing', async () => {
    const device = new Device({ name: 'stopped', description: 'spec', processes: [{ name: 'ContosoTray', id: 9000, sessionId: 2 }], programs: starts }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /tray-running \(is not running, want running\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, `${fix.output.join('\n')}\n${fix.log.join('\n')}`);
    assert.match(fix.output[0]!, /^REMEDIATED /);
    assert.deepEqual(calls(fix, 'Start-RgProcess').map((c) => c.Arguments), [{ FilePath: TRAY_PATH, ArgumentList: ['/background'] }]);
    assert.deepEqual(fix.state.processes.filter((p) => p.name === 'ContosoTray' && !p.sessionId).length, 1);
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.deepEqual(calls(again, 'Start-RgProcess'), []);
  });

  it('a program that exits at once: the verification fails after the wait, naming it', async () => {
    const fix = await new Device({ name: 'exits', description: 'spec', programs: [{ filePath: TRAY_PATH, argumentList: ['/background'] }] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /started C:\\Program Files\\Contoso\\Tray\\ContosoTray\.exe \/background \(id \d+\), but no ContosoTray\.exe runs 20 s later/);
    assert.deepEqual(calls(fix, 'Wait-RgSeconds').reduce((sum, c) => sum + (c.Arguments.Seconds as number), 0), 20);
  });

  it('access denied starting it: FAILED with the message, no stderr', async () => {
    const fix = await new Device({ name: 'denied', description: 'spec', programs: [{ filePath: TRAY_PATH, argumentList: ['/background'], startError: 'Access is denied' }] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /Access is denied/);
    assert.deepEqual(fix.errors, []);
  });

  it('a seam that throws (Get-RgProcess): an error in the summary, nothing started', async () => {
    const run = await new Device({ name: 'throws', description: 'spec', programs: starts, faults: { throws: { 'Get-RgProcess': 'Not enough quota is available to process this command.' } } }).run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /Not enough quota/);
    assert.deepEqual(calls(run, 'Start-RgProcess'), []);
    assert.deepEqual(run.errors, []);
  });

  it('-WhatIf: nothing started, the What if line names the program', async () => {
    const run = await new Device({ name: 'stopped', description: 'spec', programs: starts }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Start-RgProcess'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('ContosoTray.exe /background')), run.host.join('\n'));
  });
});

describe('step room: processStart, its own test at the boundary', function () {
  this.timeout(180_000);
  it('the gate reports a symptom but exactly one process of the name runs in this session: not needed, not counted as run', async () => {
    // Gated by another program's probe, so only the action's own test (Test-RgProcessStarted) tells it runs.
    const remediation = defineRemediation({
      id: 'process-start-boundary', displayName: 'process start boundary', description: 'The Contoso tray runs when the agent does not.', publisher: 'spec', context: 'user',
      steps: [
        process({ id: 'agent-running', processName: 'ContosoAgent', state: 'running' }),
        processStart({ id: 'start-tray', program: TRAY, gate: { probes: ['agent-running'] }, cooldown: 'PT1H' }),
      ],
    });
    const { detect, remediate } = await intuneScripts(remediation);
    const device = new Device({ name: 'one-tray', description: 'spec', processes: [{ name: 'ContosoTray', id: 5120, path: TRAY_PATH }] });
    const found = await device.run(detect);
    assert.equal(found.exitCode, 1);
    assert.match(found.output[0]!, /: 1 of 2 checks failed: agent-running \(is not running, want running\)$/);
    const fix = await device.run(remediate);
    assert.deepEqual(calls(fix, 'Start-RgProcess'), []);
    assert.doesNotMatch(fix.output[0]!, /action\(s\) taken/);
  });
});

describe('step room: processStart as SYSTEM, in the engine', function () {
  this.timeout(180_000);
  it('a system package starts the service helper in its own session', async () => {
    const remediation = defineRemediation({
      id: 'process-start-system', displayName: 'process start system', description: 'The Contoso helper runs.', publisher: 'spec', context: 'system',
      steps: [
        process({ id: 'helper-running', processName: 'ContosoHelper', state: 'running' }),
        processStart({ id: 'start-helper', program: 'C:\\Program Files\\Contoso\\ContosoHelper.exe', runAs: 'system', gate: { probes: ['helper-running'] }, cooldown: 'PT1H' }),
      ],
    });
    const { remediate } = await intuneScripts(remediation);
    const fix = await new Device({ name: 'stopped', description: 'spec', programs: [{ filePath: 'C:\\Program Files\\Contoso\\ContosoHelper.exe', runs: true }] }).run(remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Start-RgProcess').map((c) => c.Arguments.ArgumentList), [[]]);
  });
});
