/**
 * joinRepair: an action room (system). Gated by the joinState probe; starts the Automatic-Device-Join task
 * by default, dsregcmd /leave + /join only when opted in, domain joined and a DC answers on 389; verified by
 * reading dsregcmd /status again, never by an exit code; cooldown remembered on the device.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { DeviceProfileProps, NativeCommand, RegistryEntry } from '../../../generator/model/profile.ts';
import { joinRepair, joinRepairRoom } from '../../../generator/steps/identity/join-repair.ts';
import { joinState } from '../../../generator/steps/identity/join-state.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { AUTH_FAILED, DOMAIN_ONLY, ENTRA, HYBRID, status } from './join-fixtures.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof joinRepairRoom.check>[0]): string[] => {
  const found: string[] = [];
  joinRepairRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const TASK = { path: '\\Microsoft\\Windows\\Workplace Join\\', name: 'Automatic-Device-Join' };
const TCPIP: RegistryEntry = { path: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters', name: 'Domain', kind: 'String', value: 'contoso.com' };
const ok = (argument: string): NativeCommand => ({ filePath: 'dsregcmd.exe', argumentList: [argument], exitCode: 0, output: [] });

describe('step room: joinRepair (action)', () => {
  it('system context; the Automatic-Device-Join task by default; leave/join off by default; refuses a bad DC and one given without the opt-in', () => {
    const step = joinRepair({ id: 'repair', gate: { probes: ['joined'] }, cooldown: 'P1D' });
    assert.equal(joinRepairRoom.contextOf(step), 'system');
    assert.equal(joinRepairRoom.category, 'action');
    assert.deepEqual(joinRepairRoom.setRuntime, ['tasks.ps1', 'network.ps1']);
    assert.deepEqual(joinRepairRoom.toData(step), { Want: 'any-entra', TaskPath: TASK.path, TaskName: TASK.name, LeaveAndJoin: false, DomainController: '' });
    assert.deepEqual(issues(step), []);
    assert.deepEqual(issues(joinRepair({ ...step, leaveAndJoin: true, domainController: 'dc01.contoso.com' })), []);
    assert.deepEqual(issues(joinRepair({ ...step, domainController: 'ldap://dc01' })), [
      'domainController: "ldap://dc01" is not a host name: write a name such as dc01.contoso.com or contoso.com',
      'domainController: domainController is used only with leaveAndJoin: true; leave it out, or opt in',
    ]);
    assert.match(joinRepairRoom.explain(step).changes, /^starts the scheduled task \\Microsoft\\Windows\\Workplace Join\\Automatic-Device-Join \(at most once per 1 day\), then reads dsregcmd \/status again/);
    assert.match(joinRepairRoom.explain(joinRepair({ ...step, leaveAndJoin: true })).changes, /^runs dsregcmd \/leave and \/join when the device is domain joined and its domain answers on TCP 389, else starts/);
  });
});

describe('step room: joinRepair, in the engine (gate, task, opt-in leave/join, verification, cooldown)', function () {
  this.timeout(120_000);
  const remediation = (leaveAndJoin: boolean) => defineRemediation({
    id: 'join-repair-room',
    displayName: 'joinRepair room',
    description: 'The join probe and its repair.',
    publisher: 'spec',
    context: 'system',
    steps: [
      joinState({ id: 'joined', want: 'hybrid' }),
      joinRepair({ id: 'repair-join', want: 'hybrid', gate: { probes: ['joined'] }, cooldown: 'P1D', ...(leaveAndJoin ? { leaveAndJoin } : {}) }),
    ],
  });
  let plain: { detect: string; remediate: string };
  let optIn: { detect: string; remediate: string };
  before(async () => { [plain, optIn] = await Promise.all([intuneScripts(remediation(false)), intuneScripts(remediation(true))]); });

  const device = (commands: NativeCommand[], more: Partial<DeviceProfileProps> = {}): Device =>
    new Device({ name: 'join', description: 'spec', scheduledTasks: [TASK], clock: '2026-12-01T08:00:00Z', commands, ...more });
  const started = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Start-RgScheduledTask').map((c) => `${String(c.Arguments.TaskPath)}${String(c.Arguments.TaskName)}`);
  const dsreg = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand').map((c) => (c.Arguments.ArgumentList as string[]).join(' '));
  const lastRun = (run: Simulation) => run.state.registry.find((e) => e.name === 'repair-join.LastRunUtc');

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (Start-ScheduledTask inside its seam)', async () => {
    const findings = await lintFiles([plain.detect, plain.remediate, optIn.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy hybrid join: not needed; no task started, no leave', async () => {
    const run = await device([status(HYBRID)]).run(plain.remediate);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.deepEqual(started(run), []);
    assert.deepEqual(dsreg(run).filter((a) => a !== '/status'), []);
    assert.equal(lastRun(run), undefined);
  });

  it('broken (domain only): detection fails; the remediation starts the task, verifies by reading /status again, and remembers the run', async () => {
    const detect = await device([status(DOMAIN_ONLY)]).run(plain.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /repair-join \(is domain joined only, not Entra joined/);
    const fix = await device([status(DOMAIN_ONLY, DOMAIN_ONLY, HYBRID)]).run(plain.remediate);
    assert.deepEqual(started(fix), [TASK.path + TASK.name]);
    assert.deepEqual(dsreg(fix), ['/status', '/status', '/status', '/status'], 'read twice before, twice after; no /leave, no /join');
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(fix.output[0]!, /1 action\(s\) taken: repair-join/);
    assert.equal(lastRun(fix)?.path, 'HKLM\\SOFTWARE\\remgen\\join-repair-room');
    assert.ok(fix.log.some((l) => l.includes('repair-join: started the scheduled task \\Microsoft\\Windows\\Workplace Join\\Automatic-Device-Join')));
  });

  it('the task started but the status stays broken (DeviceAuthStatus FAILED): verification fails; inside the cooldown it is not started again', async () => {
    const broken = device([status(AUTH_FAILED)]);
    const fix = await broken.run(plain.remediate);
    assert.deepEqual(started(fix), [TASK.path + TASK.name]);
    assert.equal(fix.exitCode, 1);
    assert.match(stripBuild(fix.output[0]), /^FAILED join-repair-room: 2 of 2 checks still failed: .*repair-join \(is hybrid joined \(DomainName CONTOSO\), DeviceAuthStatus FAILED\. Device is either disabled or deleted/);
    const again = await broken.run(plain.remediate);
    assert.deepEqual(started(again), [], 'inside the cooldown the task is not started again');
    assert.match(again.output[0]!, /repair-join in cooldown until 2026-12-02 08:00 UTC/);
  });

  it('a task that cannot be started: the error is reported and no cooldown starts', async () => {
    const run = await device([status(DOMAIN_ONLY)], { scheduledTasks: [{ ...TASK, startError: 'The task is disabled.' }] }).run(plain.remediate);
    assert.equal(run.exitCode, 1);
    assert.ok(run.log.some((l) => l.includes('repair-join: could not be applied: could not start the scheduled task \\Microsoft\\Windows\\Workplace Join\\Automatic-Device-Join: The task is disabled.')));
    assert.equal(lastRun(run), undefined);
    const missing = await device([status(DOMAIN_ONLY)], { scheduledTasks: [] }).run(plain.remediate);
    assert.ok(missing.log.some((l) => l.includes('Automatic-Device-Join: The system cannot find the file specified.')));
  });

  it('opted in, domain joined, the DC (the primary DNS domain) answers on 389: /leave then /join, no task; verified by reading /status again', async () => {
    const run = await device([status(AUTH_FAILED, AUTH_FAILED, AUTH_FAILED, HYBRID), ok('/leave'), ok('/join')], {
      registry: [TCPIP], endpoints: [{ hostName: 'contoso.com', port: 389, reachable: true }],
    }).run(optIn.remediate);
    assert.deepEqual(dsreg(run), ['/status', '/status', '/status', '/leave', '/join', '/status', '/status']);
    assert.deepEqual(started(run), []);
    const ldap = run.calls.filter((c) => c.Seam === 'Test-RgTcpEndpoint');
    assert.deepEqual(ldap.map((c) => [c.Arguments.HostName, c.Arguments.Port]), [['contoso.com', 389]]);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
  });

  it('opted in but no DC reachable: no /leave, the task instead, the reason logged', async () => {
    const run = await device([status(AUTH_FAILED)], { registry: [TCPIP], endpoints: [{ hostName: 'contoso.com', port: 389, reachable: false }] }).run(optIn.remediate);
    assert.deepEqual(dsreg(run).filter((a) => a !== '/status'), []);
    assert.deepEqual(started(run), [TASK.path + TASK.name]);
    assert.ok(run.log.some((l) => l.includes('repair-join: dsregcmd /leave and /join not used: the domain controller contoso.com:389 is not reachable (timed out after 3000 ms); starting the scheduled task instead')));
    const noDomain = await device([status(AUTH_FAILED)]).run(optIn.remediate);
    assert.deepEqual(dsreg(noDomain).filter((a) => a !== '/status'), []);
    assert.ok(noDomain.log.some((l) => l.includes('no domain controller to check')));
  });

  it('opted in on a cloud-only Entra joined device: never /leave (the join could not be restored unattended)', async () => {
    const remediationEntra = defineRemediation({
      id: 'join-repair-entra', displayName: 'joinRepair entra', description: 'spec', publisher: 'spec', context: 'system',
      steps: [joinState({ id: 'joined', want: 'hybrid' }), joinRepair({ id: 'repair-join', want: 'hybrid', gate: { probes: ['joined'] }, cooldown: 'P1D', leaveAndJoin: true })],
    });
    const scripts = await intuneScripts(remediationEntra);
    const run = await device([status(ENTRA)], { registry: [TCPIP], endpoints: [{ hostName: 'contoso.com', port: 389, reachable: true }] }).run(scripts.remediate);
    assert.deepEqual(dsreg(run).filter((a) => a !== '/status'), []);
    assert.ok(run.log.some((l) => l.includes('the device is not domain joined (Entra joined)')));
  });

  it('-WhatIf: says what it would start or leave, does nothing, and starts no cooldown', async () => {
    const run = await device([status(DOMAIN_ONLY)]).run(plain.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(started(run), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('scheduled task \\Microsoft\\Windows\\Workplace Join\\Automatic-Device-Join')));
    assert.equal(lastRun(run), undefined);
    const leave = await device([status(AUTH_FAILED)], { registry: [TCPIP], endpoints: [{ hostName: 'contoso.com', port: 389, reachable: true }] })
      .run(optIn.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(dsreg(leave).filter((a) => a !== '/status'), []);
    assert.ok(leave.host.some((l) => l.startsWith('What if: ') && l.includes('dsregcmd /leave, then dsregcmd /join')));
  });
});
