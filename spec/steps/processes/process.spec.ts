/**
 * The process rooms: process (probe: a process of a name running or not, this session or any) and
 * processStop (action: every such process ended forcefully, verified by listing them again), on simulated
 * devices whose processes the profile lists (session, a stop that is refused).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { process, processRoom } from '../../../generator/steps/processes/process.ts';
import { processStop, processStopRoom } from '../../../generator/steps/processes/process-stop.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const TEAMS = 'C:\\Users\\ada\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe';

describe('step rooms: process, processStop (rules)', () => {
  it('categories, contexts by scope, the step table, explain()', () => {
    assert.equal(processRoom.category, 'probe');
    assert.equal(processStopRoom.category, 'action');
    assert.equal(processRoom.contextOf(process({ id: 'p', processName: 'Teams', state: 'running' })), 'user');
    assert.equal(processRoom.contextOf(process({ id: 'p', processName: 'Teams', state: 'running', scope: 'any' })), 'any');
    const stop = processStop({ id: 's', processName: 'Teams', scope: 'any', gate: { probes: ['p'] }, cooldown: 'PT1H' });
    assert.equal(processStopRoom.contextOf(stop), 'system');
    assert.deepEqual(processStopRoom.toData(stop), { ProcessName: 'Teams', AnySession: true });
    assert.deepEqual(processStopRoom.explain(stop), {
      detects: 'Teams.exe in any session is running, while p reports the symptom',
      changes: 'ends every Teams.exe in any session forcefully (at most once per 1 hour), then lists the processes again to verify',
    });
  });

  it('check(): a wildcard, a folder, .exe', () => {
    assert.deepEqual(issues((i) => processRoom.check(process({ id: 'p', processName: 'Team*', state: 'running' }), i)), [
      "processName: process name \"Team*\" is not one process name: write the name Task Manager shows without folder or wildcard, e.g. 'Teams'",
    ]);
    assert.deepEqual(issues((i) => processRoom.check(process({ id: 'p', processName: 'Teams.exe', state: 'running' }), i)), [
      'processName: process name "Teams.exe" ends in .exe: write it without, e.g. "Teams"',
    ]);
  });
});

describe('step rooms: process gating processStop (this session), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'process-room', displayName: 'process room', description: 'Teams closed.', publisher: 'spec', context: 'user',
    steps: [
      process({ id: 'teams-closed', processName: 'Teams', state: 'notRunning' }),
      processStop({ id: 'close-teams', processName: 'Teams', gate: { probes: ['teams-closed'] }, cooldown: 'PT1H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('compliant: Teams runs only in another user\'s session (not seen); nothing ended', async () => {
    const device = new Device({ name: 'ok', description: 'spec', processes: [{ name: 'Teams', path: TEAMS, sessionId: 2 }] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.deepEqual(calls(fix, 'Stop-RgProcess'), []);
  });

  it('two Teams processes here: both ended, verified; the other session\'s left; a second run ends nothing', async () => {
    const device = new Device({ name: 'running', description: 'spec', processes: [{ name: 'Teams', id: 4100, path: TEAMS }, { name: 'teams', id: 4104, path: TEAMS }, { name: 'Teams', id: 9000, sessionId: 2 }] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /teams-closed \(is running \(id 4100 session 1, id 4104 session 1\), want not running\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Stop-RgProcess').map((c) => c.Arguments.Id), [4100, 4104]);
    assert.deepEqual(fix.state.processes.map((p) => p.id), [9000]);
    const again = await device.run(scripts.remediate);
    assert.deepEqual(calls(again, 'Stop-RgProcess'), []);
  });

  it('a process that cannot be ended (access denied): the others are tried, FAILED naming it', async () => {
    const fix = await new Device({ name: 'denied', description: 'spec', processes: [{ name: 'Teams', id: 4100, stopError: 'Access is denied' }, { name: 'Teams', id: 4104 }] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(calls(fix, 'Stop-RgProcess').map((c) => c.Arguments.Id), [4100, 4104]);
    assert.match(fix.output[0]!, /could not end Teams\.exe \(id 4100, session 1\): Access is denied/);
  });

  it('a seam that throws: an error in the summary, no stderr', async () => {
    const run = await new Device({ name: 'throws', description: 'spec', processes: [{ name: 'Teams' }], faults: { throws: { 'Get-RgProcess': 'Not enough quota is available to process this command.' } } }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /Not enough quota/);
    assert.deepEqual(run.errors, []);
  });

  it('-WhatIf: nothing ended', async () => {
    const run = await new Device({ name: 'running', description: 'spec', processes: [{ name: 'Teams', id: 4100 }] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Stop-RgProcess'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Teams.exe (id 4100, session 1)')), run.host.join('\n'));
  });
});

describe('step room: process in any session (system), in the engine', function () {
  this.timeout(180_000);
  it('a process of another session is seen with scope any, and is the one required', async () => {
    const remediation = defineRemediation({
      id: 'process-any', displayName: 'process any', description: 'The agent runs somewhere.', publisher: 'spec', context: 'system',
      steps: [process({ id: 'agent-runs', processName: 'ContosoAgent', state: 'running', scope: 'any' })],
    });
    const { detect } = await intuneScripts(remediation);
    const ok = await new Device({ name: 'other', description: 'spec', processes: [{ name: 'ContosoAgent', id: 300, sessionId: 0 }] }).run(detect);
    assert.equal(ok.exitCode, 0, ok.output.join('\n'));
    assert.equal(calls(ok, 'Get-RgProcess')[0]!.Arguments.AnySession, true);
    const none = await new Device({ name: 'none', description: 'spec' }).run(detect);
    assert.equal(none.exitCode, 1);
    assert.match(none.output[0]!, /agent-runs \(is not running, want running\)/);
  });
});
