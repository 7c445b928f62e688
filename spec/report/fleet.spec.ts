import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Expectations } from '../../generator/model/expectation.ts';
import type { FleetReport } from '../../generator/report/fleet.ts';
import { withoutBuildId } from '../../generator/report/summary.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { remgen, scratchProject } from '../support/temp-catalog.ts';
import { recorded } from '../support/summary-line.ts';

const REPO = new URL('../../', import.meta.url).pathname;
// The engine's recorded lines as this build prints them (build ids put back: spec/support/summary-line.ts).
const expected: Expectations = await recorded();

/** The engine's own lines for one package on one bundled device: detection, and detection after the remediation. */
function lines(pkg: string, profile: string): { pre: string; post: string } {
  const cycle = expected[pkg]![profile]!;
  return { pre: cycle.summaries[0]!, post: cycle.summaries.length > 1 ? cycle.summaries.at(-1)! : '' };
}

const csvCell = (value: string): string => `"${value.replaceAll('"', '""')}"`;
const HEADER = ['PolicyId', 'DeviceId', 'PreRemediationDetectionScriptOutput', 'PostRemediationDetectionScriptOutput', 'PreRemediationDetectionScriptError', 'RemediationScriptErrorDetails', 'RemediationStatus', 'DeviceName', 'OSVersion', 'UPN', 'DetectionStatus'];

/**
 * The readable text, the CSV and the errors (exit codes, stderr) come from the real CLI in a child process; the
 * JSON reports from the CLI's main in this process (spec/support/cli-in-process.ts), the same command and output.
 */
