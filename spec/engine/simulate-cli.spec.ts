/** `remgen simulate`: the admin's pre-flight, through the real CLI on a built out/. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';

describe('remgen simulate', function () {
  this.timeout(180_000);
  let project: ReturnType<typeof scratchProject>;
  before(() => {
    project = scratchProject(join(REPO, 'remediations'));
  });
  after(() => project.dispose());

  it('says to build first when out/ has no such package', () => {
    const run = remgen(['simulate', 'tls', '--catalog', 'catalog'], project.root);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /has no detect\.ps1 and remediate\.ps1; run 'remgen build' first/);
  });

  it('runs detection, remediation and detection again per bundled profile, with the changes and the Intune status', () => {
    assert.equal(remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign'], project.root).status, 0);
    const run = remgen(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'tls-partly'], project.root);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /detect\.ps1 +exit 1 +NON-COMPLIANT tls: 3 of 12 settings wrong/);
    assert.match(run.stdout, /remediate\.ps1 +exit 0 +REMEDIATED tls: fixed 3 of 12 settings/);
    assert.match(run.stdout, /WinHttp\\DefaultSecureProtocols: DWord 160 \(0xA0\) -> DWord 2208 \(0x8A0\)/);
    assert.match(run.stdout, /Intune would show: Issue fixed/);
  });

  it('--json gives the cycles; a device that stays broken makes the exit code 1', () => {
    const run = remgen(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'tls-access-denied', '--profile', 'tls-healthy', '--json'], project.root);
    assert.equal(run.status, 1);
    const json = JSON.parse(run.stdout) as { ok: boolean; cycles: { profile: string; intuneStatus: string; steps: { exitCode: number }[] }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.cycles.map((c) => [c.profile, c.intuneStatus, c.steps.map((s) => s.exitCode)]), [
      ['tls-access-denied', 'Failed', [1, 1, 1]],
      ['tls-healthy', 'Without issues', [0]],
    ]);
  });

  it('names the bundled profiles when a profile is unknown', () => {
    const run = remgen(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'nope'], project.root);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no device profile 'nope'.*bundled ones: (onedrive-0x8004de40-[a-z-]+, )*tls-32bit-host, tls-access-denied, tls-healthy, tls-off, tls-partly/);
  });
});
