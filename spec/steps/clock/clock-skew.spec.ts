/**
 * clockSkew: a probe room (the device clock against the HTTPS Date header of login.microsoftonline.com,
 * docs/reference/intune-configmgr.md 3.5; W32Time and w32tm /query /status reported, never decisive).
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { clockSkew, clockSkewRoom } from '../../../generator/steps/clock/clock-skew.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { dateOf, status, stopped, URI, W32TM_ENGLISH, W32TM_GERMAN, w32time } from './clock-fixtures.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof clockSkewRoom.check>[0]): string[] => {
  const found: string[] = [];
  clockSkewRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

describe('step room: clockSkew (probe)', () => {
  it('defaults to login.microsoftonline.com, 300 s and 10 s; either context; a probe', () => {
    const step = clockSkew({ id: 'clock' });
    assert.equal(step.kind, 'clockSkew');
    assert.deepEqual(clockSkewRoom.toData(step), { Uri: URI, ThresholdSeconds: 300, TimeoutMilliseconds: 10000 });
    assert.equal(clockSkewRoom.contextOf(step), 'any');
    assert.equal(clockSkewRoom.category, 'probe');
    assert.deepEqual(clockSkewRoom.runtime, ['clock.ps1', 'service.ps1']);
    assert.equal(clockSkewRoom.title(step), 'The device clock is within 300 s of login.microsoftonline.com');
    assert.match(clockSkewRoom.explain(step).detects, /the device clock is within 300 s of the HTTPS Date header of https:\/\/login\.microsoftonline\.com\/ \(a header that cannot be read fails the check\)/);
    assert.equal(clockSkewRoom.explain(step).changes, 'nothing: a probe only reads and reports');
  });

  it('refuses a URL that is not https, and thresholds and timeouts out of range', () => {
    assert.deepEqual(issues(clockSkew({ id: 'c', uri: 'https://login.microsoftonline.com/', thresholdSeconds: 60 })), []);
    assert.deepEqual(issues(clockSkew({ id: 'c', uri: 'http://time.example/', thresholdSeconds: 1, timeoutMilliseconds: 90000 })), [
      'uri: uri "http://time.example/" is not an https:// URL: write one such as https://login.microsoftonline.com/ (the Date header of an https answer is read)',
      'thresholdSeconds: thresholdSeconds 1 is out of range: use a whole number from 5 to 86400 (the Date header has one-second resolution)',
      'timeoutMilliseconds: timeoutMilliseconds 90000 is out of range: use a whole number from 1000 to 60000',
    ]);
  });
});

describe('step room: clockSkew, in the engine', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'clock-room',
    displayName: 'clockSkew room',
    description: 'A probe of the device clock.',
    publisher: 'spec',
    context: 'system',
    steps: [clockSkew({ id: 'clock-in-sync' })],
  });
  const NOW = '2026-12-01T08:10:00Z';
  const device = (more: Partial<DeviceProfileProps> = {}): Device =>
    new Device({ name: 'clock', description: 'spec', clock: NOW, services: [w32time()], commands: [status(W32TM_ENGLISH)], httpDates: [dateOf('2026-12-01T08:09:58Z')], ...more });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (TLS 1.2 before the web request, ServiceProcess loaded)', async () => {
    const findings = await lintFiles([scripts.detect, scripts.remediate]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('in sync (2 s): compliant; the skew, the source and the last sync (English w32tm) in the log', async () => {
    const run = await device().run(scripts.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT clock-room: all 1 checks passed');
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Get-RgHttpDate').map((c) => c.Arguments), [{ Uri: URI, TimeoutMilliseconds: 10000 }]);
    assert.ok(run.log.some((l) => l.includes(
      'clock-in-sync: device clock 2 s ahead of https://login.microsoftonline.com/ (device 2026-12-01 08:10:00 UTC, server 2026-12-01 08:09:58 UTC); W32Time Running, start type Automatic; w32tm status: source time.windows.com,0x9, last successful sync 12/1/2026 7:58:12 AM',
    )), run.log.join('\n'));
    assert.deepEqual(run.errors, []);
  });

  it('skewed 10 minutes (device ahead): non-compliant, with the skew, both times and the time service', async () => {
    const run = await device({ httpDates: [dateOf('2026-12-01T08:00:00Z')] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(
      stripBuild(run.output[0]),
      'NON-COMPLIANT clock-room: 1 of 1 checks failed: clock-in-sync (is device clock 600 s ahead of https://login.microsoftonline.com/ (device 2026-12-01 08:10:00 UTC, server 2026-12-01 08:00:00 UTC); W32Time Running, start type Automatic; w32tm status: source time.windows.com,0x9, last successful sync 12/1/2026 7:58:12 AM, want device clock within 300 s of https://login.microsoftonline.com/)',
    );
  });

  it('behind by more than the threshold fails too; exactly the threshold passes', async () => {
    const behind = await device({ httpDates: [dateOf('2026-12-01T08:15:01Z')] }).run(scripts.detect);
    assert.equal(behind.exitCode, 1);
    assert.match(behind.output[0]!, /device clock 301 s behind https:/);
    const edge = await device({ httpDates: [dateOf('2026-12-01T08:15:00Z')] }).run(scripts.detect);
    assert.equal(edge.exitCode, 0, edge.output.join('\n'));
  });

  it('the Date header cannot be read: a clear non-compliant reason, not a crash', async () => {
    const run = await device({ httpDates: [{ uri: URI, error: 'The operation has timed out' }] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(run.output.length, 1);
    assert.match(run.output[0]!, /clock-in-sync \(is could not read the Date header of https:\/\/login\.microsoftonline\.com\/: The operation has timed out; W32Time Running/);
    assert.deepEqual(run.errors, []);
    const unknown = await device({ httpDates: [] }).run(scripts.detect);
    assert.match(unknown.output[0]!, /could not read the Date header of https:\/\/login\.microsoftonline\.com\/: The remote name could not be resolved: 'login\.microsoftonline\.com'/);
  });

  it('W32Time stopped (and manual): reported with w32tm\'s own words; the skew alone decides', async () => {
    const run = await device({ services: [w32time('Stopped', 'Manual')], commands: [stopped], httpDates: [dateOf('2026-12-01T08:00:00Z')] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /600 s ahead .*; W32Time Stopped, start type Manual; w32tm status: unavailable \(exit code -2147023830: The following error occurred: The service has not been started\. \(0x80070426\)\), want/);
    const inSync = await device({ services: [w32time('Stopped', 'Manual')], commands: [stopped] }).run(scripts.detect);
    assert.equal(inSync.exitCode, 0, 'a stopped service with a correct clock is not a failure');
    const missing = await device({ services: [], commands: [] }).run(scripts.detect);
    assert.equal(missing.exitCode, 0);
    assert.ok(missing.log.some((l) => l.includes('W32Time not installed; w32tm status: unknown (The system cannot find the file specified')));
  });

  it('a German w32tm: no label is guessed, the status lines are reported as they are', async () => {
    const run = await device({ commands: [status(W32TM_GERMAN)] }).run(scripts.detect);
    assert.equal(run.exitCode, 0);
    assert.ok(run.log.some((l) => l.includes('w32tm status (localised, unparsed): Sprungindikator = 0(keine Warnung); ') &&
      l.includes('Letzte erfolgreiche Synchronisierungszeit = 01.12.2026 07:58:12; Quelle = time.windows.com,0x9;')), run.log.join('\n'));
  });

  it('a seam that throws: the check fails with the reason, one summary line, nothing on stderr', async () => {
    const run = await device({ faults: { throws: { 'Get-RgHttpDate': 'network stack broken' } } }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(run.output.length, 1);
    assert.match(run.output[0]!, /clock-in-sync .*network stack broken/);
    assert.deepEqual(run.errors, []);
  });

  it('the remediation changes nothing and fails while the clock is off', async () => {
    const run = await device({ httpDates: [dateOf('2026-12-01T08:00:00Z')] }).run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.deepEqual(run.calls.filter((c) => ['Write-RgRegistryData', 'Start-RgService'].includes(c.Seam) || (c.Seam === 'Invoke-RgNativeCommand' && (c.Arguments.ArgumentList as string[]).includes('/resync'))), []);
    assert.match(stripBuild(run.output[0]), /^FAILED clock-room: 1 of 1 checks still failed: clock-in-sync \(is device clock 600 s ahead/);
  });
});
