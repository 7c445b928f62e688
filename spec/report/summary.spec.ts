import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import { runCycle } from '../../generator/engine/preflight.ts';
import { simulate } from '../../generator/engine/simulate.ts';
import type { Expectations } from '../../generator/model/expectation.ts';
import { parseSummary, SUMMARY_MAX_LENGTH, withBuildId, withoutBuildId, type Finding, type RemgenSummary } from '../../generator/report/summary.ts';
import { bundledOut, bundledProfile, CMTRACE, engine } from '../support/engine.ts';
import { bundledBuilds, recorded } from '../support/summary-line.ts';

const REPO = new URL('../../', import.meta.url).pathname;

async function catalogSteps(): Promise<Map<string, string[]>> {
  const { catalog, diagnostics } = await loadAndCheck(join(REPO, 'remediations'));
  assert.deepEqual(diagnostics, []);
  return new Map(catalog.remediations.map((r) => [r.remediation.id, r.remediation.steps.map((s) => s.id)]));
}

/** The step results a detection logged (core.ps1 Test-RgStep): `<step>: not compliant (is X, want Y)` or `<step>: test failed: M`. */
function loggedFindings(log: readonly string[], steps: readonly string[]): Finding[] {
  const found: Finding[] = [];
  for (const line of log) {
    const message = CMTRACE.exec(line)?.[1] ?? line;
    for (const step of steps) {
      if (message.startsWith(`${step}: not compliant (is `) && message.endsWith(')')) {
        const body = message.slice(`${step}: not compliant (is `.length, -1);
        const want = body.indexOf(', want ');
        found.push({ step, actual: body.slice(0, want), expected: body.slice(want + ', want '.length) });
      } else if (message.startsWith(`${step}: test failed: `)) {
        found.push({ step, error: message.slice(`${step}: test failed: `.length) });
      }
    }
  }
  return found;
}

