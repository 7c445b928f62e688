/**
 * The bundled descriptors as data: the bundle is made of the rungs' own steps (no drift between a rung's
 * package and the bundle), every step can run where its package runs, every action is gated by a probe of
 * its package and keeps a cooldown fit for an hourly schedule, and `remgen explain` describes each.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Remediation } from '../../generator/descriptor/remediation.ts';
import { durationSeconds } from '../../generator/model/step.ts';
import { roomOf } from '../../generator/steps/index.ts';
import { BUNDLED_PACKAGES } from '../support/catalog.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';

describe('the bundled descriptors', function () {
  this.timeout(120_000);
  let packages: Map<string, Remediation>;

  before(async () => {
    const { catalog, diagnostics } = await loadAndCheck(join(REPO, 'remediations'));
    assert.deepEqual(diagnostics, []);
    packages = new Map(catalog.remediations.map((r) => [r.remediation.id, r.remediation]));
  });

  it('the bundle is the rungs put together: the device package holds exactly the system rungs\' steps, the user package the user rungs\' steps', () => {
    const ids = (pkg: string): string[] => packages.get(pkg)!.steps.map((s) => s.id);
    const rungs = (context: 'system' | 'user'): string[] =>
      [...new Set(BUNDLED_PACKAGES.filter((p) => !p.bundle).map((p) => packages.get(p.id)!).filter((r) => r.context === context).flatMap((r) => r.steps.map((s) => s.id)))].sort();
    assert.deepEqual([...ids('onedrive-0x8004de40-device')].sort(), rungs('system'));
    assert.deepEqual([...ids('onedrive-0x8004de40-user')].sort(), rungs('user'));
    // Same id, same step: a rung's step and the bundle's are the same data.
    for (const pkg of ['onedrive-0x8004de40-device', 'onedrive-0x8004de40-user']) {
      for (const step of packages.get(pkg)!.steps) {
        const owner = BUNDLED_PACKAGES.filter((p) => !p.bundle).map((p) => packages.get(p.id)!).find((r) => r.steps.some((s) => s.id === step.id))!;
        assert.deepEqual(owner.steps.find((s) => s.id === step.id), step, `${pkg}/${step.id}`);
      }
    }
  });

  it('every step runs where its package runs; every action is gated by a probe of its package, with a cooldown of an hour or more', () => {
    for (const [id, r] of packages) {
      for (const step of r.steps) {
        const room = roomOf(step);
        const where = room.contextOf(step);
        assert.ok(where === 'any' || where === r.context, `${id}/${step.id} runs as ${where}, the package as ${r.context}`);
        if (room.category !== 'action') continue;
        const action = step as typeof step & { gate: { probes: string[] }; cooldown: string };
        for (const probe of action.gate.probes) {
          const gate = r.steps.find((s) => s.id === probe);
          assert.ok(gate && roomOf(gate).category === 'probe', `${id}/${step.id}: gate ${probe} is a probe of the package`);
          assert.ok(r.steps.indexOf(gate) < r.steps.indexOf(step), `${id}/${step.id}: its gate is tested first`);
        }
        assert.ok((durationSeconds(action.cooldown) ?? 0) >= 3600, `${id}/${step.id}: cooldown ${action.cooldown}`);
      }
    }
  });

  it('no package turns old protocols off by default (old line-of-business apps break)', () => {
    for (const [id, r] of packages) {
      for (const step of r.steps) {
        if (step.kind === 'schannelProtocol') assert.equal((step as { state: string }).state, 'enabled', `${id}/${step.id}`);
      }
    }
  });

  it('remgen explain describes every package and the bundle, in plain words and as JSON', async () => {
    const project = scratchProject(join(REPO, 'remediations'));
    try {
      // Each package through the CLI's main in this worker; the bundle's two runs are real CLI children.
      for (const p of BUNDLED_PACKAGES) {
        const run = await remgenInProcess(['explain', p.id, '--catalog', 'catalog', '--json'], project.root);
        assert.equal(run.status, 0, run.stderr);
        const json = JSON.parse(run.stdout) as { id: string; context: string; steps: { id: string; detects: string; changes: string }[] };
        assert.equal(json.id, p.id);
        assert.equal(json.steps.length, packages.get(p.id)!.steps.length);
        for (const s of json.steps) assert.ok(s.detects.length > 20 && s.changes.length > 10, `${p.id}/${s.id}`);
      }
      const bundle = remgen(['explain', 'onedrive-0x8004de40', '--catalog', 'catalog'], project.root);
      assert.equal(bundle.status, 0, bundle.stderr);
      assert.match(bundle.stdout, /^onedrive-0x8004de40: OneDrive error 0x8004de40 \(a bundle of 2 packages, from catalog\/onedrive-0x8004de40\.ts\)/);
      assert.match(bundle.stdout, /onedrive-0x8004de40-device: .*\n {2}runs as SYSTEM; 14 settings, 4 checks, 3 actions \(resync-clock, repair-join, flush-dns\)/);
      assert.match(bundle.stdout, /onedrive-0x8004de40-user: .*\n {2}runs as the signed-in user; 1 setting, 3 checks, 2 actions \(clear-credentials, reset-onedrive\)/);
      const json = JSON.parse(remgen(['explain', 'onedrive-0x8004de40', '--catalog', 'catalog', '--json'], project.root).stdout) as { packages: { id: string; context: string }[] };
      assert.deepEqual(json.packages.map((p) => [p.id, p.context]), [['onedrive-0x8004de40-device', 'system'], ['onedrive-0x8004de40-user', 'user']]);
    } finally {
      project.dispose();
    }
  });
});
