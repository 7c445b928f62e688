/**
 * remgen report --from FILE.zip: the export job's download read as it unzips (generator/report/zip.ts), against
 * zips made by Info-ZIP's `zip` (deflated, stored, streamed with a data descriptor), and damaged ones. The CSV
 * inside is made of the lines the engine recorded for the bundled profiles.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Expectations } from '../../generator/model/expectation.ts';
import type { FleetReport } from '../../generator/report/fleet.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { remgen } from '../support/temp-catalog.ts';
import { recorded } from '../support/summary-line.ts';

const REPO = new URL('../../', import.meta.url).pathname;
// The engine's recorded lines as this build prints them (build ids put back: spec/support/summary-line.ts).
const expected: Expectations = await recorded();
const cell = (v: string): string => `"${v.replaceAll('"', '""')}"`;

describe('remgen report --from an export job zip', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'remgen-report-zip-'));
  const header = ['PolicyId', 'DeviceId', 'UserId', 'InternalVersion', 'ModifiedTime', 'PostRemediationDetectionScriptError', 'PostRemediationDetectionScriptOutput', 'PreRemediationDetectionScriptError', 'PreRemediationDetectionScriptOutput', 'RemediationScriptErrorDetails', 'RemediationStatus', 'DeviceName', 'OSVersion', 'UPN', 'UserEmail', 'UserName', 'DetectionStatus', 'UniqueKustoKey', 'DetectionScriptStatus', 'RemediationScriptStatus'];
  const rows: string[] = [header.join(',')];
  for (const pkg of ['tls', 'clock', 'onedrive-0x8004de40-user']) {
    for (const [profile, cycle] of Object.entries(expected[pkg]!)) {
      const pre = cycle.summaries[0]!;
      const post = cycle.summaries.length > 1 ? cycle.summaries.at(-1)! : '';
      const v: Record<string, string> = { PolicyId: pkg, DeviceId: `${pkg}-${profile}`, PreRemediationDetectionScriptOutput: pre, PostRemediationDetectionScriptOutput: post, DeviceName: `PC-${profile}`, OSVersion: '10.0.22631.4460', UPN: 'a@contoso.com', DetectionStatus: cycle.detect === 0 ? 'success' : 'fail', RemediationStatus: post ? 'success' : 'skipped' };
      rows.push(header.map((h) => cell(v[h] ?? '')).join(','));
    }
  }
  const csv = join(dir, 'DeviceRunStatesByProactiveRemediation.csv');
  writeFileSync(csv, `\uFEFF${rows.join('\r\n')}\r\n`);
  // The reports from the CLI's main in this process (spec/support/cli-in-process.ts); the errors (exit codes,
  // stderr) from the real CLI in a child.
  const json = async (file: string): Promise<FleetReport> => {
    const run = await remgenInProcess(['report', '--from', file, '--json'], REPO);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as FleetReport;
  };
  let fromCsv: FleetReport;
  before(async () => {
    fromCsv = await json(csv);
  });

  it('a deflated zip (Info-ZIP) reads as the CSV inside it does', async () => {
    const zip = join(dir, 'deflated.zip');
    execFileSync('zip', ['-q', '-j', '-9', zip, csv]);
    assert.ok(readFileSync(zip).length < readFileSync(csv).length / 3, 'really compressed');
    assert.deepEqual(await json(zip), fromCsv);
    assert.equal(fromCsv.packages.length, 3);
    assert.ok(fromCsv.devices > 20);
  });

  it('a stored zip, and one streamed with a data descriptor, read the same', async () => {
    const stored = join(dir, 'stored.zip');
    execFileSync('zip', ['-q', '-j', '-0', stored, csv]);
    assert.deepEqual(await json(stored), fromCsv);
    const streamed = join(dir, 'streamed.zip');
    // written to a pipe, zip cannot seek back to fill in the sizes: they follow the data
    execFileSync('sh', ['-c', `zip -q - - < "${csv}" | cat > "${streamed}"`]);
    assert.equal(readFileSync(streamed).readUInt16LE(6) & 0x8, 0x8, 'the entry has a data descriptor');
    assert.deepEqual(await json(streamed), fromCsv);
  });

  it('a damaged zip, a file that is not a zip, and a zip of two CSVs are clear errors', () => {
    const zip = join(dir, 'damaged.zip');
    execFileSync('zip', ['-q', '-j', zip, csv]);
    const bytes = readFileSync(zip);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(zip, bytes);
    const damaged = remgen(['report', '--from', zip], REPO);
    assert.equal(damaged.status, 1);
    assert.match(damaged.stderr, /DeviceRunStatesByProactiveRemediation\.csv (is damaged|cannot be inflated).*download the export again/);
    const fake = join(dir, 'fake.zip');
    writeFileSync(fake, 'PolicyId,DeviceId\r\n');
    const notZip = remgen(['report', '--from', fake], REPO);
    assert.equal(notZip.status, 1);
    assert.match(notZip.stderr, /not a zip file/);
    const nowhere = remgen(['report', '--from', csv, '--html', join(dir, 'no-such-folder', 'x.html')], REPO);
    assert.equal(nowhere.status, 3);
    assert.match(nowhere.stderr, /--html .*no-such-folder does not exist/);
    const two = join(dir, 'two.zip');
    writeFileSync(join(dir, 'other.csv'), 'a,b\r\n');
    execFileSync('zip', ['-q', '-j', two, csv, join(dir, 'other.csv')]);
    const twoRun = remgen(['report', '--from', two], REPO);
    assert.equal(twoRun.status, 1);
    assert.match(twoRun.stderr, /expected one CSV in the zip, found DeviceRunStatesByProactiveRemediation\.csv, other\.csv/);
  });

  it('a JSON dump with Graph\'s history beside the run states gives the trend', async () => {
    const cycle = expected.clock!['onedrive-0x8004de40-skewed-clock']!;
    const dump = join(dir, 'dump.json');
    writeFileSync(dump, JSON.stringify({
      value: [{ id: '1', detectionState: 'fail', remediationState: 'success', preRemediationDetectionScriptOutput: cycle.summaries[0], postRemediationDetectionScriptOutput: cycle.summaries.at(-1), managedDevice: { deviceName: 'PC-1' } }],
      history: { historyData: [{ date: '2026-11-30T00:00:00Z', remediatedDeviceCount: 1, noIssueDeviceCount: 7, detectFailedDeviceCount: 2 }, { date: '2026-11-29T00:00:00Z', remediatedDeviceCount: 3, noIssueDeviceCount: 5, detectFailedDeviceCount: 4 }] },
    }));
    const p = (await json(dump)).packages[0]!;
    assert.deepEqual(p.trend, [{ date: '2026-11-29', remediated: 3, noIssue: 5, detectFailed: 4 }, { date: '2026-11-30', remediated: 1, noIssue: 7, detectFailed: 2 }]);
    assert.equal(fromCsv.packages[0]!.trend, undefined, 'an export has no history');
  });
});