describe('report: the summary line, read back in the grammar the runtime writes it in', function () {
  this.timeout(600_000);

  it('every summary the engine recorded for the bundled profiles (profiles/expected.json) parses as remgen\'s, consistently', async () => {
    const steps = await catalogSteps();
    // Recorded without the build id; put back as this build prints them (spec/support/summary-line.ts).
    const expected: Expectations = await recorded();
    const builds = await bundledBuilds();
    let lines = 0;
    for (const [pkg, profiles] of Object.entries(expected)) {
      for (const [profile, cycle] of Object.entries(profiles)) {
        const codes = [cycle.detect, cycle.remediate, cycle.again].filter((c) => c !== null);
        cycle.summaries.forEach((line, i) => {
          lines += 1;
          const parsed = parseSummary(line, { steps });
          assert.equal(parsed.kind, 'remgen', `${pkg} on ${profile}: ${line}`);
          const s = parsed;
          assert.equal(s.packageId, pkg);
          assert.equal(s.build, builds.get(pkg), `${pkg}: the build id`);
          const ok = codes[i] === 0;
          assert.equal(['COMPLIANT', 'REMEDIATED'].includes(s.state), ok, `${s.state} with exit ${codes[i]}`);
          if (s.state === 'NON-COMPLIANT' || s.state === 'FAILED') {
            if (s.truncated) {
              assert.ok(s.findings.length <= s.failing! && s.findings.length > 0, `${pkg} on ${profile}: a cut line keeps the findings before the cut`);
              assert.equal(line.length, SUMMARY_MAX_LENGTH);
            } else {
              assert.equal(s.findings.length, s.failing, `${pkg} on ${profile}: every failing step is one finding: ${line}`);
            }
            for (const f of s.findings) assert.ok(steps.get(pkg)!.includes(f.step));
          }
          for (const a of s.actions) assert.ok(steps.get(pkg)!.includes(a), `action ${a}`);
        });
      }
    }
    assert.ok(lines > 100, `${lines} lines`);
  });

  it('detection\'s findings are exactly the step results the script logged, on every bundled device of the bundle', async () => {
    const steps = await catalogSteps();
    const out = await bundledOut();
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; build?: string }[] };
    let compared = 0;
    for (const pkg of ['onedrive-0x8004de40-device', 'onedrive-0x8004de40-user']) {
      for (const name of ['onedrive-0x8004de40-everything-broken', 'onedrive-0x8004de40-broken-hybrid-join', 'onedrive-0x8004de40-skewed-clock']) {
        const run = await simulate(engine(), join(out, 'intune', pkg, 'detect.ps1'), await bundledProfile(name));
        const parsed = parseSummary(run.output.at(-1), { steps });
        assert.equal(parsed.kind, 'remgen');
        const s = parsed;
        // The round trip of the build id: the line carries the id the build recorded for the script, cut or not.
        const recordedBuild = manifest.files.find((f) => f.path === `intune/${pkg}/detect.ps1`)?.build;
        assert.match(recordedBuild ?? '', /^[0-9a-f]{7}$/, 'the manifest records the build id');
        assert.equal(s.build, recordedBuild, `${pkg} on ${name}: the line's build id is the manifest's`);
        // Every step the line counts as failing was logged as not compliant (or as a failed test), in order;
        // actions whose gate passed were logged too but count as compliant.
        const logged = loggedFindings(run.log, steps.get(pkg)!).filter((f) => !/^not needed/.test(f.actual ?? ''));
        const gated = new Set(logged.filter((f) => !s.findings.some((x) => x.step === f.step)).map((f) => f.step));
        const failing = logged.filter((f) => !gated.has(f.step) || s.truncated);
        s.findings.forEach((finding, i) => {
          const truth = failing.find((f) => f.step === finding.step);
          assert.ok(truth, `${pkg} on ${name}: ${finding.step} was logged`);
          if (finding.partial) {
            assert.ok(s.truncated && i === s.findings.length - 1);
            assert.ok(truth.actual?.startsWith(finding.actual ?? '') ?? truth.error?.startsWith(finding.error ?? ''), `${finding.step}: the cut finding is the beginning of the logged one`);
          } else {
            assert.deepEqual({ ...finding }, truth, `${pkg} on ${name}: ${finding.step}`);
          }
        });
        if (!s.truncated) assert.equal(s.findings.length, s.failing);
        compared += s.findings.length;
      }
    }
    assert.ok(compared >= 6, `${compared} findings compared`);
  });

  it('a remediation\'s line gives its fixed steps, actions and restart, as the cycle ran them', async () => {
    const steps = await catalogSteps();
    const out = await bundledOut();
    const cycle = await runCycle(engine(), join(out, 'intune', 'onedrive-0x8004de40-device'), await bundledProfile('onedrive-0x8004de40-everything-broken'));
    const remediation = parseSummary(cycle.steps[1]!.summary, { steps }) as RemgenSummary;
    assert.equal(remediation.kind, 'remgen');
    assert.ok(['REMEDIATED', 'FAILED'].includes(remediation.state));
    assert.ok(remediation.actions.length > 0 || remediation.fixed.length > 0, cycle.steps[1]!.summary);
  });

  it('a line cut at 2,048 characters keeps its whole findings, marks the last one partial and is counted as cut', () => {
    const steps = new Map([['pkg', ['alpha', 'beta', 'gamma']]]);
    const long = 'x'.repeat(1500);
    const full = `NON-COMPLIANT pkg: 3 of 3 settings wrong: alpha (is 1, want 2); beta (is ${long}, want 3); gamma (is ${long}, want 4)`;
    const cut = full.slice(0, SUMMARY_MAX_LENGTH - 3) + '...';
    const s = parseSummary(cut, { steps }) as RemgenSummary;
    assert.equal(s.kind, 'remgen');
    assert.equal(s.truncated, true);
    assert.deepEqual(s.findings[0], { step: 'alpha', actual: '1', expected: '2' });
    assert.equal(s.findings.at(-1)!.partial, true);
    assert.equal(s.failing, 3, 'the count before the cut is still right');
    // one character shorter is not a line the runtime cut (it cuts to exactly 2,048): not truncated, and the
    // unfinished finding is left out rather than guessed
    const prefix = 'NON-COMPLIANT pkg: 1 of 3 settings wrong: alpha (is ';
    const short = `${prefix}${'y'.repeat(SUMMARY_MAX_LENGTH - 1 - prefix.length - ', want 2)...'.length)}, want 2)...`;
    assert.equal(short.length, SUMMARY_MAX_LENGTH - 1);
    const whole = parseSummary(short, { steps }) as RemgenSummary;
    assert.equal(whole.truncated, false);
    assert.deepEqual(whole.findings, []);
  });

  it('output that is not remgen\'s, an empty output and a remgen-like line in another shape are told apart, never mis-parsed', () => {
    const steps = new Map([['tls', ['tls12-client']]]);
    assert.equal(parseSummary('', { steps }).kind, 'empty');
    assert.equal(parseSummary(null).kind, 'empty');
    assert.equal(parseSummary('Compliant', { steps }).kind, 'foreign');
    assert.equal(parseSummary('NON-COMPLIANT other-package: 1 of 1 settings wrong: x (is 1, want 2)', { steps }).kind, 'foreign');
    assert.equal(parseSummary('NON-COMPLIANT tls: 1 setting is wrong (tls12-client)', { steps }).kind, 'unrecognised');
    assert.equal(parseSummary('COMPLIANT tls: everything fine', { steps }).kind, 'unrecognised');
    const bom = parseSummary('\uFEFFCOMPLIANT tls: all 1 settings compliant', { steps });
    assert.equal(bom.kind, 'remgen');
  });

  it('the build id: read after the package id; a line without one is an older remgen\'s, read the same; a malformed one is not this grammar', () => {
    const steps = new Map([['tls', ['tls12-client']]]);
    const withId = parseSummary('NON-COMPLIANT tls@0a1b2c3: 1 of 1 settings wrong: tls12-client (is 0, want 1)', { steps }) as RemgenSummary;
    assert.equal(withId.kind, 'remgen');
    assert.equal(withId.build, '0a1b2c3');
    assert.deepEqual(withId.findings, [{ step: 'tls12-client', actual: '0', expected: '1' }]);
    const older = parseSummary('NON-COMPLIANT tls: 1 of 1 settings wrong: tls12-client (is 0, want 1)', { steps }) as RemgenSummary;
    assert.equal(older.kind, 'remgen');
    assert.equal(older.build, undefined);
    assert.deepEqual(older.findings, withId.findings);
    for (const bad of ['COMPLIANT tls@: all 1 settings compliant', 'COMPLIANT tls@0A1B2C3: all 1 settings compliant', 'COMPLIANT tls@0a1b2c: all 1 settings compliant', 'COMPLIANT tls@0a1b2c3d: all 1 settings compliant']) {
      assert.equal(parseSummary(bad, { steps }).kind, 'unrecognised', bad);
    }
    assert.equal(parseSummary('ERROR tls@0a1b2c3: boom: the key: is gone', { steps }).kind, 'remgen');
    assert.equal((parseSummary('ERROR tls@0a1b2c3: boom: the key: is gone', { steps }) as RemgenSummary).message, 'boom: the key: is gone');
    assert.equal(withoutBuildId('ERROR tls@0a1b2c3: boom'), 'ERROR tls: boom');
    assert.equal(withBuildId('ERROR tls: boom', '0a1b2c3'), 'ERROR tls@0a1b2c3: boom');
    assert.equal(withBuildId('Compliant', '0a1b2c3'), 'Compliant');
    // a cut line keeps its head, id included: the cut is at the end
    const cut = `NON-COMPLIANT tls@0a1b2c3: 1 of 1 settings wrong: tls12-client (is ${'z'.repeat(3000)}`.slice(0, SUMMARY_MAX_LENGTH - 3) + '...';
    const parsed = parseSummary(cut, { steps }) as RemgenSummary;
    assert.equal(parsed.truncated, true);
    assert.equal(parsed.build, '0a1b2c3');
  });

  it('the notes of a FAILED line: restart, actions, cooldowns and WhatIf come off the end, findings keep their parentheses', () => {
    const steps = new Map([['p', ['a', 'b-c', 'act']]]);
    const line = 'FAILED p: 2 of 3 checks still failed: a (is x (inner), want y, z); b-c (error: access denied (5)); restart recommended for the changes made (a); 1 action(s) taken: act; act in cooldown until 2026-12-03 10:00 UTC (WhatIf: nothing was changed)';
    const s = parseSummary(line, { steps }) as RemgenSummary;
    assert.deepEqual(s.findings, [{ step: 'a', actual: 'x (inner)', expected: 'y, z' }, { step: 'b-c', error: 'access denied (5)' }]);
    assert.deepEqual(s.restartSteps, ['a']);
    assert.deepEqual(s.actions, ['act']);
    assert.deepEqual(s.cooldowns, [{ step: 'act', until: '2026-12-03 10:00' }]);
    assert.equal(s.whatIf, true);
  });
});
