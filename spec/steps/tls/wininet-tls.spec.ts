/** wininetTls: a user setting (WinINet SecureProtocols bits under HKCU), and the policy values that override it. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { RegistryEntry } from '../../../generator/model/profile.ts';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';
import { wininetTls, wininetTlsRoom } from '../../../generator/steps/tls/wininet-tls.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof wininetTlsRoom.check>[0]): string[] => {
  const found: string[] = [];
  wininetTlsRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const USER_KEY = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const POLICY_KEY = 'Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

describe('step room: wininetTls (setting, user)', () => {
  it('the factory tags the step; defaults (TLS 1.2 on, nothing off, 0xA80 when absent) reach the step table; it runs as the user', () => {
    const step = wininetTls({ id: 'wininet' });
    assert.equal(step.kind, 'wininetTls');
    assert.deepEqual(wininetTlsRoom.toData(step), {
      SubKey: USER_KEY, PolicySubKey: POLICY_KEY, Name: 'SecureProtocols', Wanted: 'TLS 1.2 (0x800) on', Enable: 0x800, Disable: 0, WhenAbsent: 0xa80,
    });
    assert.equal(wininetTlsRoom.toData(wininetTls({ id: 'w', enable: 0x2800, disable: 0x28 })).Wanted, 'TLS 1.2 and TLS 1.3 (0x2800) on and SSL 2.0 and SSL 3.0 (0x28) off');
    assert.equal(wininetTlsRoom.contextOf(step), 'user');
    assert.equal(wininetTlsRoom.category, 'setting');
  });

  it('accepts protocol masks that do not overlap', () => {
    assert.deepEqual(issues(wininetTls({ id: 'w' })), []);
    assert.deepEqual(issues(wininetTls({ id: 'w', enable: 0x2800, disable: 0x2a8, whenAbsent: 0x2a80 })), []);
    assert.deepEqual(issues(wininetTls({ id: 'w', enable: 0, disable: 0x20 })), []);
  });

  it('refuses overlapping, empty, non-protocol and beyond-DWord masks, saying what to use', () => {
    assert.deepEqual(issues(wininetTls({ id: 'w', enable: 0x880, disable: 0x80 })), ['disable: enable and disable share bits 0x80; a protocol cannot be both on and off']);
    assert.deepEqual(issues(wininetTls({ id: 'w', enable: 0 })), [': a wininetTls step needs a non-zero enable or disable mask']);
    assert.deepEqual(issues(wininetTls({ id: 'w', enable: 0x801 })), ['enable: enable 0x801 has bits 0x1 that are no WinINet protocol; use SSL 2.0 0x8, SSL 3.0 0x20, TLS 1.0 0x80, TLS 1.1 0x200, TLS 1.2 0x800, TLS 1.3 0x2000']);
    assert.deepEqual(issues(wininetTls({ id: 'w', whenAbsent: 0x100000000 })), ['whenAbsent: whenAbsent 4294967296 does not fit a DWord mask: use a whole number from 0 to 4294967295 (0xFFFFFFFF)']);
  });

  it('explains itself in plain words, policy included', () => {
    assert.deepEqual(wininetTlsRoom.explain(wininetTls({ id: 'w', disable: 0x20 })), {
      detects: `the user's WinINet SecureProtocols (HKCU\\${USER_KEY}) has TLS 1.2 (0x800) on and SSL 3.0 (0x20) off; a SecureProtocols policy (${POLICY_KEY} under HKLM or HKCU) overrides it and is reported`,
      changes: "turns on TLS 1.2 (0x800) and turns off SSL 3.0 (0x20) in the user's value, keeping every other bit (starting from 0xA80 when the value is missing); when a policy overrides it, changes nothing and fails naming the policy to change",
    });
    assert.equal(wininetTlsRoom.title(wininetTls({ id: 'w' })), 'WinINet (Internet Options) has TLS 1.2 (0x800) on for the user');
  });

  it('its PowerShell halves read the user value and both policy values through the seams, and keep the other bits', () => {
    const test = readFileSync(join(TEMPLATE_ROOT, 'steps', wininetTlsRoom.script), 'utf8');
    const set = readFileSync(join(TEMPLATE_ROOT, 'steps', wininetTlsRoom.setScript!), 'utf8');
    assert.match(test, /foreach \(\$hive in @\('HKLM', 'HKCU'\)\)/);
    assert.match(test, /Get-RgRegistryData -Hive \$hive -SubKey \$Step\.PolicySubKey/);
    assert.doesNotMatch(test, /Write-RgRegistryData/);
    assert.match(set, /\$new = \(\$base -bor \[int64\]\$Step\.Enable\) -band \(\$mask -bxor \[int64\]\$Step\.Disable\)/);
    assert.match(set, /Write-RgRegistryData -Hive 'HKCU'/);
  });
});

describe('step room: wininetTls, in the engine', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'wininet-room',
    displayName: 'wininetTls room',
    description: 'One wininetTls step.',
    publisher: 'spec',
    context: 'user',
    steps: [wininetTls({ id: 'wininet-tls12' })],
  });
  const strict = defineRemediation({
    id: 'wininet-strict',
    displayName: 'wininetTls room, with bits off',
    description: 'TLS 1.2 and 1.3 on, SSL off.',
    publisher: 'spec',
    context: 'user',
    steps: [wininetTls({ id: 'wininet-modern', enable: 0x2800, disable: 0x28 })],
  });
  let scripts: { detect: string; remediate: string };
  let strictScripts: { detect: string; remediate: string };
  before(async () => {
    scripts = await intuneScripts(remediation);
    strictScripts = await intuneScripts(strict);
  });

  const user = (value: number): RegistryEntry => ({ path: `HKCU\\${USER_KEY}`, name: 'SecureProtocols', kind: 'DWord', value });
  const device = (registry: RegistryEntry[]) => new Device({ name: 'wininet', description: 'spec', keys: [`HKCU\\${USER_KEY}`], registry });
  const userValue = (run: { state: { registry: readonly RegistryEntry[] } }) =>
    run.state.registry.find((e) => e.path.toLowerCase() === `hkcu\\${USER_KEY}`.toLowerCase() && e.name === 'SecureProtocols')?.value;
  const writes = (run: { calls: readonly { Seam: string }[] }) => run.calls.filter((c) => c.Seam === 'Write-RgRegistryData');

  it('absent value: not compliant ("missing"); the remediation writes 0xA80 (whenAbsent with TLS 1.2 on)', async () => {
    const d = device([]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.equal(stripBuild(detect.output[0]), 'NON-COMPLIANT wininet-room: 1 of 1 settings wrong: wininet-tls12 (is missing, want TLS 1.2 (0x800) on)');
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(userValue(fix), 0xa80);
    assert.equal(writes(fix).length, 1);
    assert.equal((await d.run(scripts.detect)).exitCode, 0);
  });

  it('TLS 1.2 off (TLS 1.0 and SSL 3.0 only): not compliant; the remediation turns it on and keeps the rest', async () => {
    const d = device([user(0xa0)]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /wininet-tls12 \(is DWord 0xA0, want TLS 1\.2 \(0x800\) on\)/);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.match(stripBuild(fix.output[0]), /^REMEDIATED wininet-room: fixed 1 of 1 settings \(wininet-tls12\)/);
    assert.equal(userValue(fix), 0x8a0);
    assert.deepEqual(fix.errors, []);
  });

  it('TLS 1.2 on: compliant; the remediation writes nothing', async () => {
    const d = device([user(0xa80)]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.ok(detect.log.some((l) => l.includes('wininet-tls12: compliant (DWord 0xA80)')));
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(writes(fix), []);
  });

  it('other bits are kept, disabled bits turned off: 0x2088 (SSL 2.0, TLS 1.0, TLS 1.3) becomes 0x2880 with enable 0x2800 and disable 0x28 (TLS 1.0 kept)', async () => {
    const d = device([user(0x2088)]);
    assert.equal((await d.run(strictScripts.detect)).exitCode, 1);
    const fix = await d.run(strictScripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(userValue(fix), 0x2880);
  });

  it('an HKLM policy without TLS 1.2 overrides the user: not compliant with that reason; the remediation writes nothing and fails saying why', async () => {
    // The policy key in other casing than the step names it: the registry (and the seams) ignore case.
    const policy: RegistryEntry = { path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings', name: 'SecureProtocols', kind: 'DWord', value: 0xa0 };
    const d = device([user(0xa80), policy]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.equal(stripBuild(detect.output[0]), `NON-COMPLIANT wininet-room: 1 of 1 settings wrong: wininet-tls12 (is policy HKLM\\${POLICY_KEY}\\SecureProtocols 0xA0 overrides the user's 0xA80; a policy is changed where it is set (Group Policy: Turn off encryption support), not by this script, want TLS 1.2 (0x800) on)`);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(writes(fix), []);
    assert.equal(userValue(fix), 0xa80);
    assert.equal(stripBuild(fix.output[0]), `FAILED wininet-room: 1 of 1 settings still wrong: wininet-tls12 (error: policy HKLM\\${POLICY_KEY}\\SecureProtocols 0xA0 overrides the user's 0xA80 and does not have TLS 1.2 (0x800) on; the user's value was left unchanged: change the policy where it is set (Group Policy: Turn off encryption support))`);
    assert.deepEqual(fix.errors, []);
  });

  it('an HKCU policy with TLS 1.2 applies: compliant although the user value lacks it; nothing is written', async () => {
    const policy: RegistryEntry = { path: `HKCU\\${POLICY_KEY}`, name: 'SecureProtocols', kind: 'DWord', value: 0x2800 };
    const d = device([user(0xa0), policy]);
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    assert.ok(detect.log.some((l) => l.includes(`wininet-tls12: compliant (policy HKCU\\${POLICY_KEY}\\SecureProtocols 0x2800 overrides the user's 0xA0)`)), detect.log.join('\n'));
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(writes(fix), []);
  });

  it('-WhatIf: says what it would set, writes nothing', async () => {
    const d = device([user(0xa0)]);
    const run = await d.run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(writes(run), []);
    assert.equal(userValue(run), 0xa0);
    assert.ok(run.host.some((l) => l.includes('What if:') && l.includes(`HKCU:\\${USER_KEY}\\SecureProtocols`) && l.includes('Set DWord 0xA0 to 0x8A0')), run.host.join('\n'));
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /\(WhatIf: nothing was changed\)$/);
  });
});
