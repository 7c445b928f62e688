/**
 * pathCleanup: an action that deletes files in folders (or renames them to .old) with services and processes
 * stopped around it and started again, on simulated devices whose files the profile lists with sizes, ages,
 * files in use and junctions.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { FileItem, NativeCommand } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { pathCleanup, pathCleanupRoom, type PathCleanupProps } from '../../../generator/steps/files/path-cleanup.ts';
import { command } from '../../../generator/steps/commands/command.ts';
import { process } from '../../../generator/steps/processes/process.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const problems = (props: Partial<PathCleanupProps>): string[] => {
  const found: string[] = [];
  pathCleanupRoom.check(pathCleanup({ id: 'c', folders: ['%ProgramData%\\Contoso\\Cache'], gate: { probes: ['p'] }, cooldown: 'PT1H', ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const NOW = '2026-12-01T08:00:00Z';
const SPOOL = 'C:\\WINDOWS\\System32\\spool\\PRINTERS';
const MB = 1048576;
const job = (name: string, length: number, more: Partial<FileItem> = {}): FileItem => ({ path: `${SPOOL}\\${name}`, length, lastWriteTime: '2026-11-30T08:00:00Z', ...more });
const files = (run: Simulation) => ((run.state.carried.FileSystem ?? []) as { Path: string }[]).map((f) => f.Path);

describe('step room: pathCleanup (rules)', () => {
  it('an action; context from the folders; the step table', () => {
    assert.equal(pathCleanupRoom.category, 'action');
    const step = pathCleanup({ id: 'c', folders: ['%LOCALAPPDATA%\\Microsoft\\Teams\\Cache'], stopProcesses: ['Teams'], trigger: 'largerThan', largerThanMB: 200, gate: { probes: ['p'] }, cooldown: 'P1D' });
    assert.equal(pathCleanupRoom.contextOf(step), 'user');
    assert.deepEqual(pathCleanupRoom.toData(step), {
      Folders: ['%LOCALAPPDATA%\\Microsoft\\Teams\\Cache'], Include: ['*'], MinAgeDays: 0, Trigger: 'LargerThan', LargerThanBytes: 200 * MB, Mode: 'Delete', StopServices: [], StopProcesses: ['Teams'],
    });
    assert.equal(pathCleanupRoom.contextOf(pathCleanup({ ...step, folders: ['%SystemRoot%\\System32\\spool\\PRINTERS'], stopProcesses: [] })), 'system');
  });

  it('check(): C:\\Windows, a profile root, AppData itself, a drive, Program Files are refused; a cache below them is not', () => {
    for (const folder of ['C:\\Windows', '%SystemRoot%', '%windir%\\', 'C:\\Windows\\System32', 'C:\\Windows\\WinSxS\\Backup', 'C:\\Windows\\System32\\config\\RegBack', 'C:\\', 'C:\\Users\\ada', '%USERPROFILE%', '%APPDATA%', '%LOCALAPPDATA%\\', 'C:\\Users\\ada\\AppData\\Local', '%ProgramFiles%', 'C:\\Program Files (x86)', '%ProgramData%', 'C:\\Users', '%USERPROFILE%\\Documents']) {
      const found = problems({ folders: [folder] });
      assert.equal(found.length, 1, `${folder}: ${found.join(' | ')}`);
      assert.match(found[0]!, /is a system folder or a profile root/);
    }
    assert.deepEqual(problems({ folders: ['%SystemRoot%\\System32\\spool\\PRINTERS'] }), []);
    assert.deepEqual(problems({ folders: ['%LOCALAPPDATA%\\Microsoft\\Teams\\Cache'] }), []);
    assert.deepEqual(problems({ folders: ['C:\\Windows\\SoftwareDistribution\\Download'], minAgeDays: 7 }), []);
  });

  it('check(): wildcards, relative paths, mixed contexts, a trigger without its size, rename with include, services in user context', () => {
    assert.match(problems({ folders: ['C:\\Temp\\*'] })[0]!, /has a wildcard/);
    assert.match(problems({ folders: ['Temp'] })[0]!, /is not a full path/);
    assert.match(problems({ folders: ['%TEMP%\\Contoso', 'C:\\Contoso\\Logs'] })[0]!, /mix the user's/);
    assert.match(problems({ trigger: 'largerThan' })[0]!, /needs largerThanMB/);
    assert.match(problems({ mode: 'rename', include: ['*.tmp'] })[0]!, /renames whole folders/);
    assert.match(problems({ folders: ['%TEMP%\\Contoso'], stopServices: ['Spooler'] })[0]!, /cannot stop services/);
    assert.match(problems({ stopProcesses: ['Teams.exe'] })[0]!, /not one process name/);
  });
});

describe('step room: pathCleanup, the print spooler queue (system), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'spool-room', displayName: 'pathCleanup room', description: 'Clear print jobs stuck for a day when the spooler is down.', publisher: 'spec', context: 'system',
    steps: [
      command({ id: 'spooler-running', program: 'sc.exe', arguments: ['query', 'Spooler'], stdoutPattern: 'STATE\\s+:\\s+4\\s+RUNNING' }),
      pathCleanup({ id: 'clear-queue', folders: ['%SystemRoot%\\System32\\spool\\PRINTERS'], include: ['*.SHD', '*.SPL'], minAgeDays: 1, stopServices: ['Spooler'], gate: { probes: ['spooler-running'] }, cooldown: 'PT1H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const query = (state: string): NativeCommand => ({ filePath: 'sc.exe', argumentList: ['query', 'Spooler'], exitCode: 0, output: ['SERVICE_NAME: Spooler', `        STATE              : ${state}`] });
  const stuck = [job('00012.SHD', 2048), job('00012.SPL', 40 * MB), job('00013.SPL', 3 * MB, { lastWriteTime: '2026-12-01T07:30:00Z' }), job('desktop.ini', 100)];
  const spooler = (more: object = {}) => ({ name: 'Spooler', status: 'Running' as const, startType: 'Automatic' as const, effects: { commands: [query('4  RUNNING')] }, ...more });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('healthy (spooler running): the old jobs are not touched', async () => {
    const run = await new Device({ name: 'ok', description: 'spec', clock: NOW, commands: [query('4  RUNNING')], services: [spooler()], fileSystem: stuck }).run(scripts.remediate);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.deepEqual([...calls(run, 'Remove-RgFileItem'), ...calls(run, 'Stop-RgService')], []);
  });

  it('stuck: the spooler stopped, the day-old jobs deleted (not the fresh one, not desktop.ini), started again; the summary says what was freed; a second run deletes nothing', async () => {
    const device = new Device({ name: 'stuck', description: 'spec', clock: NOW, commands: [query('2  START_PENDING')], services: [spooler({ status: 'StartPending' })], fileSystem: stuck }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /clear-queue \(is 2 file\(s\), 40\.0 MB, want no matching file\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(fix.calls.filter((c) => /^(Stop-RgService|Remove-RgFileItem|Start-RgService)$/.test(c.Seam)).map((c) => `${c.Seam} ${String(c.Arguments.Name ?? c.Arguments.Path)}`), [
      'Stop-RgService Spooler', `Remove-RgFileItem ${SPOOL}\\00012.SHD`, `Remove-RgFileItem ${SPOOL}\\00012.SPL`, 'Start-RgService Spooler',
    ]);
    assert.ok(fix.log.some((l) => l.includes('clear-queue: freed 40.0 MB (2 file(s))')), fix.log.join('\n'));
    assert.deepEqual(files(fix).sort(), [`${SPOOL}\\00013.SPL`, `${SPOOL}\\desktop.ini`]);
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.deepEqual(calls(again, 'Remove-RgFileItem'), []);
  });

  it('a job file in use is left and counted; the spooler is started again even so; FAILED while it is there', async () => {
    const fix = await new Device({ name: 'in-use', description: 'spec', clock: NOW, commands: [query('1  STOPPED')], services: [spooler({ status: 'Stopped', effects: {} })],
      fileSystem: [job('00012.SHD', 2048), job('00012.SPL', 40 * MB, { writeError: 'The process cannot access the file because it is being used by another process.' })] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.ok(fix.log.some((l) => l.includes('1 file(s) could not be deleted')), fix.log.join('\n'));
    assert.match(fix.output[0]!, /clear-queue \(is freed 2\.0 KB \(1 file\(s\)\); left 1 file\(s\), 40\.0 MB/);
    // It was stopped already: it is not stopped by the cleanup, and not started "again".
    assert.deepEqual(calls(fix, 'Stop-RgService'), []);
  });

  it('a service that will not stop: nothing deleted, the reason in the summary', async () => {
    const fix = await new Device({ name: 'nostop', description: 'spec', clock: NOW, commands: [query('2  START_PENDING')], services: [spooler({ status: 'StartPending', stopError: 'The service cannot accept control messages at this time.' })], fileSystem: stuck }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(calls(fix, 'Remove-RgFileItem'), []);
    assert.match(fix.output[0]!, /clear-queue.*cannot accept control messages/);
  });

  it('access denied listing the folder: the reason, nothing deleted', async () => {
    const run = await new Device({ name: 'denied', description: 'spec', clock: NOW, commands: [query('1  STOPPED')], fileSystem: [{ path: SPOOL, folder: true, readError: 'Access to the path is denied.' }, ...stuck] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /clear-queue.*Access to the path is denied\./);
  });

  it('a junction inside the folder is not entered', async () => {
    const run = await new Device({ name: 'junction', description: 'spec', clock: NOW, commands: [query('1  STOPPED')], services: [spooler({ status: 'Stopped' })],
      fileSystem: [{ path: `${SPOOL}\\link`, folder: true, reparsePoint: true }, job('link\\important.SPL', 10 * MB)] }).run(scripts.remediate);
    assert.deepEqual(calls(run, 'Remove-RgFileItem'), []);
  });

  it('-WhatIf: nothing stopped or deleted, no cooldown recorded', async () => {
    const run = await new Device({ name: 'stuck', description: 'spec', clock: NOW, commands: [query('1  STOPPED')], services: [spooler({ status: 'Running' })], fileSystem: stuck }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual([...calls(run, 'Remove-RgFileItem'), ...calls(run, 'Stop-RgService')], []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('00012.SPL')), run.host.join('\n'));
    assert.equal(run.state.registry.find((e) => e.name === 'clear-queue.LastRunUtc'), undefined);
  });
});

describe('step room: pathCleanup in user context (a cache renamed to .old, its process ended and started again), in the engine', function () {
  this.timeout(180_000);
  it('the Teams cache above 100 MB: Teams ended, Cache renamed to Cache.old (an earlier .old deleted), Teams started again', async () => {
    const remediation = defineRemediation({
      id: 'cache-room', displayName: 'cache room', description: 'Teams cache.', publisher: 'spec', context: 'user',
      steps: [
        process({ id: 'teams-not-hung', processName: 'TeamsHang', state: 'notRunning' }),
        pathCleanup({ id: 'teams-cache', folders: ['%LOCALAPPDATA%\\Microsoft\\Teams\\Cache'], trigger: 'largerThan', largerThanMB: 100, mode: 'rename', stopProcesses: ['Teams'], gate: { probes: ['teams-not-hung'] }, cooldown: 'P1D' }),
      ],
    });
    const { remediate } = await intuneScripts(remediation);
    const teams = '%LOCALAPPDATA%\\Microsoft\\Teams\\current\\Teams.exe';
    const device = new Device({
      name: 'teams', description: 'spec', clock: NOW,
      processes: [{ name: 'TeamsHang' }, { name: 'Teams', id: 5000, path: 'C:\\Users\\ada\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe' }],
      programs: [{ filePath: teams, runs: true }],
      fileSystem: [{ path: '%LOCALAPPDATA%\\Microsoft\\Teams\\Cache\\data_1', length: 150 * MB }, { path: '%LOCALAPPDATA%\\Microsoft\\Teams\\Cache.old\\data_0', length: MB }],
    });
    const fix = await device.run(remediate);
    assert.deepEqual(fix.calls.filter((c) => /^(Stop-RgProcess|Remove-RgFolder|Move-RgFolder|Start-RgProcess)$/.test(c.Seam)).map((c) => c.Seam), ['Stop-RgProcess', 'Remove-RgFolder', 'Move-RgFolder', 'Start-RgProcess']);
    assert.ok(files(fix).some((f) => f.endsWith('Teams\\Cache.old\\data_1')), files(fix).join('\n'));
    assert.ok(!files(fix).some((f) => f.endsWith('data_0')));
    assert.match(fix.output[0]!, /teams-cache/);
  });
});
