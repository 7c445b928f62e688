/** windowsVersion: a probe room (reads and reports the Windows build; never changes anything). */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { RegistryEntry } from '../../../generator/model/profile.ts';
import { registryValue } from '../../../generator/steps/registry/registry-value.ts';
import { windowsVersion, windowsVersionRoom } from '../../../generator/steps/system/windows-version.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof windowsVersionRoom.check>[0]): string[] => {
  const found: string[] = [];
  windowsVersionRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const CURRENT = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const windows = (build: string, ubr: number, display: string): RegistryEntry[] => [
  { path: CURRENT, name: 'CurrentBuildNumber', kind: 'String', value: build },
  { path: CURRENT, name: 'UBR', kind: 'DWord', value: ubr },
  { path: CURRENT, name: 'DisplayVersion', kind: 'String', value: display },
];

describe('step room: windowsVersion (probe)', () => {
  it('the factory tags the step; the table gets MinimumBuild (0 = report only); it fits either context', () => {
    const step = windowsVersion({ id: 'os', minimumBuild: 20348 });
    assert.equal(step.kind, 'windowsVersion');
    assert.deepEqual(windowsVersionRoom.toData(step), { MinimumBuild: 20348 });
    assert.deepEqual(windowsVersionRoom.toData(windowsVersion({ id: 'os' })), { MinimumBuild: 0 });
    assert.equal(windowsVersionRoom.contextOf(step), 'any');
    assert.equal(windowsVersionRoom.category, 'probe');
  });

  it('refuses a build number that is not one', () => {
    assert.deepEqual(issues(windowsVersion({ id: 'os', minimumBuild: 22000 })), []);
    assert.deepEqual(issues(windowsVersion({ id: 'os', minimumBuild: 20348.5 })), ['minimumBuild: minimumBuild 20348.5 is not a Windows build number: use a whole number such as 20348 or 22000']);
  });

  it('explains itself: what it reads, and that it changes nothing', () => {
    assert.deepEqual(windowsVersionRoom.explain(windowsVersion({ id: 'os', minimumBuild: 20348 })), {
      detects: 'the device runs Windows build 20348 or later (HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion CurrentBuildNumber and UBR)',
      changes: 'nothing: a probe only reads and reports',
    });
  });
});

describe('step room: windowsVersion, in the engine', function () {
  this.timeout(120_000);
  // A user-context package: the probe reads HKLM, which the signed-in user may read.
  const remediation = defineRemediation({
    id: 'probe-room',
    displayName: 'windowsVersion room',
    description: 'A probe and a setting.',
    publisher: 'spec',
    context: 'user',
    steps: [
      windowsVersion({ id: 'tls13-capable', minimumBuild: 20348 }),
      registryValue({ id: 'flag', path: 'HKCU:\\Software\\Contoso', name: 'Flag', type: 'DWord', value: 1 }),
    ],
  });
  const flag: RegistryEntry = { path: 'HKCU\\Software\\Contoso', name: 'Flag', kind: 'DWord', value: 1 };
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('a new enough build passes, reported with UBR and display version; the summary counts checks', async () => {
    const run = await new Device({ name: 'w11', description: 'spec', registry: [...windows('22631', 4317, '23H2'), flag] }).run(scripts.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT probe-room: all 2 checks passed');
    assert.ok(run.log.some((l) => l.includes('tls13-capable: compliant (Windows build 22631.4317 (23H2))')));
  });

  it('an older build fails with what it is and what is wanted', async () => {
    const run = await new Device({ name: 'w10', description: 'spec', registry: [...windows('19045', 5131, '22H2'), flag] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.equal(stripBuild(run.output[0]), 'NON-COMPLIANT probe-room: 1 of 2 checks failed: tls13-capable (is Windows build 19045.5131 (22H2), want Windows build 20348 or later)');
  });

  it('no CurrentBuildNumber: an unknown build, not a crash', async () => {
    const run = await new Device({ name: 'odd', description: 'spec', registry: [flag] }).run(scripts.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /tls13-capable \(is an unknown Windows build \(no CurrentBuildNumber\), want Windows build 20348 or later\)/);
  });

  it('the remediation sets the setting but never touches the probe, and fails while the probe fails', async () => {
    const run = await new Device({ name: 'w10', description: 'spec', registry: windows('19045', 5131, '22H2') }).run(scripts.remediate);
    const writes = run.calls.filter((c) => c.Seam === 'Write-RgRegistryData');
    assert.deepEqual(writes.map((c) => c.Arguments.Name), ['Flag']);
    assert.equal(run.exitCode, 1);
    assert.match(stripBuild(run.output[0]), /^FAILED probe-room: 1 of 2 checks still failed: tls13-capable \(is Windows build 19045\.5131/);
    assert.deepEqual(run.errors, []);
  });
});
