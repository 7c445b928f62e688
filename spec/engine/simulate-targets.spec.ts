/**
 * `remgen simulate` runs every target the build wrote on the same device profiles, side by side with Intune's
 * cycle: ConfigMgr discovery (one line, exit 0), remediation and discovery again, program mode's exit code,
 * and the module's Test-/Repair-/Test-. Through the CLI on a built out/; each script runs in the engine. The
 * --json runs call the CLI's main in this worker, on its engine (spec/support/cli-in-process.ts); the run that
 * prints the targets in words is a real CLI child.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Cycle } from '../../generator/engine/preflight.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';
import { stripBuild, stripBuilds } from '../support/summary-line.ts';

interface Json { readonly ok: boolean; readonly cycles: readonly Cycle[] }

const brief = (c: Cycle) => ({
  intune: [c.intuneStatus, c.steps.map((s) => s.exitCode)],
  configmgr: [c.configmgr?.status, c.configmgr?.steps.map((s) => `${s.script} ${s.exitCode} ${s.lines} ${s.exitCode === 0 && s.script === 'discovery.ps1' ? s.summary : ''}`.trim())],
  program: [c.configmgr?.program.exitCode, c.configmgr?.program.meaning],
  module: [c.module?.status, c.module?.steps.map((s) => `${s.script}: ${s.summary}`)],
});

describe('remgen simulate: every target side by side', function () {
  this.timeout(300_000);
  let project: ReturnType<typeof scratchProject>;
  before(async () => {
    project = scratchProject(join(REPO, 'remediations'));
    const build = await remgenInProcess(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign'], project.root);
    assert.equal(build.status, 0, build.stdout + build.stderr);
  });
  after(() => project.dispose());

  it('tls: TLS off is Remediated by ConfigMgr, 3010 in program mode and Repaired by the module; healthy is compliant everywhere; access denied fails everywhere (program exit 3)', async () => {
    const run = await remgenInProcess(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'tls-off', '--profile', 'tls-healthy', '--profile', 'tls-access-denied', '--json'], project.root);
    assert.equal(run.status, 1, run.stderr);
    const json = JSON.parse(run.stdout) as Json;
    assert.equal(json.ok, false);
    const [off, healthy, denied] = json.cycles.map(brief);
    assert.deepEqual(off, {
      intune: ['Issue fixed', [1, 0, 0]],
      configmgr: ['Remediated', ['discovery.ps1 0 1 NonCompliant', 'remediation.ps1 0 1', 'discovery.ps1 0 1 Compliant']],
      program: [3010, 'fixed, restart needed'],
      module: ['Repaired', ['Test-Tls: 12 of 12 steps not compliant: schannel-tls12-client-enabled, schannel-tls12-client-not-disabled-by-default, winhttp-tls12-64, winhttp-tls12-32, netfx4-strong-crypto-64, netfx4-system-tls-64, netfx2-strong-crypto-64, netfx2-system-tls-64, netfx4-strong-crypto-32, netfx4-system-tls-32, netfx2-strong-crypto-32, netfx2-system-tls-32', 'Repair-Tls: Changed 12', 'Test-Tls: all 12 steps compliant']],
    });
    assert.deepEqual(healthy, {
      intune: ['Without issues', [0]],
      configmgr: ['Compliant', ['discovery.ps1 0 1 Compliant']],
      program: [0, 'compliant or fixed'],
      module: ['Compliant', ['Test-Tls: all 12 steps compliant']],
    });
    assert.deepEqual(denied, {
      intune: ['Failed', [1, 1, 1]],
      configmgr: ['NonCompliant', ['discovery.ps1 0 1 NonCompliant', 'remediation.ps1 1 1', 'discovery.ps1 0 1 NonCompliant']],
      program: [3, 'a step could not be applied'],
      module: ['NotCompliant', ['Test-Tls: 12 of 12 steps not compliant: schannel-tls12-client-enabled, schannel-tls12-client-not-disabled-by-default, winhttp-tls12-64, winhttp-tls12-32, netfx4-strong-crypto-64, netfx4-system-tls-64, netfx2-strong-crypto-64, netfx2-system-tls-64, netfx4-strong-crypto-32, netfx4-system-tls-32, netfx2-strong-crypto-32, netfx2-system-tls-32', 'Repair-Tls: Changed 10, Failed 2', 'Test-Tls: 2 of 12 steps not compliant: netfx4-strong-crypto-64, netfx4-system-tls-64']],
    });
    // Each target ran on the device as the profile gives it: the module's first test sees TLS off, whatever Intune's cycle did.
    assert.match(stripBuild(json.cycles[0]!.configmgr!.program.summary), /^REMEDIATED tls: fixed 12 of 12 settings .*restart required to take effect$/);
  });

  it('the bundle\'s user package behind an inspecting proxy: a probe no target can fix (program exit 2, the module NotRepairable); stale credentials fixed by every target', async () => {
    const run = await remgenInProcess(['simulate', 'onedrive-0x8004de40-user', '--catalog', 'catalog', '--profile', 'onedrive-0x8004de40-tls-enterprise-proxy', '--profile', 'onedrive-0x8004de40-stale-credentials', '--json'], project.root);
    assert.equal(run.status, 1, run.stderr);
    const [proxy, stale] = (JSON.parse(run.stdout) as Json).cycles;
    assert.deepEqual(brief(proxy!).program, [2, 'still not compliant']);
    assert.equal(proxy!.configmgr!.status, 'NonCompliant');
    assert.match(proxy!.configmgr!.program.summary, /no-tls-inspection \(is login\.microsoftonline\.com via proxy\.contoso\.com:8080 intercepted: root CN=Contoso TLS Inspection Root/);
    assert.deepEqual(brief(proxy!).module, ['NotCompliant', ['Test-Onedrive0x8004de40User: 1 of 6 steps not compliant: no-tls-inspection', 'Repair-Onedrive0x8004de40User: None 5, NotRepairable 1', 'Test-Onedrive0x8004de40User: 1 of 6 steps not compliant: no-tls-inspection']]);
    assert.deepEqual(brief(stale!).configmgr, ['Remediated', ['discovery.ps1 0 1 NonCompliant', 'remediation.ps1 0 1', 'discovery.ps1 0 1 Compliant']]);
    assert.deepEqual(brief(stale!).program, [0, 'compliant or fixed']);
    assert.equal(stale!.module!.status, 'Repaired');
    assert.match(stale!.module!.steps[1]!.summary, /Changed 2/);
  });

  it('prints the targets under Intune\'s lines, and a build with only Intune simulates only Intune', async () => {
    const run = remgen(['simulate', 'tls', '--catalog', 'catalog', '--profile', 'tls-partly'], project.root);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(stripBuilds(run.stdout), /Intune would show: Issue fixed [^\n]*\n {2}ConfigMgr:\n {4}discovery\.ps1 +exit 0 +NonCompliant\n {4}remediation\.ps1 +exit 0 +REMEDIATED tls: [^\n]*\n {4}discovery\.ps1 +exit 0 +Compliant\n {4}Invoke-Tls\.ps1 +exit 3010 [^\n]*\(program mode: fixed, restart needed\)\n {4}the console would show: Remediated [^\n]*\n {2}module:\n {4}Test-Tls +exit 0 +3 of 12 steps not compliant: [^\n]*\n {4}Repair-Tls +exit 0 +Changed 3, None 9\n {4}Test-Tls +exit 0 +all 12 steps compliant\n {4}Repaired /);

    assert.equal((await remgenInProcess(['build', '--catalog', 'catalog', '--out', 'intune-only', '--no-sign', '--target', 'intune'], project.root)).status, 0);
    const only = JSON.parse((await remgenInProcess(['simulate', 'tls', '--catalog', 'catalog', '--out', 'intune-only', '--profile', 'tls-partly', '--json'], project.root)).stdout) as Json;
    assert.equal(only.cycles[0]!.configmgr, undefined);
    assert.equal(only.cycles[0]!.module, undefined);
    assert.equal(only.ok, true);
  });
});
