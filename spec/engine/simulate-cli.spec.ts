/**
 * `remgen simulate`: the admin's pre-flight, through the CLI on a built out/. The runs about what the process
 * gives (an exit code with its error, --json's exit code, an unknown profile) are real CLI children, each with
 * its own engine; the others call the CLI's main in this worker (spec/support/cli-in-process.ts), on the
 * engine it runs already: a child starts a pwsh of its own, seconds of CPU before the first script.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';
import { stripBuilds } from '../support/summary-line.ts';

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

  it('runs detection, remediation and detection again per bundled profile, with the changes and the Intune status', async () => {
    assert.equal((await remgenInProcess(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign'], project.root)).status, 0);
    const run = await remgenInProcess(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'tls-partly'], project.root);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(stripBuilds(run.stdout), /detect\.ps1 +exit 1 +NON-COMPLIANT tls: 3 of 12 settings wrong/);
    assert.match(stripBuilds(run.stdout), /remediate\.ps1 +exit 0 +REMEDIATED tls: fixed 3 of 12 settings/);
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

  it('a package of the bundle, and a rung on its own, default to the bundle\'s whole-device profiles; a device changed by the remediation stays changed for the detection after it', async () => {
    // Intune's cycle only: the other targets of these packages are simulated in simulate-targets.spec.ts.
    const user = await remgenInProcess(['simulate', 'onedrive-0x8004de40-user', '--catalog', 'catalog', '--target', 'intune', '--json'], project.root);
    const cycles = (JSON.parse(user.stdout) as { cycles: { profile: string; intuneStatus: string }[] }).cycles;
    assert.equal(cycles.length, 14, user.stdout + user.stderr);
    assert.deepEqual(cycles.find((c) => c.profile === 'onedrive-0x8004de40-stale-credentials')?.intuneStatus, 'Issue fixed');
    assert.deepEqual(cycles.find((c) => c.profile === 'onedrive-0x8004de40-onedrive-not-installed')?.intuneStatus, 'Without issues');
    // The user package alone cannot fix the device's DNS or the user's sign-in: the status says so.
    assert.equal(user.status, 1);
    const clock = await remgenInProcess(['simulate', 'clock', '--catalog', 'catalog', '--target', 'intune'], project.root);
    assert.equal(clock.status, 0, clock.stdout + clock.stderr);
    assert.match(clock.stdout, /^remgen simulate clock: 14 device profiles, scripts from out\/intune\/clock\n/);
    assert.doesNotMatch(clock.stdout, /ConfigMgr:|module:/);
    assert.deepEqual((JSON.parse(user.stdout) as { cycles: Record<string, unknown>[] }).cycles.filter((c) => 'configmgr' in c || 'module' in c), []);
    assert.match(stripBuilds(clock.stdout), /onedrive-0x8004de40-skewed-clock: [^\n]*\n {2}detect\.ps1 +exit 1 [^\n]*\n {2}remediate\.ps1 +exit 0 +REMEDIATED clock: fixed 1 of 2 checks \(resync-clock\); all passed now; 1 action\(s\) taken: resync-clock\n {2}detect\.ps1 +exit 0 /);
  });

  it('says what the remediation did through seams besides the registry (an example: the local Administrators group)', async () => {
    const examples = scratchProject(join(REPO, 'examples'));
    try {
      assert.equal((await remgenInProcess(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign', 'local-admins'], examples.root)).status, 0);
      const run = await remgenInProcess(['simulate', 'local-admins', '--catalog', 'catalog', '--profile', 'local-admins-broken'], examples.root);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /registry changes: none\n {2}done through seams \(5\): Add-RgLocalGroupMember Administratoren S-1-12-1-1585191762-1327403940-2355876512-1192926783; Remove-RgLocalGroupMember Administratoren S-1-12-1-9004393-[^;]+; Remove-RgLocalGroupMember Administratoren S-1-12-1-1307019558-[^;]+; Remove-RgLocalGroupMember Administratoren S-1-12-1-2095317891-[^;]+; Remove-RgLocalGroupMember Administratoren S-1-5-21-1085031214-1563985344-725345543-1003\n/);
      const healthy = await remgenInProcess(['simulate', 'local-admins', '--catalog', 'catalog', '--profile', 'local-admins-healthy', '--json'], examples.root);
      assert.deepEqual((JSON.parse(healthy.stdout) as { cycles: { actions: string[] }[] }).cycles.map((c) => c.actions), [[]]);
    } finally {
      examples.dispose();
    }
  });

  it('--target: a ConfigMgr-only build is simulated without Intune\'s pair; a target out/ does not hold is named with the build that makes it', async () => {
    assert.equal((await remgenInProcess(['build', 'tls', '--catalog', 'catalog', '--out', 'out-cm', '--no-sign', '--target', 'configmgr'], project.root)).status, 0);
    const run = await remgenInProcess(['simulate', 'tls', '--catalog', 'catalog', '--out', 'out-cm', '--profile', 'tls-partly', '--json'], project.root);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const [cycle] = (JSON.parse(run.stdout) as { cycles: Record<string, unknown>[] }).cycles;
    assert.equal(cycle?.profile, 'tls-partly');
    assert.equal(cycle?.intuneStatus, undefined, 'no Intune cycle without an Intune build');
    assert.equal((cycle?.configmgr as { status: string } | undefined)?.status, 'Remediated');
    const text = await remgenInProcess(['simulate', 'tls', '--catalog', 'catalog', '--out', 'out-cm', '--profile', 'tls-partly'], project.root);
    assert.match(text.stdout, /^remgen simulate tls: 1 device profile, scripts from out-cm\/configmgr\/tls\n/);
    assert.doesNotMatch(text.stdout, /Intune would show/);
    const intune = await remgenInProcess(['simulate', 'tls', '--catalog', 'catalog', '--out', 'out-cm', '--target', 'intune,module'], project.root);
    assert.equal(intune.status, 1);
    assert.match(intune.stderr, /out-cm\/intune\/tls has no intune build of 'tls'; out-cm\/module\/tls has no module build of 'tls'; run 'remgen build tls --target intune,module' first/);
  });

  it('names the bundled profiles when a profile is unknown', () => {
    const run = remgen(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'nope'], project.root);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no device profile 'nope'.*bundled ones: (onedrive-0x8004de40-[a-z0-9-]+, )*tls-32bit-host, tls-access-denied, tls-healthy, tls-off, tls-partly/);
  });
});
