/**
 * The tls package's real, signed detect.ps1 and remediate.ps1 from out/, run by the PowerShell engine
 * against simulated devices (remediations/profiles/). Only the seams are replaced; everything else runs.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { DeviceProfile } from '../../generator/model/profile.ts';
import type { Simulation } from '../../generator/engine/simulate.ts';
import { rooms } from '../../generator/steps/index.ts';
import { assertSummaryLine, bundledOut, bundledProfile, CMTRACE, Device, engine } from '../support/engine.ts';
import { stripBuild } from '../support/summary-line.ts';

const NETFX4_64 = 'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319';
const WINHTTP_32 = 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
const WINHTTP_64 = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp';
const SCHANNEL = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client';

const writes = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Write-RgRegistryData');
const valueOf = (run: Simulation, path: string, name: string) =>
  run.state.registry.find((e) => e.path.toLowerCase() === path.toLowerCase() && e.name === name);

describe('engine: intune/tls scripts on simulated devices', function () {
  this.timeout(180_000);
  let detect: string;
  let remediate: string;
  const profiles: Record<string, DeviceProfile> = {};

  before(async () => {
    const out = await bundledOut();
    detect = join(out, 'intune', 'tls', 'detect.ps1');
    remediate = join(out, 'intune', 'tls', 'remediate.ps1');
    for (const name of ['tls-healthy', 'tls-off', 'tls-partly', 'tls-access-denied', 'tls-32bit-host']) profiles[name] = await bundledProfile(name);
  });

  it('detect.ps1 carries no function that changes the device; remediate.ps1 carries the set halves and the repair loop', async () => {
    const detectFunctions = (await engine().parse(detect)).functions.map((f) => f.name);
    const remediateFunctions = (await engine().parse(remediate)).functions.map((f) => f.name);
    const changers = [...[...rooms.values()].flatMap((room) => (room.functions.set ? [room.functions.set] : [])), 'Write-RgRegistryData', 'Invoke-RgRepair', 'Invoke-RgRemediation'];
    assert.deepEqual(detectFunctions.filter((n) => changers.includes(n) || /^(Set|Remove)-Rg/.test(n)), []);
    for (const name of ['Set-RgRegistryValue', 'Set-RgRegistryBits', 'Write-RgRegistryData', 'Invoke-RgRepair', 'Invoke-RgRemediation']) {
      assert.ok(remediateFunctions.includes(name), name);
    }
  });

  describe('GIVEN a healthy device', () => {
    it('detection exits 0 with a COMPLIANT summary, reads only, writes no stderr', async () => {
      const device = new Device(profiles['tls-healthy']!);
      const run = await device.run(detect);
      assert.equal(run.exitCode, 0, run.output.join('\n'));
      assert.equal(stripBuild(assertSummaryLine(run)), 'COMPLIANT tls: all 12 settings compliant');
      assert.deepEqual(run.errors, []);
      assert.deepEqual(writes(run), []);
      assert.equal(run.calls.filter((c) => c.Seam === 'Get-RgRegistryData').length, 12);
    });

    it('remediation changes nothing and exits 0', async () => {
      const run = await new Device(profiles['tls-healthy']!).run(remediate);
      assert.equal(run.exitCode, 0);
      assert.equal(stripBuild(assertSummaryLine(run)), 'COMPLIANT tls: nothing to change, all 12 settings compliant');
      assert.deepEqual(writes(run), []);
    });
  });

  describe('GIVEN TLS off (fresh image)', () => {
    let device: Device;
    let first: Simulation;
    before(() => { device = new Device(profiles['tls-off']!); });

    it('detection exits 1, every step named with what it is and what it wants', async () => {
      first = await device.run(detect);
      assert.equal(first.exitCode, 1);
      const line = assertSummaryLine(first);
      assert.match(stripBuild(line), /^NON-COMPLIANT tls: 12 of 12 settings wrong: schannel-tls12-client-enabled \(is missing \(no key\), want DWord 1 \(0x1\)\); /);
      assert.match(line, /winhttp-tls12-32 \(is missing, want DWord with bits 0x800 set\)/);
      assert.deepEqual(first.errors, []);
    });

    it('remediation sets all 12, re-tests, exits 0 and says a restart is needed (SCHANNEL)', async () => {
      const run = await device.run(remediate);
      assert.equal(run.exitCode, 0, run.output.join('\n'));
      assert.match(stripBuild(assertSummaryLine(run)), /^REMEDIATED tls: fixed 12 of 12 settings \(.*\); all compliant now; restart required to take effect$/);
      assert.deepEqual(run.errors, [], 'a remediation never writes stderr');
      assert.equal(writes(run).length, 12);
      assert.deepEqual(valueOf(run, SCHANNEL, 'Enabled'), { path: SCHANNEL, name: 'Enabled', kind: 'DWord', value: 1 });
      assert.equal(valueOf(run, SCHANNEL, 'DisabledByDefault')?.value, 0);
      // whenAbsent 0xA00 (TLS 1.1 + 1.2) in both views; the 32-bit view is WOW6432Node on the device.
      assert.equal(valueOf(run, WINHTTP_64, 'DefaultSecureProtocols')?.value, 0xa00);
      assert.equal(valueOf(run, WINHTTP_32, 'DefaultSecureProtocols')?.value, 0xa00);
      assert.equal(valueOf(run, NETFX4_64, 'SchUseStrongCrypto')?.kind, 'DWord');
    });

    it('detection afterwards exits 0; a second remediation changes nothing', async () => {
      const again = await device.run(detect);
      assert.equal(again.exitCode, 0, again.output.join('\n'));
      const second = await device.run(remediate);
      assert.equal(second.exitCode, 0);
      assert.deepEqual(writes(second), [], 'idempotent: nothing written the second time');
      assert.match(stripBuild(second.output[0]), /^COMPLIANT tls: nothing to change/);
    });

    it('every log line is CMTrace, UTC from the device clock, named after the package and script', () => {
      const lines = device.runs[1]!.log;
      assert.ok(lines.length > 12, `log has ${lines.length} lines`);
      for (const line of lines) {
        const match = CMTRACE.exec(line);
        assert.ok(match, `not CMTrace: ${line}`);
        assert.equal(match[4], 'tls');
        assert.match(match[8]!, /^(detect|remediate)\.ps1$/);
        assert.equal(match[3], '01-01-2026');
      }
      assert.ok(lines.some((l) => l.includes('schannel-tls12-client-enabled: set HKLM:\\SYSTEM')), 'each change is logged');
      assert.ok(lines.some((l) => /Exit code 0: REMEDIATED tls/.test(l)));
    });
  });

  describe('GIVEN a partly broken device', () => {
    it('detection names exactly the 3 wrong settings, including a value of the wrong kind', async () => {
      const run = await new Device(profiles['tls-partly']!).run(detect);
      assert.equal(run.exitCode, 1);
      const line = assertSummaryLine(run);
      assert.match(stripBuild(line), /^NON-COMPLIANT tls: 3 of 12 settings wrong: /);
      assert.match(line, /schannel-tls12-client-enabled \(is String '1', want DWord 1 \(0x1\)\)/);
      assert.match(line, /winhttp-tls12-32 \(is DWord 0xA0, want DWord with bits 0x800 set\)/);
      assert.match(line, /netfx2-strong-crypto-32 \(is missing, want DWord 1 \(0x1\)\)/);
    });

    it('remediation fixes those 3 only, and keeps the other bits of the bit mask', async () => {
      const run = await new Device(profiles['tls-partly']!).run(remediate);
      assert.equal(run.exitCode, 0, run.output.join('\n'));
      assert.match(stripBuild(run.output[0]), /^REMEDIATED tls: fixed 3 of 12 settings/);
      assert.equal(writes(run).length, 3);
      assert.deepEqual(valueOf(run, SCHANNEL, 'Enabled'), { path: SCHANNEL, name: 'Enabled', kind: 'DWord', value: 1 });
      assert.equal(valueOf(run, WINHTTP_32, 'DefaultSecureProtocols')?.value, 0xa0 | 0x800, 'SSL 3.0 and TLS 1.0 bits kept, TLS 1.2 added');
      assert.equal(valueOf(run, WINHTTP_64, 'DefaultSecureProtocols')?.value, 0xa00, 'untouched');
    });
  });

  describe('GIVEN access denied on one key', () => {
    it('remediation fixes the rest, exits 1 naming the refused settings and the reason, and writes no stderr', async () => {
      const run = await new Device(profiles['tls-access-denied']!).run(remediate);
      assert.equal(run.exitCode, 1);
      const line = assertSummaryLine(run);
      assert.match(stripBuild(line), /^FAILED tls: 2 of 12 settings still wrong: netfx4-strong-crypto-64 \(error: Access to the registry key 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\\.NETFramework\\v4\.0\.30319' is denied\.\); netfx4-system-tls-64 \(error: /);
      assert.deepEqual(run.errors, []);
      assert.equal(valueOf(run, SCHANNEL, 'Enabled')?.value, 1, 'the other settings were still applied');
      assert.ok(run.log.some((l) => /type="3"/.test(l) && l.includes('netfx4-strong-crypto-64: could not be applied')));
    });
  });

  describe('GIVEN a seam that throws', () => {
    it('a registry read that fails is a non-compliant step with the error, exit 1, never stderr (remediation cannot verify, so it fails)', async () => {
      const profile = { ...profiles['tls-healthy']!, faults: { throws: { 'Get-RgRegistryData': 'The RPC server is unavailable.' } } };
      for (const script of [detect, remediate]) {
        const run = await new Device(profile).run(script);
        assert.equal(run.exitCode, 1);
        const line = assertSummaryLine(run);
        assert.match(stripBuild(line), /^(NON-COMPLIANT|FAILED) tls: 12 of 12 settings (wrong|still wrong): schannel-tls12-client-enabled \(error: The RPC server is unavailable\.\)/);
        assert.deepEqual(run.errors, []);
      }
    });

    it('a clock that fails only costs the log: the outcome is the same', async () => {
      const profile = { ...profiles['tls-healthy']!, faults: { throws: { 'Get-RgUtcNow': 'clock broken' } } };
      const run = await new Device(profile).run(detect);
      assert.equal(run.exitCode, 0);
      assert.equal(stripBuild(run.output[0]), 'COMPLIANT tls: all 12 settings compliant');
      assert.deepEqual(run.log, []);
      assert.deepEqual(run.errors, []);
    });

    it('a summary of long errors is cut to 2,048 characters, still one printable line', async () => {
      const profile = { ...profiles['tls-healthy']!, faults: { throws: { 'Get-RgRegistryData': 'x'.repeat(400) + '\r\nsecond line' } } };
      const run = await new Device(profile).run(detect);
      const line = assertSummaryLine(run);
      assert.equal(line.length, 2048);
      assert.ok(line.endsWith('...'));
    });
  });

  describe('manual runs', () => {
    it('-WhatIf lists each change and makes none', async () => {
      const run = await new Device(profiles['tls-off']!).run(remediate, { parameters: { WhatIf: true } });
      assert.deepEqual(writes(run), []);
      const whatIf = run.host.filter((l) => l.startsWith('What if: '));
      assert.equal(whatIf.length, 12, run.host.join('\n'));
      assert.ok(whatIf.some((l) => l.includes('WinHttp\\DefaultSecureProtocols (32-bit view)')));
      assert.match(run.output.at(-1)!, /\(WhatIf: nothing was changed\)$/);
      assert.deepEqual(run.errors, []);
    });

    it('-Confirm asks once per change; answering No changes nothing', async () => {
      const run = await new Device(profiles['tls-partly']!).run(remediate, { parameters: { Confirm: true }, confirm: ['N', 'N', 'N'] });
      assert.equal(run.prompts.length, 3, run.prompts.join('\n'));
      assert.deepEqual(writes(run), []);
      assert.equal(run.exitCode, 1);
    });
  });

  describe('GIVEN a 32-bit PowerShell on 64-bit Windows', () => {
    it('detection relaunches through Sysnative, passes the 64-bit run\'s summary and exit code through', async () => {
      const device = new Device(profiles['tls-32bit-host']!);
      const run = await device.run(detect);
      const relaunch = run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand');
      assert.equal(relaunch.length, 1);
      assert.equal(relaunch[0]!.Arguments.FilePath, 'C:\\WINDOWS\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe');
      assert.deepEqual(relaunch[0]!.Arguments.ArgumentList, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', detect]);
      assert.equal(run.exitCode, 1);
      assert.match(stripBuild(assertSummaryLine(run)), /^NON-COMPLIANT tls: 12 of 12 settings wrong/);
      const reads = run.calls.filter((c) => c.Seam === 'Get-RgRegistryData');
      assert.equal(reads.length, 12, 'the steps ran once, in the 64-bit child');
      assert.ok(run.log.some((l) => l.includes('Started as a 32-bit process; relaunching in C:\\WINDOWS\\Sysnative')));
    });

    it('remediation relaunches with -WhatIf passed on, and the child changes nothing', async () => {
      const run = await new Device(profiles['tls-32bit-host']!).run(remediate, { parameters: { WhatIf: true } });
      const relaunch = run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand');
      assert.deepEqual((relaunch[0]!.Arguments.ArgumentList as string[]).slice(-1), ['-WhatIf']);
      assert.deepEqual(writes(run), []);
      assert.match(run.output.at(-1)!, /WhatIf: nothing was changed/);
    });

    it('every bound common parameter goes to the 64-bit run (-Verbose, -Debug:$false); -Confirm is refused in words', async () => {
      const verbose = await new Device(profiles['tls-32bit-host']!).run(detect, { parameters: { Verbose: true, Debug: false } });
      const relaunch = verbose.calls.find((c) => c.Seam === 'Invoke-RgNativeCommand')!;
      assert.deepEqual((relaunch.Arguments.ArgumentList as string[]).slice(-2), ['-Verbose', '-Debug:$false']);
      const confirm = await new Device(profiles['tls-32bit-host']!).run(remediate, { parameters: { Confirm: true } });
      assert.equal(confirm.exitCode, 1);
      assert.match(stripBuild(confirm.output.at(-1)), /^ERROR tls: -Confirm cannot prompt from the 64-bit relaunch of a 32-bit PowerShell; start this script in 64-bit PowerShell$/);
      assert.deepEqual(writes(confirm), []);
      assert.deepEqual(confirm.errors, []);
    });

    it('without a Sysnative PowerShell it says so in the log and runs as 32-bit', async () => {
      const run = await new Device({ ...profiles['tls-32bit-host']!, files: [] }).run(detect);
      assert.equal(run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand').length, 0);
      assert.equal(run.exitCode, 1);
      assert.match(stripBuild(run.output[0]), /^NON-COMPLIANT tls: 12 of 12/);
      assert.ok(run.log.some((l) => l.includes('Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe is missing; running as 32-bit') && /type="2"/.test(l)));
    });

    it('remediation without -WhatIf fixes the device from the 64-bit run', async () => {
      const device = new Device(profiles['tls-32bit-host']!);
      const run = await device.run(remediate);
      assert.equal(run.exitCode, 0, run.output.join('\n'));
      assert.equal(writes(run).length, 12);
      assert.deepEqual(run.errors, []);
    });
  });
});
