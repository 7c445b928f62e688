/**
 * The service rooms: service (setting: start type and running or stopped; a missing service non-compliant or
 * declared not applicable) and serviceRestart (action: stopped and started when its gate reports the symptom),
 * on simulated devices whose services the profile describes (status, start type, delayed start, errors, what a
 * start changes).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Service } from '../../../generator/model/profile.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { endpoints } from '../../../generator/steps/network/endpoints.ts';
import { service, serviceRoom } from '../../../generator/steps/services/service.ts';
import { serviceRestart, serviceRestartRoom } from '../../../generator/steps/services/service-restart.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const svc = (name: string, more: Partial<Service> = {}): Service => ({ name, status: 'Running', startType: 'Automatic', ...more });
const carriedService = (run: Simulation, name: string) =>
  ((run.state.carried.Services ?? []) as { Name: string; Status: string; StartType: string; DelayedAutoStart: boolean }[]).find((s) => s.Name === name);

describe('step rooms: service, serviceRestart (rules)', () => {
  it('categories, contexts, the step table', () => {
    assert.equal(serviceRoom.category, 'setting');
    assert.equal(serviceRestartRoom.category, 'action');
    const step = service({ id: 's', serviceName: 'Spooler', startType: 'automaticDelayed', status: 'running' });
    assert.equal(serviceRoom.contextOf(step), 'system');
    assert.deepEqual(serviceRoom.toData(step), { ServiceName: 'Spooler', StartType: 'AutomaticDelayed', Status: 'Running', IfMissing: 'NonCompliant' });
    assert.deepEqual(serviceRoom.toData(service({ id: 's', serviceName: 'x', status: 'stopped', ifMissing: 'notApplicable' })), { ServiceName: 'x', StartType: '', Status: 'Stopped', IfMissing: 'NotApplicable' });
    assert.deepEqual(serviceRestartRoom.toData(serviceRestart({ id: 'r', serviceName: 'Spooler', gate: { probes: ['p'] }, cooldown: 'PT4H' })), { ServiceName: 'Spooler', TimeoutSeconds: 60 });
  });

  it('check(): a display name with a wildcard, nothing to check, disabled but running, a timeout out of range', () => {
    assert.deepEqual(issues((i) => serviceRoom.check(service({ id: 's', serviceName: 'Print*' }), i)), [
      "serviceName: service name \"Print*\" is not one service's name: write the service name (e.g. 'Spooler', not 'Print Spooler'), with no wildcard or slash",
      ': the service step "s" says nothing to check: give startType, status or both',
    ]);
    assert.deepEqual(issues((i) => serviceRoom.check(service({ id: 's', serviceName: 'Fax', startType: 'disabled', status: 'running' }), i)), [
      "status: a disabled service cannot be started: with startType 'disabled' use status 'stopped' or leave status out",
    ]);
    assert.deepEqual(issues((i) => serviceRoom.check(service({ id: 's', serviceName: 'Fax', startType: 'disabled', status: 'stopped' }), i)), []);
    assert.deepEqual(issues((i) => serviceRestartRoom.check(serviceRestart({ id: 'r', serviceName: 'Spooler', timeoutSeconds: 1, gate: { probes: ['p'] }, cooldown: 'PT4H' }), i)), [
      'timeoutSeconds: timeoutSeconds 1 must be a whole number of seconds from 5 to 600',
    ]);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(serviceRoom.explain(service({ id: 's', serviceName: 'Spooler', startType: 'automaticDelayed', status: 'running' })), {
      detects: 'the service Spooler starts automatic (delayed start) and is running (a device without the service fails)',
      changes: 'sets its start type to automatic (delayed start) and starts it; a missing service is never installed',
    });
    assert.deepEqual(serviceRestartRoom.explain(serviceRestart({ id: 'r', serviceName: 'Spooler', gate: { probes: ['printing'] }, cooldown: 'PT4H' })), {
      detects: 'the service Spooler needs a restart, while printing reports the symptom',
      changes: 'stops and starts the service Spooler (at most once per 4 hours), then checks that it runs and tests the gate again to verify',
    });
  });
});

describe('step room: service (setting), in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'service-room', displayName: 'service room', description: 'Update service on, fax off.', publisher: 'spec', context: 'system',
    steps: [
      service({ id: 'wuauserv-on', serviceName: 'wuauserv', startType: 'automaticDelayed', status: 'running' }),
      service({ id: 'fax-off', serviceName: 'Fax', startType: 'disabled', status: 'stopped', ifMissing: 'notApplicable' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const healthy = [svc('wuauserv', { delayedAutoStart: true }), svc('Fax', { status: 'Stopped', startType: 'Disabled' })];

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('compliant: nothing changed', async () => {
    const device = new Device({ name: 'ok', description: 'spec', services: healthy });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.match(stripBuild(detect.output[0]), /^COMPLIANT service-room: all 2 settings compliant/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual([...calls(fix, 'Set-RgServiceStartType'), ...calls(fix, 'Start-RgService'), ...calls(fix, 'Stop-RgService')], []);
  });

  it('automatic without the delay is not automatic (delayed): only the start type is set', async () => {
    const device = new Device({ name: 'undelayed', description: 'spec', services: [svc('wuauserv'), healthy[1]!] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /wuauserv-on \(is start Automatic, Running, want start AutomaticDelayed, Running\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Set-RgServiceStartType').map((c) => `${String(c.Arguments.Name)}=${String(c.Arguments.StartType)}`), ['wuauserv=AutomaticDelayed']);
    assert.deepEqual(calls(fix, 'Start-RgService'), []);
    assert.equal(carriedService(fix, 'wuauserv')?.DelayedAutoStart, true);
  });

  it('non-compliant both ways, remediated; a second run changes nothing', async () => {
    const device = new Device({ name: 'wrong', description: 'spec', services: [svc('wuauserv', { status: 'Stopped', startType: 'Disabled' }), svc('Fax', { startType: 'Manual' })] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /2 of 2 settings wrong: wuauserv-on \(is start Disabled, Stopped, want start AutomaticDelayed, Running\); fax-off \(is start Manual, Running, want start Disabled, Stopped\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(fix.output[0]!, /^REMEDIATED/);
    // The start type first: a disabled service cannot be started.
    assert.deepEqual(fix.calls.filter((c) => /^(Set-RgServiceStartType|Start-RgService|Stop-RgService)$/.test(c.Seam)).map((c) => `${c.Seam} ${String(c.Arguments.Name)}`),
      ['Set-RgServiceStartType wuauserv', 'Start-RgService wuauserv', 'Set-RgServiceStartType Fax', 'Stop-RgService Fax']);
    assert.deepEqual(carriedService(fix, 'Fax'), { ...carriedService(fix, 'Fax'), Status: 'Stopped', StartType: 'Disabled' });
    const again = await device.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual([...calls(again, 'Set-RgServiceStartType'), ...calls(again, 'Start-RgService'), ...calls(again, 'Stop-RgService')], []);
  });

  it('not applicable: no Fax service passes (declared); no update service fails and is not installed', async () => {
    const detect = await new Device({ name: 'none', description: 'spec', services: [] }).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /1 of 2 settings wrong: wuauserv-on \(is not installed, want start AutomaticDelayed, Running\)$/);
    const fix = await new Device({ name: 'none', description: 'spec', services: [] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /wuauserv-on.*not installed; remgen does not install services/);
  });

  it('access denied reading a service: the step fails with the reason, the other is still tested', async () => {
    const detect = await new Device({ name: 'denied', description: 'spec', services: [svc('wuauserv', { readError: 'Access is denied.' }), healthy[1]!] }).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /wuauserv-on.*Access is denied\./);
    assert.doesNotMatch(detect.output[0]!, /fax-off/);
  });

  it('a stop that fails and a seam that throws: errors in the summary, no stderr', async () => {
    const stop = await new Device({ name: 'stuck', description: 'spec', services: [healthy[0]!, svc('Fax', { startType: 'Disabled', stopError: 'The service cannot accept control messages at this time.' })] }).run(scripts.remediate);
    assert.equal(stop.exitCode, 1);
    assert.match(stop.output[0]!, /fax-off.*cannot accept control messages/);
    const run = await new Device({ name: 'throws', description: 'spec', services: [svc('wuauserv', { startType: 'Manual' }), healthy[1]!], faults: { throws: { 'Set-RgServiceStartType': 'The RPC server is unavailable.' } } }).run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /wuauserv-on.*The RPC server is unavailable\./);
    assert.deepEqual(run.errors, []);
  });

  it('-WhatIf: says what it would change, changes nothing', async () => {
    const run = await new Device({ name: 'wrong', description: 'spec', services: [svc('wuauserv', { status: 'Stopped', startType: 'Manual' }), healthy[1]!] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual([...calls(run, 'Set-RgServiceStartType'), ...calls(run, 'Start-RgService')], []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('service wuauserv') && l.includes('Set start type AutomaticDelayed (is Manual)')), run.host.join('\n'));
  });
});

describe('step room: serviceRestart (action) gated by a probe, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'service-restart-room', displayName: 'serviceRestart room', description: 'Restart the agent when its local port does not answer.', publisher: 'spec', context: 'system',
    steps: [
      endpoints({ id: 'agent-answers', endpoints: [{ host: 'localhost', port: 8443 }] }),
      serviceRestart({ id: 'restart-agent', serviceName: 'ContosoAgent', gate: { probes: ['agent-answers'] }, cooldown: 'PT4H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const answering = { hostName: 'localhost', port: 8443, reachable: true };
  const hung = { hostName: 'localhost', port: 8443, reachable: false, error: 'No connection could be made because the target machine actively refused it' };

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('healthy: the port answers, no restart', async () => {
    const device = new Device({ name: 'ok', description: 'spec', endpoints: [answering], services: [svc('ContosoAgent')] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.deepEqual([...calls(fix, 'Stop-RgService'), ...calls(fix, 'Start-RgService')], []);
  });

  it('hung (running, not answering): stopped and started, verified by the port answering; a second run restarts nothing', async () => {
    const device = new Device({ name: 'hung', description: 'spec', endpoints: [hung], services: [svc('ContosoAgent', { effects: { endpoints: [answering] } })] }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /restart-agent \(is Running, start Automatic, want restarted while the gate reports the symptom\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(fix.calls.filter((c) => /^(Start|Stop)-RgService$/.test(c.Seam)).map((c) => c.Seam), ['Stop-RgService', 'Start-RgService']);
    assert.match(fix.output[0]!, /^REMEDIATED .*1 action\(s\) taken: restart-agent/);
    const again = await device.run(scripts.remediate);
    assert.equal(again.exitCode, 0);
    assert.deepEqual([...calls(again, 'Stop-RgService'), ...calls(again, 'Start-RgService')], []);
  });

  it('a restart that does not help is a failure, and the cooldown stops a second one', async () => {
    const device = new Device({ name: 'still-hung', description: 'spec', endpoints: [hung], services: [svc('ContosoAgent')] }, { continues: true });
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.equal(calls(fix, 'Start-RgService').length, 1);
    const again = await device.run(scripts.remediate);
    assert.deepEqual(calls(again, 'Stop-RgService'), []);
    assert.match(again.output[0]!, /restart-agent in cooldown until/);
  });

  it('a service that cannot start again: the reason in the summary', async () => {
    const fix = await new Device({ name: 'broken', description: 'spec', endpoints: [hung], services: [svc('ContosoAgent', { startError: 'The service did not respond to the start or control request in a timely fashion.' })] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /restart-agent.*did not respond to the start or control request/);
  });

  it('-WhatIf: nothing stopped, no cooldown recorded', async () => {
    const run = await new Device({ name: 'hung', description: 'spec', endpoints: [hung], services: [svc('ContosoAgent')] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual([...calls(run, 'Stop-RgService'), ...calls(run, 'Start-RgService')], []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('service ContosoAgent')));
    assert.equal(run.state.registry.find((e) => e.name === 'restart-agent.LastRunUtc'), undefined);
  });
});