describe('remgen report --from: the fleet read back from an export', function () {
  this.timeout(120_000);
  const inProcess = (args: string[], cwd = REPO) => remgenInProcess(['report', ...args], cwd);
  const dir = mkdtempSync(join(tmpdir(), 'remgen-report-'));
  const pkg = 'onedrive-0x8004de40-device';
  const broken = lines(pkg, 'onedrive-0x8004de40-everything-broken');
  const healthy = lines(pkg, 'onedrive-0x8004de40-healthy');
  const clock = lines(pkg, 'onedrive-0x8004de40-skewed-clock');
  const rows: string[][] = [
    ...Array.from({ length: 3 }, (_, i) => ['p1', `h${i}`, healthy.pre, '', '', '', 'skipped', `PC-H${i}`, '10.0.22631.4460', `u${i}@contoso.com`, 'success']),
    ...Array.from({ length: 2 }, (_, i) => ['p1', `b${i}`, broken.pre, broken.post, '', '', 'remediationFailed', `PC-B${i}`, '10.0.19045.5131', `b${i}@contoso.com`, 'fail']),
    ['p1', 'c0', clock.pre, clock.post, '', '', 'success', 'PC-C0', '10.0.22631.4460', 'c0@contoso.com', 'fail'],
    ['p1', 'e0', '', '', 'Access to the path is denied, "C:\\x"', '', 'unknown', 'PC-E0', '10.0.19045.5131', '', 'scriptError'],
    ['p1', 'f0', 'Compliant', '', '', '', 'unknown', 'PC-F0', '10.0.19045.5131', '', 'success'],
    ['p2', 'g0', '', '', '', '', 'unknown', 'PC-G0', '10.0.19045.5131', '', 'pending'],
  ];
  const csv = '\uFEFF' + [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const file = join(dir, 'DeviceRunStates.csv');
  writeFileSync(file, csv);

  it('counts devices by state from remgen\'s own lines, per package, with quoted commas, CRLF, a BOM and empty outputs', async () => {
    const run = await inProcess(['--from', file, '--json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as FleetReport;
    assert.equal(report.devices, 9);
    assert.equal(report.unattributed, 1, 'an empty output of a policy no line ties to a package');
    const p = report.packages.find((x) => x.packageId === pkg)!;
    // the empty (script error) and the foreign output name no package, but their policy is the package's
    assert.equal(p.devices, 8);
    assert.equal(p.states['script error'], 1);
    assert.equal(p.states['not remgen output'], 1);
    assert.equal(p.lines.foreign, 1);
    assert.deepEqual(p.errors.find((e) => e.message.startsWith('Access to the path')), { message: 'Access to the path is denied, "C:\\x"', devices: 1 });
    assert.equal(p.states['without issues'], 3);
    // after the remediation, detection again: COMPLIANT is remediated, anything else failed
    const remediated = [broken.post, broken.post, clock.post].filter((line) => line.startsWith('COMPLIANT ')).length;
    assert.ok(remediated > 0);
    assert.equal(p.states.remediated, remediated);
    assert.equal(p.states.failed, 3 - remediated);
    assert.equal(p.lines.cut, broken.pre.length === 2048 ? 2 : 0, 'the everything-broken detection line is cut at 2,048 characters');
  });

  it('per step: devices failing before and after, the most common value, and the devices of one step', async () => {
    const run = await inProcess(['--from', file, '--json', '--devices', 'clock-in-sync']);
    assert.equal(run.status, 0, run.stderr);
    const p = (JSON.parse(run.stdout) as FleetReport).packages.find((x) => x.packageId === pkg)!;
    const step = p.steps.find((s) => s.step === 'clock-in-sync')!;
    assert.equal(step.before, 3, 'two broken devices and the skewed clock');
    assert.ok(step.values[0]!.value.startsWith('is device clock 600 s behind'), step.values[0]!.value);
    assert.deepEqual([...step.devices].sort(), ['PC-B0', 'PC-B1', 'PC-C0']);
    const first = p.steps[0]!;
    assert.ok(first.before >= step.before, 'most failing step first');
  });

  it('prints a readable summary, and CSV rows per step', () => {
    const text = remgen(['report', '--from', file], REPO);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /onedrive-0x8004de40-device: 8 devices/);
    assert.match(text.stdout, /without issues 3/);
    assert.match(text.stdout, /clock-in-sync +3 ->/);
    const rowsOut = remgen(['report', '--from', file, '--csv'], REPO).stdout.trim().split('\n');
    assert.equal(rowsOut[0], 'package,step,devices,failing before,failing after,most common value,devices with it');
    assert.ok(rowsOut.some((r) => r.startsWith(`${pkg},clock-in-sync,8,3,`)));
  });

  it('reads Graph deviceRunStates as JSON the same way', async () => {
    const json = join(dir, 'states.json');
    writeFileSync(json, JSON.stringify({
      value: [
        { id: '1', detectionState: 'fail', remediationState: 'success', preRemediationDetectionScriptOutput: clock.pre, postRemediationDetectionScriptOutput: clock.post, managedDevice: { deviceName: 'PC-1', userPrincipalName: 'a@contoso.com', osVersion: '10.0.22631.4460' } },
        { id: '2', detectionState: 'success', remediationState: 'skipped', preRemediationDetectionScriptOutput: healthy.pre, managedDevice: { deviceName: 'PC-2' } },
        { id: '3', detectionState: 'notApplicable', remediationState: 'unknown', preRemediationDetectionScriptOutput: '' },
      ],
    }));
    const fleet = JSON.parse((await inProcess(['--from', json, '--json'])).stdout) as FleetReport;
    const p = fleet.packages.find((x) => x.packageId === pkg)!;
    assert.equal(p.devices, 2);
    assert.equal(p.states['without issues'], 1);
    assert.equal(fleet.unattributed, 1);
  });

  it('lines of another build of a package (its catalog now has another step) are counted as such', async () => {
    const clockLines = Object.values(expected.clock!).map((c) => [c.summaries[0]!, c.summaries.length > 1 ? c.summaries.at(-1)! : '']);
    const export2 = join(dir, 'clock.csv');
    writeFileSync(export2, [HEADER.slice(0, 4).join(','), ...clockLines.map(([pre, post], i) => ['p9', `d${i}`, csvCell(pre!), csvCell(post!)].join(','))].join('\r\n'));
    const lines = clockLines.flat().filter(Boolean).length;
    const same = JSON.parse((await inProcess(['--from', export2, '--json'])).stdout) as FleetReport;
    assert.equal(same.packages[0]!.lines.otherBuild, 0, 'the lines of this build');
    // the next build adds a probe: the recorded lines count one step fewer than it has
    const next = scratchProject(join(REPO, 'remediations'));
    try {
      cpSync(join(REPO, 'remediations', 'profiles'), join(next.catalog, 'profiles'), { recursive: true });
      const file = join(next.catalog, 'clock.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace("import { clockResync, clockSkew, defineRemediation } from 'remgen';", "import { clockResync, clockSkew, defineRemediation, windowsVersion } from 'remgen';")
        .replace('  steps: clockSteps,', "  steps: [windowsVersion({ id: 'supported-windows', minimumBuild: 19045 }), ...clockSteps],"));
      const run = await inProcess(['--from', export2, '--json', '--catalog', next.catalog], next.root);
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /error/, 'the changed catalog is valid');
      const other = (JSON.parse(run.stdout) as FleetReport).packages[0]!;
      assert.equal(other.lines.otherBuild, lines);
      assert.equal(other.lines.guessedOtherBuild, 0, 'lines with a build id are compared by it, not guessed');
      const text = remgen(['report', '--from', export2, '--catalog', next.catalog], next.root);
      assert.match(text.stdout, new RegExp(`${lines} of another build \\(id ${other.builds.seen[0]!.build}, catalog has ${other.builds.catalog}\\)`));
      // the same lines from a remgen before build ids: told apart by the heuristic only (one step fewer)
      const export3 = join(dir, 'clock-older.csv');
      writeFileSync(export3, [HEADER.slice(0, 4).join(','), ...clockLines.map(([pre, post], i) => ['p9', `d${i}`, csvCell(withoutBuildId(pre!)), csvCell(withoutBuildId(post!))].join(','))].join('\r\n'));
      const olderRun = await inProcess(['--from', export3, '--json', '--catalog', next.catalog], next.root);
      assert.equal(olderRun.status, 0, olderRun.stderr);
      const older = (JSON.parse(olderRun.stdout) as FleetReport).packages[0]!;
      assert.deepEqual([older.lines.olderVersion, older.lines.guessedOtherBuild, older.lines.otherBuild], [lines, lines, lines]);
      const olderSame = (JSON.parse((await inProcess(['--from', export3, '--json'])).stdout) as FleetReport).packages[0]!;
      assert.deepEqual([olderSame.lines.olderVersion, olderSame.lines.otherBuild], [lines, 0], 'the same steps: an older version, not seen as another build');
    } finally {
      next.dispose();
    }
  });

  it('a file without an output column, or no file, is a clear error', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Name,Value\r\na,b\r\n');
    const run = remgen(['report', '--from', bad], REPO);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /no pre-remediation detection output column/);
    const missing = remgen(['report', '--from', join(dir, 'nope.csv')], REPO);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /does not exist/);
  });
});
