/** dnsFlush: an action (system) gated by the endpoints probe, verified by resolving the names again. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { Endpoint, NativeCommand } from '../../../generator/model/profile.ts';
import { dnsFlush, dnsFlushRoom } from '../../../generator/steps/network/dns-flush.ts';
import { endpoints } from '../../../generator/steps/network/endpoints.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const up = (hostName: string): Endpoint => ({ hostName, reachable: true });
const NAMES = ['login.microsoftonline.com', 'login.windows.net', 'enterpriseregistration.windows.net'];
const flush = (effects: readonly Endpoint[] = []): NativeCommand => ({
  filePath: 'ipconfig.exe', argumentList: ['/flushdns'], exitCode: 0,
  output: ['', 'Windows IP Configuration', '', 'Successfully flushed the DNS Resolver Cache.'], effects: { endpoints: effects },
});
const flushes = (run: { calls: readonly { Seam: string; Arguments: Readonly<Record<string, unknown>> }[] }) =>
  run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand' && String(c.Arguments.FilePath) === 'ipconfig.exe').length;

describe('step room: dnsFlush (action)', () => {
  it('defaults to the sign-in names, runs as system, refuses a name that is not a host name', () => {
    const step = dnsFlush({ id: 'flush', gate: { probes: ['p'] }, cooldown: 'PT4H' });
    assert.deepEqual(dnsFlushRoom.toData(step), { Names: NAMES });
    assert.equal(dnsFlushRoom.contextOf(step), 'system');
    const found: string[] = [];
    dnsFlushRoom.check(dnsFlush({ ...step, names: ['login microsoft'] }), (path, message) => found.push(`${path.join('.')}: ${message}`));
    assert.deepEqual(found, ["names.0: \"login microsoft\" is not a host name; write it like 'login.microsoftonline.com'"]);
  });
});

describe('step room: dnsFlush, in the engine', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'dns-room',
    displayName: 'dnsFlush room',
    description: 'The endpoints probe gates a DNS flush.',
    publisher: 'spec',
    context: 'system',
    steps: [
      endpoints({ id: 'sign-in-endpoints' }),
      dnsFlush({ id: 'flush-dns', gate: { probes: ['sign-in-endpoints'] }, cooldown: 'PT4H' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('everything resolves and connects: not needed, no flush', async () => {
    const run = await new Device({ name: 'ok', description: 'spec', endpoints: NAMES.map(up), commands: [flush()] }).run(scripts.remediate);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(flushes(run), 0);
  });

  it('a name that does not resolve: detection names it; the flush runs, and the name resolving again proves it worked', async () => {
    const broken = { name: 'stale', description: 'spec', endpoints: NAMES.slice(1).map(up), commands: [flush([up(NAMES[0]!)])] };
    const detect = await new Device(broken).run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /flush-dns \(is not resolving: login\.microsoftonline\.com \(No such host is known\)/);
    const fix = await new Device(broken).run(scripts.remediate);
    assert.equal(flushes(fix), 1);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(stripBuild(fix.output[0]), /^REMEDIATED dns-room: fixed 1 of 2 checks \(flush-dns\); all passed now; 1 action\(s\) taken: flush-dns$/);
  });

  it('a flush that exits 0 but changes nothing is not trusted: still failing, and not repeated inside the cooldown', async () => {
    const device = new Device({ name: 'dead', description: 'spec', endpoints: NAMES.slice(1).map(up), commands: [flush()] });
    const first = await device.run(scripts.remediate);
    assert.equal(flushes(first), 1);
    assert.equal(first.exitCode, 1);
    assert.match(stripBuild(first.output[0]), /^FAILED dns-room: 2 of 2 checks still failed/);
    const second = await device.run(scripts.remediate);
    assert.equal(flushes(second), 0);
    assert.match(second.output[0]!, /flush-dns in cooldown until /);
  });

  it('a connect failure with working DNS is not a DNS problem: the gate opens but the flush is not needed', async () => {
    const run = await new Device({ name: 'blocked', description: 'spec', endpoints: [{ hostName: NAMES[0]!, reachable: false }, ...NAMES.slice(1).map(up)], commands: [flush()] }).run(scripts.remediate);
    assert.equal(flushes(run), 0);
    assert.match(stripBuild(run.output[0]), /^FAILED dns-room: 1 of 2 checks still failed: sign-in-endpoints/);
  });
});
