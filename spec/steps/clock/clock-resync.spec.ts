/**
 * clockResync: an action (system) gated by the clockSkew probe: w32tm /resync, W32Time started first when
 * stopped; verified by measuring the skew again (docs/reference/intune-configmgr.md 3.5: w32tm's
 * success is not proof), at most once per cooldown.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps, NativeCommand, RegistryEntry } from '../../../generator/model/profile.ts';
import { clockResync, clockResyncRoom } from '../../../generator/steps/clock/clock-resync.ts';
import { clockSkew } from '../../../generator/steps/clock/clock-skew.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { dateOf, status, stopped, URI, W32TM_ENGLISH, w32time } from './clock-fixtures.ts';
import { stripBuild } from '../../support/summary-line.ts';

const RESYNC_OK: NativeCommand = { filePath: 'w32tm.exe', argumentList: ['/resync'], exitCode: 0, output: ['Sending resync command to local computer', 'The command completed successfully.', ''] };
const NOW = '2026-12-01T08:10:00Z';
const SKEWED = '2026-12-01T08:00:00Z';
const SYNCED = '2026-12-01T08:10:01Z';

describe('step room: clockResync (action)', () => {
  it('system context, the clock measure with its defaults, the set runtime starts services', () => {
    const step = clockResync({ id: 'resync', gate: { probes: ['clock'] }, cooldown: 'PT6H' });
    assert.equal(clockResyncRoom.category, 'action');
    assert.equal(clockResyncRoom.contextOf(step), 'system');
    assert.deepEqual(clockResyncRoom.toData(step), { Uri: URI, ThresholdSeconds: 300, TimeoutMilliseconds: 10000 });
    assert.deepEqual(clockResyncRoom.runtime, ['clock.ps1', 'service.ps1']);
    assert.deepEqual(clockResyncRoom.setRuntime, ['service-write.ps1']);
    assert.match(clockResyncRoom.explain(step).changes, /w32tm \/resync \(at most once per 6 hours\), then measures the skew again/);
    const found: string[] = [];
    clockResyncRoom.check(clockResync({ ...step, thresholdSeconds: 0 }), (path, message) => found.push(`${path.join('.')}: ${message}`));
    assert.deepEqual(found, ['thresholdSeconds: thresholdSeconds 0 is out of range: use a whole number from 5 to 86400 (the Date header has one-second resolution)']);
  });
});

describe('step room: clockResync, in the engine (gate, verification by the clock, cooldown)', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'clock-resync-room',
    displayName: 'clockResync room',
    description: 'The skew probe and the resync.',
    publisher: 'spec',
    context: 'system',
    steps: [
      clockSkew({ id: 'clock-in-sync' }),
      clockResync({ id: 'resync-clock', gate: { probes: ['clock-in-sync'] }, cooldown: 'PT6H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  // Requests in a remediation: probe and action tested (2), the set half measures (3), both tested again (4, 5).
  const device = (more: Partial<DeviceProfileProps> = {}): Device => new Device({
    name: 'clock', description: 'spec', clock: NOW, services: [w32time()],
    commands: [status(W32TM_ENGLISH), RESYNC_OK], httpDates: [dateOf(SKEWED, SKEWED, SKEWED, SYNCED)], ...more,
  });
  type Run = { calls: readonly { Seam: string; Arguments: Readonly<Record<string, unknown>> }[] };
  const resyncs = (run: Run) => run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand' && (c.Arguments.ArgumentList as string[]).join(' ') === '/resync').length;
  const lastRun = (run: { state: { registry: readonly RegistryEntry[] } }) => run.state.registry.find((e) => e.name === 'resync-clock.LastRunUtc');

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('in sync: not needed, no resync', async () => {
    const ok = device({ httpDates: [dateOf(SYNCED)] });
    const detect = await ok.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await ok.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(resyncs(fix), 0);
    assert.equal(lastRun(fix), undefined);
  });

  it('skewed 10 minutes: detection names the skew on both steps', async () => {
    const run = await device().run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /clock-in-sync \(is device clock 600 s ahead of https:\/\/login\.microsoftonline\.com\/ /);
    assert.match(run.output[0]!, /resync-clock \(is device clock 600 s ahead/);
  });

  it('skewed: w32tm /resync, verified by measuring again (in sync now), remembered in HKLM, not repeated inside the cooldown', async () => {
    const d = device();
    const fix = await d.run(scripts.remediate);
    assert.equal(resyncs(fix), 1);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(fix.output[0]!, /1 action\(s\) taken: resync-clock/);
    assert.equal(lastRun(fix)?.path, 'HKLM\\SOFTWARE\\remgen\\clock-resync-room');
    assert.match(String(lastRun(fix)?.value), /^2026-12-01T08:10:00/);
    assert.ok(fix.log.some((l) => l.includes('resync-clock: w32tm /resync exit code 0: Sending resync command to local computer The command completed successfully.')));
    assert.deepEqual(fix.calls.filter((c) => c.Seam === 'Start-RgService'), [], 'a running service is not started');

    // The next hour the clock drifted again (the device's answers start over): inside the 6 h cooldown, no resync.
    const again = await d.run(scripts.remediate);
    assert.equal(resyncs(again), 0);
    assert.match(again.output[0]!, /resync-clock in cooldown until 2026-12-01 14:10 UTC/);
  });

  it('w32tm says it succeeded but the clock is still off: the step fails (the exit code is not trusted)', async () => {
    const run = await device({ httpDates: [dateOf(SKEWED)] }).run(scripts.remediate);
    assert.equal(resyncs(run), 1);
    assert.equal(run.exitCode, 1);
    assert.match(stripBuild(run.output[0]), /^FAILED clock-resync-room: 2 of 2 checks still failed: .*resync-clock \(is device clock 600 s ahead/);
  });

  it('W32Time stopped with start type Manual: set to Automatic and started first, then the resync', async () => {
    const run = await device({ services: [w32time('Stopped', 'Manual')], commands: [stopped, RESYNC_OK] }).run(scripts.remediate);
    const order = run.calls.filter((c) => c.Seam === 'Set-RgServiceStartType' || c.Seam === 'Start-RgService' || (c.Seam === 'Invoke-RgNativeCommand' && (c.Arguments.ArgumentList as string[])[0] === '/resync')).map((c) => c.Seam);
    assert.deepEqual(order, ['Set-RgServiceStartType', 'Start-RgService', 'Invoke-RgNativeCommand']);
    assert.deepEqual(run.calls.find((c) => c.Seam === 'Set-RgServiceStartType')?.Arguments, { Name: 'W32Time', StartType: 'Automatic' });
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.ok(run.log.some((l) => l.includes('resync-clock: set the W32Time start type to Automatic (was Manual)')));
    assert.ok(run.log.some((l) => l.includes('resync-clock: started W32Time (was Stopped)')));
  });

  it('W32Time running and Automatic: its start type is left alone', async () => {
    const run = await device().run(scripts.remediate);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(resyncs(run), 1);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Set-RgServiceStartType' || c.Seam === 'Start-RgService'), []);
  });

  it('W32Time disabled: not started, no resync, an error with the reason, no cooldown', async () => {
    const run = await device({ services: [w32time('Stopped', 'Disabled')], commands: [stopped, RESYNC_OK], httpDates: [dateOf(SKEWED)] }).run(scripts.remediate);
    assert.equal(resyncs(run), 0);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Start-RgService' || c.Seam === 'Set-RgServiceStartType'), [], 'a disabled service is left as the admin set it');
    assert.equal(run.exitCode, 1);
    assert.ok(run.log.some((l) => l.includes('resync-clock: could not be applied: the Windows Time service (W32Time) is Stopped and disabled: not started, w32tm /resync not run')), run.log.join('\n'));
    assert.equal(lastRun(run), undefined);
  });

  it('the Date header cannot be read: no resync on that evidence, the reason logged, no cooldown', async () => {
    const run = await device({ httpDates: [{ uri: URI, error: 'The operation has timed out' }] }).run(scripts.remediate);
    assert.equal(resyncs(run), 0);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /clock-in-sync \(is could not read the Date header of https:\/\/login\.microsoftonline\.com\/: The operation has timed out/);
    assert.ok(run.log.some((l) => l.includes('resync-clock: could not be applied: the clock skew could not be measured (could not read the Date header')));
    assert.equal(lastRun(run), undefined);
  });

  it('-WhatIf: says what it would do, resyncs nothing, starts no service and no cooldown', async () => {
    const run = await device({ services: [w32time('Stopped', 'Manual')] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.equal(resyncs(run), 0);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Start-RgService' || c.Seam === 'Set-RgServiceStartType'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Resync with W32Time (w32tm /resync)')), run.host.join('\n'));
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Set start type Automatic')), run.host.join('\n'));
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Windows Time service (W32Time), Stopped, start type Manual')));
    assert.equal(lastRun(run), undefined);
  });
});
