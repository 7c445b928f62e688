/**
 * The onedrive-0x8004de40 bundle end to end: its real, signed Intune scripts from out/ (the device package
 * as SYSTEM, then the user package as the signed-in user), run by the PowerShell engine on whole simulated
 * devices (remediations/profiles/onedrive-0x8004de40-*.ts), the way Intune runs them: detection, the
 * remediation when detection exits 1, detection again. The device carries on between the scripts (what
 * the device package fixed, the user package sees). Then, an hour later with the symptoms back, a second
 * round must not repeat any action inside its cooldown.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { DeviceProfile } from '../../generator/model/profile.ts';
import type { Simulation } from '../../generator/engine/simulate.ts';
import { assertSummaryLine, bundledOut, bundledProfile, Device } from '../support/engine.ts';

const BUNDLE = 'onedrive-0x8004de40';
const DEVICE = `${BUNDLE}-device`;
const USER = `${BUNDLE}-user`;
/** The profiles' clock is 08:00 UTC. */
const AN_HOUR_LATER = '2026-12-01T09:00:00Z';

/** What an action does on the device, as seam calls: the names are the actions of the bundle. */
const ACTION_CALLS: Readonly<Record<string, (call: Simulation['calls'][number]) => boolean>> = {
  'resync-clock': (c) => c.Seam === 'Invoke-RgNativeCommand' && c.Arguments.FilePath === 'w32tm.exe' && JSON.stringify(c.Arguments.ArgumentList) === '["/resync"]',
  'repair-join': (c) => c.Seam === 'Start-RgScheduledTask' && c.Arguments.TaskName === 'Automatic-Device-Join',
  'flush-dns': (c) => c.Seam === 'Invoke-RgNativeCommand' && c.Arguments.FilePath === 'ipconfig.exe',
};

/** The actions a run took on the device, by their seam calls (never by what the script says it did). */
const actionsIn = (run: Simulation): string[] =>
  Object.entries(ACTION_CALLS).filter(([, isIt]) => run.calls.some(isIt)).map(([id]) => id);

const writes = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Write-RgRegistryData' && !String(c.Arguments.SubKey).startsWith('SOFTWARE\\remgen'));

interface Round {
  readonly runs: Record<string, Simulation>;
  readonly summaries: Record<string, string>;
}

