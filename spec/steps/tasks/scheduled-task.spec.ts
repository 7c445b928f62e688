/**
 * The scheduled-task rooms: scheduledTask (setting: enabled or disabled), scheduledTaskRan (probe: ran within
 * N hours) and scheduledTaskRun (action: start it; the same Start-RgScheduledTask seam joinRepair uses), on
 * simulated devices whose tasks the profile describes (state, last run, result, what a run ends with).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { ScheduledTask } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { scheduledTask, scheduledTaskRoom } from '../../../generator/steps/tasks/scheduled-task.ts';
import { scheduledTaskRan, scheduledTaskRanRoom } from '../../../generator/steps/tasks/scheduled-task-ran.ts';
import { scheduledTaskRun, scheduledTaskRunRoom } from '../../../generator/steps/tasks/scheduled-task-run.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

/** A vendor's telemetry task and a sync task, as Task Scheduler lists them. */
const TELEMETRY = { path: '\\Microsoft\\Windows\\Customer Experience Improvement Program\\', name: 'Consolidator' };
const SYNC = { path: '\\Contoso\\', name: 'Contoso Drive Sync' };
const NOW = '2026-12-01T08:00:00Z';
const task = (base: { path: string; name: string }, more: Partial<ScheduledTask> = {}): ScheduledTask => ({ ...base, ...more });
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);

describe('step rooms: scheduledTask, scheduledTaskRan, scheduledTaskRun (rules)', () => {
  it('categories and contexts; the step table data', () => {
    assert.equal(scheduledTaskRoom.category, 'setting');
    assert.equal(scheduledTaskRanRoom.category, 'probe');
    assert.equal(scheduledTaskRunRoom.category, 'action');
    const step = scheduledTask({ id: 't', taskPath: TELEMETRY.path, taskName: TELEMETRY.name, state: 'disabled' });
    assert.equal(scheduledTaskRoom.contextOf(step), 'system');
    assert.deepEqual(scheduledTaskRoom.toData(step), { TaskPath: TELEMETRY.path, TaskName: TELEMETRY.name, Want: 'Disabled', IfMissing: 'NonCompliant' });
    const ran = scheduledTaskRan({ id: 'r', taskPath: SYNC.path, taskName: SYNC.name, withinHours: 24, successResults: [0] });
    assert.deepEqual(scheduledTaskRanRoom.toData(ran), { TaskPath: SYNC.path, TaskName: SYNC.name, WithinHours: 24, SuccessResults: [0] });
  });

  it('check(): a folder without its backslashes, a wildcard name, a window out of range', () => {
    assert.deepEqual(issues((i) => scheduledTaskRoom.check(scheduledTask({ id: 't', taskPath: 'Microsoft\\Windows', taskName: '*', state: 'enabled' }), i)), [
      "taskPath: task path \"Microsoft\\\\Windows\" is not a Task Scheduler folder: write it with a leading and a trailing backslash and no wildcard, e.g. '\\Microsoft\\Windows\\Workplace Join\\' ('\\' for the root)",
      'taskName: task name "*" is not one task\'s name: no wildcard, no backslash (put the folder in taskPath)',
    ]);
    assert.deepEqual(issues((i) => scheduledTaskRanRoom.check(scheduledTaskRan({ id: 'r', taskPath: '\\', taskName: 'x', withinHours: 0, successResults: [1.5] }), i)), [
      'withinHours: withinHours 0 must be a whole number of hours from 1 to 8760 (a year)',
      'successResults.0: result 1.5 is not a task result code: use a whole number such as 0',
    ]);
    assert.deepEqual(issues((i) => scheduledTaskRanRoom.check(scheduledTaskRan({ id: 'r', taskPath: '\\', taskName: 'x', withinHours: 24 }), i)), []);
  });

  it('explain() in plain words', () => {
    const step = scheduledTaskRun({ id: 'run', taskPath: SYNC.path, taskName: SYNC.name, withinHours: 24, gate: { probes: ['ran'] }, cooldown: 'PT12H' });
    assert.deepEqual(scheduledTaskRunRoom.explain(step), {
      detects: 'the scheduled task \\Contoso\\Contoso Drive Sync ran within the last 24 hours, while ran reports the symptom',
      changes: 'starts the scheduled task \\Contoso\\Contoso Drive Sync (at most once per 12 hours), then reads its last run again to verify',
    });
    assert.match(scheduledTaskRoom.explain(scheduledTask({ id: 't', taskPath: '\\', taskName: 'x', state: 'disabled', ifMissing: 'notApplicable' })).detects, /is disabled \(a device without the task passes\)/);
  });
});

