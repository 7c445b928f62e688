import { strict as assert } from 'node:assert';
import { checkCatalog, type Rooms } from '../generator/check/index.ts';
import { checkActions } from '../generator/check/rules.ts';
import { durationSeconds } from '../generator/model/step.ts';
import type { LoadResult } from '../generator/load/index.ts';
import { defineRemediation, type Remediation } from '../generator/descriptor/index.ts';
import type { StepCategory } from '../generator/model/step.ts';
import { rooms as productRooms } from '../generator/steps/index.ts';
import type { StepRoom } from '../generator/steps/room.ts';

/** Test-only rooms: no product action or probe kinds exist yet, so the rule is tried with these. */
function testRoom(kind: string, category: StepCategory): StepRoom<{ kind: string; id: string }> {
  return {
    kind,
    category,
    script: `${kind}.ps1`,
    functions: { test: `Test-${kind}` },
    runtime: [],
    contextOf: () => 'user',
    check: () => undefined,
    toData: () => ({}),
    title: (step) => step.id,
    explain: () => ({ detects: '', changes: '' }),
  };
}

const rooms: Rooms = new Map([
  ...productRooms,
  ['testProbe', testRoom('testProbe', 'probe')],
  ['testAction', testRoom('testAction', 'action')],
]);

const probe = { kind: 'testProbe', id: 'sync-stuck' };
const action = (extra: Record<string, unknown>) => ({ kind: 'testAction', id: 'reset', ...extra });
const remediationWith = (...steps: object[]): Remediation =>
  defineRemediation({ id: 'onedrive-reset', displayName: 'd', description: 'd', publisher: 'p', context: 'user', steps: steps as never });
const run = (...steps: object[]) => checkActions(remediationWith(...steps), rooms).map((f) => `${f.path.join('.')}: ${f.message}`);

describe('check rule: actions have a gate and a cooldown', () => {
  it('GIVEN a gate naming a probe of the remediation and a cooldown of a day THEN there is no finding', () => {
    assert.deepEqual(run(probe, action({ gate: { probes: ['sync-stuck'] }, cooldown: 'P1D' })), []);
    assert.deepEqual(run(probe, action({ gate: { probes: ['sync-stuck'] }, cooldown: 'PT1H' })), []);
  });

  it('refuses an action without a gate or without a cooldown', () => {
    assert.deepEqual(run(probe, action({ cooldown: 'P1D' })), [
      "steps.1: action step 'reset' needs a gate: gate: { probes: [...] } naming the probe steps that detect the symptom (its probe steps: sync-stuck), or gate: 'always' for an action that is the point (then at most once per cooldown)",
    ]);
    assert.deepEqual(run(probe, action({ gate: { probes: [] }, cooldown: 'P1D' })), [
      "steps.1.gate: action step 'reset' needs a gate: gate: { probes: [...] } naming the probe steps that detect the symptom (its probe steps: sync-stuck), or gate: 'always' for an action that is the point (then at most once per cooldown)",
    ]);
    assert.deepEqual(run(probe, action({ gate: { probes: ['sync-stuck'] } })), [
      "steps.1: action step 'reset' needs a cooldown of at least an hour, e.g. cooldown: 'P1D'",
    ]);
  });

  it("accepts gate: 'always' without any probe, and still refuses its cooldown under an hour or missing", () => {
    assert.deepEqual(run(action({ gate: 'always', cooldown: 'PT1H' })), []);
    assert.deepEqual(run(action({ gate: 'always', cooldown: 'PT59M' })), [
      "steps.0.cooldown: cooldown 'PT59M' of action step 'reset' is shorter than an hour (PT1H); Intune re-runs remediations hourly, so use 'PT1H' or longer, e.g. 'P1D'",
    ]);
    assert.deepEqual(run(action({ gate: 'always' })), ["steps.0: action step 'reset' needs a cooldown of at least an hour, e.g. cooldown: 'P1D'"]);
  });

  it('refuses a gate naming a missing step, a setting or another action', () => {
    const setting = { kind: 'registryValue', id: 'flag', path: 'HKCU:\\Software\\X', name: 'n', type: 'DWord', value: 1 };
    assert.deepEqual(run(setting, action({ gate: { probes: ['nope', 'flag'] }, cooldown: 'P1D' })), [
      "steps.1.gate.probes.0: gate of action step 'reset' names 'nope', which is no step of remediation 'onedrive-reset'; it has no probe steps; add one that detects the symptom",
      "steps.1.gate.probes.1: gate of action step 'reset' names step 'flag', which is a setting, not a probe; it has no probe steps; add one that detects the symptom",
    ]);
    assert.deepEqual(run(probe, action({ gate: { probes: ['reset'] }, cooldown: 'P1D' })), [
      "steps.1.gate.probes.0: gate of action step 'reset' names step 'reset', which is an action, not a probe; its probe steps: sync-stuck",
    ]);
  });

  it('refuses a cooldown that is not an ISO 8601 duration or is shorter than an hour', () => {
    const gate = { probes: ['sync-stuck'] };
    assert.deepEqual(run(probe, action({ gate, cooldown: '1 day' })), [
      "steps.1.cooldown: cooldown '1 day' of action step 'reset' is not an ISO 8601 duration; write e.g. 'PT12H' or 'P1D'",
    ]);
    assert.deepEqual(run(probe, action({ gate, cooldown: 'PT59M' })), [
      "steps.1.cooldown: cooldown 'PT59M' of action step 'reset' is shorter than an hour (PT1H); Intune re-runs remediations hourly, so use 'PT1H' or longer, e.g. 'P1D'",
    ]);
  });

  it('reads ISO 8601 durations in seconds', () => {
    assert.equal(durationSeconds('PT1H'), 3600);
    assert.equal(durationSeconds('P1DT2H'), 93600);
    assert.equal(durationSeconds('P2W'), 1209600);
    assert.equal(durationSeconds('PT90M'), 5400);
    for (const bad of ['P', 'PT', 'P1H', '1D', 'P1DT', 'pt1h', '']) assert.equal(durationSeconds(bad), undefined, bad);
  });

  it('ignores settings and probes', () => {
    assert.deepEqual(run(probe), []);
  });

  it('GIVEN checkCatalog with the test rooms THEN the rule runs for a loaded remediation and the test kinds are not unknown', async () => {
    const remediation = remediationWith(probe, action({ gate: { probes: ['sync-stuck'] }, cooldown: 'PT5M' }));
    const loaded: LoadResult = { files: [], diagnostics: [], exports: [{ file: '/nowhere/reset.ts', exportName: 'default', value: remediation as never }] };
    const withTestRooms = await checkCatalog(loaded, { rooms });
    assert.deepEqual(withTestRooms.diagnostics.map((d) => d.message), [
      "cooldown 'PT5M' of action step 'reset' is shorter than an hour (PT1H); Intune re-runs remediations hourly, so use 'PT1H' or longer, e.g. 'P1D'",
    ]);
    const withProductRooms = await checkCatalog(loaded);
    assert.deepEqual(withProductRooms.diagnostics.map((d) => d.message), [
      `unknown step kind 'testProbe'; known kinds: ${[...productRooms.keys()].sort().join(', ')}`,
      `unknown step kind 'testAction'; known kinds: ${[...productRooms.keys()].sort().join(', ')}`,
    ].sort());
  });
});