describe(`engine: the ${BUNDLE} bundle on whole simulated devices`, function () {
  this.timeout(300_000);
  const script: Record<string, string> = {};
  const profiles: Record<string, DeviceProfile> = {};

  before(async () => {
    const out = await bundledOut();
    for (const pkg of [DEVICE, USER]) {
      script[`${pkg}/detect`] = join(out, 'intune', pkg, 'detect.ps1');
      script[`${pkg}/remediate`] = join(out, 'intune', pkg, 'remediate.ps1');
    }
    for (const name of ['healthy', 'tls-off', 'broken-hybrid-join', 'skewed-clock', 'everything-broken']) {
      profiles[name] = await bundledProfile(`${BUNDLE}-${name}`);
    }
  });

  /** One Intune cycle of each package on the device: detect; remediate and detect again when it exits 1. */
  async function round(device: Device): Promise<Round> {
    const runs: Record<string, Simulation> = {};
    for (const pkg of [DEVICE, USER]) {
      runs[`${pkg}/detect`] = await device.run(script[`${pkg}/detect`]!);
      if (runs[`${pkg}/detect`]!.exitCode === 1) {
        runs[`${pkg}/remediate`] = await device.run(script[`${pkg}/remediate`]!);
        runs[`${pkg}/detect-again`] = await device.run(script[`${pkg}/detect`]!);
      }
    }
    const summaries: Record<string, string> = {};
    for (const [name, run] of Object.entries(runs)) {
      assert.deepEqual(run.errors, [], `${name} wrote to stderr`);
      assert.deepEqual(run.harnessErrors, []);
      summaries[name] = assertSummaryLine(run);
    }
    return { runs, summaries };
  }

  /** Actions taken in a round, per script run, in order. */
  const actionsOf = (r: Round): string[] => Object.values(r.runs).flatMap(actionsIn);

  describe('GIVEN a healthy device', () => {
    it('both detections exit 0 with COMPLIANT summaries; nothing is remediated, written or run', async () => {
      const r = await round(new Device(profiles.healthy!, { continues: true }));
      assert.deepEqual(Object.keys(r.runs), [`${DEVICE}/detect`, `${USER}/detect`]);
      assert.equal(r.summaries[`${DEVICE}/detect`], `COMPLIANT ${DEVICE}: all 18 checks passed`);
      assert.equal(r.summaries[`${USER}/detect`], `COMPLIANT ${USER}: all 2 checks passed`);
      assert.deepEqual(actionsOf(r), []);
      assert.deepEqual(Object.values(r.runs).flatMap(writes), []);
    });
  });

  describe('GIVEN TLS off (an old image)', () => {
    it('the device package sets the 12 TLS values and says a restart is needed; the user package ticks TLS 1.2 keeping the rest; no action runs', async () => {
      const device = new Device(profiles['tls-off']!, { continues: true });
      const r = await round(device);
      assert.equal(r.runs[`${DEVICE}/detect`]!.exitCode, 1);
      assert.match(r.summaries[`${DEVICE}/detect`]!, new RegExp(`^NON-COMPLIANT ${DEVICE}: 12 of 18 checks failed: schannel-tls12-client-enabled \\(is missing \\(no key\\)`));
      assert.equal(r.runs[`${DEVICE}/remediate`]!.exitCode, 0);
      assert.match(r.summaries[`${DEVICE}/remediate`]!, new RegExp(`^REMEDIATED ${DEVICE}: fixed 12 of 18 checks \\(.*\\); all passed now; restart required to take effect$`));
      assert.equal(writes(r.runs[`${DEVICE}/remediate`]!).length, 12);
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      assert.equal(r.runs[`${USER}/remediate`]!.exitCode, 0);
      const secure = writes(r.runs[`${USER}/remediate`]!);
      assert.deepEqual(secure.map((c) => [c.Arguments.Hive, c.Arguments.Name, c.Arguments.Value]), [['HKCU', 'SecureProtocols', 0xa0 | 0x800]]);
      assert.equal(r.runs[`${USER}/detect-again`]!.exitCode, 0);
      assert.deepEqual(actionsOf(r), []);
    });
  });

  describe('GIVEN a broken hybrid join (DeviceAuthStatus FAILED)', () => {
    it('the remediation starts Automatic-Device-Join once and verifies the join by reading dsregcmd again; detection then passes', async () => {
      const device = new Device(profiles['broken-hybrid-join']!, { continues: true });
      const r = await round(device);
      assert.match(r.summaries[`${DEVICE}/detect`]!, /checks failed: entra-joined \(is hybrid joined \(DomainName CONTOSO\), DeviceAuthStatus FAILED\. Device is either disabled or deleted, want /);
      assert.equal(r.summaries[`${DEVICE}/remediate`], `REMEDIATED ${DEVICE}: fixed 1 of 18 checks (repair-join); all passed now; 1 action(s) taken: repair-join`);
      assert.equal(r.runs[`${DEVICE}/remediate`]!.calls.filter(ACTION_CALLS['repair-join']!).length, 1);
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      assert.deepEqual(Object.keys(r.runs).filter((k) => k.startsWith(USER)), [`${USER}/detect`]);
      assert.deepEqual(actionsOf(r), ['repair-join']);
    });

    it('an hour later with the join broken again: the task is not started again inside its 1-day cooldown, and the summary says until when', async () => {
      const device = new Device(profiles['broken-hybrid-join']!, { continues: true });
      await round(device);
      device.symptomsBack(AN_HOUR_LATER);
      const again = await round(device);
      assert.deepEqual(actionsOf(again), []);
      const summary = again.summaries[`${DEVICE}/remediate`]!;
      assert.equal(again.runs[`${DEVICE}/remediate`]!.exitCode, 1);
      assert.match(summary, /repair-join in cooldown until 2026-12-02 08:00 UTC/);
    });
  });

  describe('GIVEN a clock 10 minutes behind', () => {
    it('w32tm /resync runs once and the skew measured again proves it; a second round inside 6 hours does not resync again', async () => {
      const device = new Device(profiles['skewed-clock']!, { continues: true });
      const r = await round(device);
      assert.match(r.summaries[`${DEVICE}/detect`]!, /clock-in-sync \(is device clock 600 s behind https:\/\/login\.microsoftonline\.com\//);
      assert.equal(r.summaries[`${DEVICE}/remediate`], `REMEDIATED ${DEVICE}: fixed 1 of 18 checks (resync-clock); all passed now; 1 action(s) taken: resync-clock`);
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      assert.deepEqual(actionsOf(r), ['resync-clock']);
      device.symptomsBack(AN_HOUR_LATER);
      const again = await round(device);
      assert.deepEqual(actionsOf(again), []);
      assert.match(again.summaries[`${DEVICE}/remediate`]!, /resync-clock in cooldown until /);
    });
  });

  describe('GIVEN everything broken at once', () => {
    it('the device package fixes TLS, starts W32Time and resyncs, repairs the join and flushes DNS, each once; the user package then finds the names resolving', async () => {
      const device = new Device(profiles['everything-broken']!, { continues: true });
      const r = await round(device);
      assert.match(r.summaries[`${DEVICE}/detect`]!, new RegExp(`^NON-COMPLIANT ${DEVICE}: 18 of 18 checks failed: `));
      assert.equal(r.runs[`${DEVICE}/remediate`]!.exitCode, 0);
      assert.match(r.summaries[`${DEVICE}/remediate`]!, /; all passed now; restart required to take effect; 3 action\(s\) taken: resync-clock, repair-join, flush-dns$/);
      assert.ok(r.runs[`${DEVICE}/remediate`]!.calls.some((c) => c.Seam === 'Start-RgService' && c.Arguments.Name === 'W32Time'));
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      // The user package runs after the device package: the flush has made login.windows.net resolve.
      assert.equal(r.runs[`${USER}/remediate`]!.exitCode, 0);
      assert.equal(r.runs[`${USER}/detect-again`]!.exitCode, 0);
      assert.deepEqual(actionsOf(r), ['resync-clock', 'repair-join', 'flush-dns']);
    });

    it('an hour later with every symptom back: the settings are still right, and no action runs again inside its cooldown', async () => {
      const device = new Device(profiles['everything-broken']!, { continues: true });
      await round(device);
      device.symptomsBack(AN_HOUR_LATER);
      const again = await round(device);
      assert.deepEqual(actionsOf(again), []);
      const summary = again.summaries[`${DEVICE}/remediate`]!;
      for (const id of ['resync-clock', 'repair-join', 'flush-dns']) assert.match(summary, new RegExp(`${id} in cooldown until `));
      assert.deepEqual(writes(again.runs[`${DEVICE}/remediate`]!), [], 'the TLS values written in the first round are still right');
    });
  });
});