describe('step room: scheduledTask (setting), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'task-setting-room', displayName: 'scheduledTask room', description: 'Telemetry task off.', publisher: 'spec', context: 'system',
    steps: [
      scheduledTask({ id: 'consolidator-off', taskPath: TELEMETRY.path, taskName: TELEMETRY.name, state: 'disabled' }),
      scheduledTask({ id: 'sync-on', taskPath: SYNC.path, taskName: SYNC.name, state: 'enabled', ifMissing: 'notApplicable' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('compliant: the task disabled, the other enabled; nothing changed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', scheduledTasks: [task(TELEMETRY, { state: 'Disabled' }), task(SYNC)] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.match(stripBuild(detect.output[0]), /^COMPLIANT task-setting-room: all 2 settings compliant/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(calls(fix, 'Set-RgScheduledTaskEnabled'), []);
  });

  it('non-compliant, then remediated; a second run changes nothing', async () => {
    const device = new Device({ name: 'on', description: 'spec', scheduledTasks: [task(TELEMETRY), task(SYNC, { state: 'Disabled' })] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /2 of 2 settings wrong: consolidator-off \(is enabled \(Ready\), want disabled\); sync-on \(is disabled, want enabled\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(fix.output[0]!, /^REMEDIATED/);
    assert.deepEqual(calls(fix, 'Set-RgScheduledTaskEnabled').map((c) => `${String(c.Arguments.TaskName)}=${String(c.Arguments.Enabled)}`), ['Consolidator=false', 'Contoso Drive Sync=true']);
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual(calls(again, 'Set-RgScheduledTaskEnabled'), []);
  });

  it('partly: one wrong, only that one is changed', async () => {
    const fix = await new Device({ name: 'partly', description: 'spec', scheduledTasks: [task(TELEMETRY), task(SYNC)] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(calls(fix, 'Set-RgScheduledTaskEnabled').map((c) => c.Arguments.TaskName), ['Consolidator']);
  });

  it('not applicable: the sync task missing passes (declared), the telemetry task missing fails and is not created', async () => {
    const detect = await new Device({ name: 'none', description: 'spec', scheduledTasks: [] }).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /1 of 2 settings wrong: consolidator-off \(is not registered, want disabled\)/);
    const fix = await new Device({ name: 'none', description: 'spec', scheduledTasks: [] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /consolidator-off.*not registered; remgen does not create tasks/);
    assert.deepEqual(calls(fix, 'Set-RgScheduledTaskEnabled'), []);
  });

  it('access denied reading a task: the step fails with the reason, the other is still tested', async () => {
    const detect = await new Device({ name: 'denied', description: 'spec', scheduledTasks: [task(TELEMETRY, { readError: 'Access is denied.' }), task(SYNC)] }).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /consolidator-off.*Access is denied\./);
    assert.doesNotMatch(detect.output[0]!, /sync-on/);
  });

  it('a seam that throws: an error in the summary, no stderr', async () => {
    const run = await new Device({ name: 'throws', description: 'spec', scheduledTasks: [task(TELEMETRY)], faults: { throws: { 'Set-RgScheduledTaskEnabled': 'The RPC server is unavailable.' } } }).run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /consolidator-off.*The RPC server is unavailable\./);
    assert.deepEqual(run.errors, []);
  });

  it('-WhatIf: says what it would change, changes nothing', async () => {
    const run = await new Device({ name: 'on', description: 'spec', scheduledTasks: [task(TELEMETRY), task(SYNC)] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Set-RgScheduledTaskEnabled'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('scheduled task \\Microsoft\\Windows\\Customer Experience Improvement Program\\Consolidator')), run.host.join('\n'));
  });
});

describe('step rooms: scheduledTaskRan (probe) gating scheduledTaskRun (action), in the engine', function () {
  this.timeout(180_000);
  const window = { taskPath: SYNC.path, taskName: SYNC.name, withinHours: 24, successResults: [0] };
  const remediation = defineRemediation({
    id: 'task-run-room', displayName: 'scheduledTaskRun room', description: 'Run the sync when it has not run.', publisher: 'spec', context: 'system',
    steps: [
      scheduledTaskRan({ id: 'sync-ran', ...window }),
      scheduledTaskRun({ id: 'run-sync', ...window, gate: { probes: ['sync-ran'] }, cooldown: 'PT12H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy: ran 3 hours ago with result 0; nothing started', async () => {
    const device = new Device({ name: 'ok', description: 'spec', clock: NOW, scheduledTasks: [task(SYNC, { lastRunTime: '2026-12-01T05:00:00Z', lastTaskResult: 0 })] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(calls(fix, 'Start-RgScheduledTask'), []);
  });

  it('ran 30 hours ago: started through the same seam as joinRepair, verified by the new last run; a second run starts nothing', async () => {
    const device = new Device({ name: 'stale', description: 'spec', clock: NOW, scheduledTasks: [task(SYNC, { lastRunTime: '2026-11-30T02:00:00Z' })] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /sync-ran \(is last ran 2026-11-30 02:00 UTC, result 0, want ran within 24 hour\(s\) with result 0\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Start-RgScheduledTask').map((c) => `${String(c.Arguments.TaskPath)}${String(c.Arguments.TaskName)}`), ['\\Contoso\\Contoso Drive Sync']);
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.deepEqual(calls(again, 'Start-RgScheduledTask'), []);
  });

  it('a run that ends with an error result is not taken as success: FAILED, the cooldown stops a second start', async () => {
    const device = new Device({ name: 'failing', description: 'spec', clock: NOW, scheduledTasks: [task(SYNC, { lastRunTime: '2026-11-29T02:00:00Z', runResult: 2147942402 })] }, { continues: true });
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /run-sync \(is last ran 2026-12-01 08:00 UTC, result 2147942402/);
    const again = await device.run(scripts.remediate);
    assert.deepEqual(calls(again, 'Start-RgScheduledTask'), []);
    assert.match(again.output[0]!, /run-sync in cooldown until/);
  });

  it('never ran, and disabled: the start fails with the reason', async () => {
    const fix = await new Device({ name: 'disabled', description: 'spec', clock: NOW, scheduledTasks: [task(SYNC, { state: 'Disabled' })] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /could not start the scheduled task \\Contoso\\Contoso Drive Sync: The task is disabled/);
  });

  it('not registered: the probe fails naming it, the start fails', async () => {
    const detect = await new Device({ name: 'missing', description: 'spec', clock: NOW }).run(scripts.detect);
    assert.match(detect.output[0]!, /sync-ran \(is task \\Contoso\\Contoso Drive Sync not found/);
  });

  it('-WhatIf: nothing started, no cooldown recorded', async () => {
    const run = await new Device({ name: 'stale', description: 'spec', clock: NOW, scheduledTasks: [task(SYNC, { lastRunTime: '2026-11-30T02:00:00Z' })] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Start-RgScheduledTask'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Contoso Drive Sync')));
    assert.equal(run.state.registry.find((e) => e.name === 'run-sync.LastRunUtc'), undefined);
  });
});
