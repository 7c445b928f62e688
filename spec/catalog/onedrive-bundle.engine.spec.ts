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
import { createEngine, type PowerShellEngine } from '../../generator/engine/index.ts';
import { assertSummaryLine, bundledOut, bundledProfile, Device, engine } from '../support/engine.ts';
import { stripBuild } from '../support/summary-line.ts';

const BUNDLE = 'onedrive-0x8004de40';
const DEVICE = `${BUNDLE}-device`;
const USER = `${BUNDLE}-user`;
/** The TLS inspection and proxy profiles. */
const TLS_PROFILES = ['tls-digicert-g2', 'tls-microsoft-rsa-2017', 'tls-antivirus', 'tls-enterprise-proxy', 'proxy-tunnel', 'proxy-407', 'proxy-timeout'];
/** The profiles' clock is 08:00 UTC. */
const AN_HOUR_LATER = '2026-12-01T09:00:00Z';

/** What an action does on the device, as seam calls: the names are the actions of the bundle. */
const ACTION_CALLS: Readonly<Record<string, (call: Simulation['calls'][number]) => boolean>> = {
  'resync-clock': (c) => c.Seam === 'Invoke-RgNativeCommand' && c.Arguments.FilePath === 'w32tm.exe' && JSON.stringify(c.Arguments.ArgumentList) === '["/resync"]',
  'repair-join': (c) => c.Seam === 'Start-RgScheduledTask' && c.Arguments.TaskName === 'Automatic-Device-Join',
  'flush-dns': (c) => c.Seam === 'Invoke-RgNativeCommand' && c.Arguments.FilePath === 'ipconfig.exe',
  'clear-credentials': (c) => c.Seam === 'Invoke-RgNativeCommand' && c.Arguments.FilePath === 'cmdkey.exe' && String((c.Arguments.ArgumentList as string[])[0]).startsWith('/delete:'),
  'reset-onedrive': (c) => c.Seam === 'Start-RgProcess' && JSON.stringify(c.Arguments.ArgumentList) === '["/reset"]',
};

/** The actions a run took on the device, by their seam calls (never by what the script says it did). */
const actionsIn = (run: Simulation): string[] =>
  Object.entries(ACTION_CALLS).filter(([, isIt]) => run.calls.some(isIt)).map(([id]) => id);

const writes = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Write-RgRegistryData' && !String(c.Arguments.SubKey).startsWith('SOFTWARE\\remgen'));

interface Round {
  readonly runs: Record<string, Simulation>;
  readonly summaries: Record<string, string>;
}

// Under the suite's engine (a served pwsh where one can be had) and, when that is not already it, under the
// embedded engine host too: Core-only, so a runtime that used a module command outside its seams fails here.
const ENGINES: readonly (() => PowerShellEngine)[] = [engine, ...(engine().name === 'host' ? [] : [() => createEngine('host')])];

for (const engineOf of ENGINES) describe(`engine (${engineOf().name}): the ${BUNDLE} bundle on whole simulated devices`, function () {
  this.timeout(300_000);
  const runner = engineOf();
  const script: Record<string, string> = {};
  const profiles: Record<string, DeviceProfile> = {};

  before(async () => {
    const out = await bundledOut();
    for (const pkg of [DEVICE, USER]) {
      script[`${pkg}/detect`] = join(out, 'intune', pkg, 'detect.ps1');
      script[`${pkg}/remediate`] = join(out, 'intune', pkg, 'remediate.ps1');
    }
    for (const name of ['healthy', 'tls-off', 'stale-credentials', 'broken-hybrid-join', 'skewed-clock', 'onedrive-not-installed', 'everything-broken', ...TLS_PROFILES]) {
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
      const r = await round(new Device(profiles.healthy!, { continues: true, engine: runner }));
      assert.deepEqual(Object.keys(r.runs), [`${DEVICE}/detect`, `${USER}/detect`]);
      assert.equal(stripBuild(r.summaries[`${DEVICE}/detect`]), `COMPLIANT ${DEVICE}: all 21 checks passed`);
      assert.equal(stripBuild(r.summaries[`${USER}/detect`]), `COMPLIANT ${USER}: all 6 checks passed`);
      assert.deepEqual(actionsOf(r), []);
      assert.deepEqual(Object.values(r.runs).flatMap(writes), []);
    });
  });

  describe('GIVEN TLS off (an old Windows 10 image)', () => {
    it('the device package sets the 12 TLS values and puts the Front Door suites first, TLS 1.3 not applicable, a restart needed; the user package ticks TLS 1.2 keeping the rest; no action runs', async () => {
      const device = new Device(profiles['tls-off']!, { continues: true, engine: runner });
      const r = await round(device);
      assert.equal(r.runs[`${DEVICE}/detect`]!.exitCode, 1);
      const detect = r.summaries[`${DEVICE}/detect`]!;
      assert.match(stripBuild(detect), new RegExp(`^NON-COMPLIANT ${DEVICE}: 13 of 21 checks failed: schannel-tls12-client-enabled \\(is missing \\(no key\\)`));
      assert.match(detect, /front-door-cipher-suites \(is /);
      assert.doesNotMatch(detect, /schannel-tls13-client/, 'TLS 1.3 on build 19045 is not applicable, so not a finding');
      assert.equal(r.runs[`${DEVICE}/remediate`]!.exitCode, 0);
      assert.match(stripBuild(r.summaries[`${DEVICE}/remediate`]), new RegExp(`^REMEDIATED ${DEVICE}: fixed 13 of 21 checks \\(.*front-door-cipher-suites\\); all passed now; restart required to take effect$`));
      assert.equal(writes(r.runs[`${DEVICE}/remediate`]!).length, 12, 'no SCHANNEL TLS 1.3 keys on Windows 10');
      assert.deepEqual(r.runs[`${DEVICE}/remediate`]!.state.cipherSuites.order.slice(0, 4), ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']);
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      assert.equal(r.runs[`${USER}/remediate`]!.exitCode, 0);
      const secure = writes(r.runs[`${USER}/remediate`]!);
      assert.deepEqual(secure.map((c) => [c.Arguments.Hive, c.Arguments.Name, c.Arguments.Value]), [['HKCU', 'SecureProtocols', 0xa0 | 0x800]]);
      assert.equal(r.runs[`${USER}/detect-again`]!.exitCode, 0);
      assert.deepEqual(actionsOf(r), []);
    });
  });

  describe('GIVEN stale cached credentials and OneDrive not signed in', () => {
    it('the user package deletes the two cached tokens, resets OneDrive once, and the silent sign-in afterwards makes detection pass; the device package has nothing to do', async () => {
      const device = new Device(profiles['stale-credentials']!, { continues: true, engine: runner });
      const r = await round(device);
      assert.equal(stripBuild(r.summaries[`${DEVICE}/detect`]), `COMPLIANT ${DEVICE}: all 21 checks passed`);
      assert.match(stripBuild(r.summaries[`${USER}/detect`]), new RegExp(`^NON-COMPLIANT ${USER}: 3 of 6 checks failed: onedrive-signed-in \\(is OneDrive installed at .*no work or school account signed in`));
      assert.match(r.summaries[`${USER}/detect`]!, /clear-credentials \(is 2 cached: OneDrive Cached Credential Business - Business1, MicrosoftOffice16_Data:ADAL:/);
      const remediation = r.runs[`${USER}/remediate`]!;
      assert.equal(remediation.exitCode, 0);
      assert.equal(stripBuild(r.summaries[`${USER}/remediate`]), `REMEDIATED ${USER}: fixed 2 of 6 checks (clear-credentials, reset-onedrive); all passed now; 2 action(s) taken: clear-credentials, reset-onedrive`);
      assert.equal(remediation.calls.filter(ACTION_CALLS['clear-credentials']!).length, 2);
      assert.equal(remediation.calls.filter(ACTION_CALLS['reset-onedrive']!).length, 1);
      assert.ok(remediation.calls.some((c) => c.Seam === 'Stop-RgProcess'), 'the running OneDrive is stopped before the reset');
      assert.equal(r.runs[`${USER}/detect-again`]!.exitCode, 0);
      assert.deepEqual(actionsOf(r), ['clear-credentials', 'reset-onedrive']);
    });
  });

  describe('GIVEN OneDrive not installed', () => {
    it('both packages are compliant: nothing to check for OneDrive, no reset, no process touched', async () => {
      const r = await round(new Device(profiles['onedrive-not-installed']!, { continues: true, engine: runner }));
      assert.deepEqual(Object.keys(r.runs), [`${DEVICE}/detect`, `${USER}/detect`]);
      assert.equal(stripBuild(r.summaries[`${USER}/detect`]), `COMPLIANT ${USER}: all 6 checks passed`);
      const detect = r.runs[`${USER}/detect`]!;
      assert.ok(detect.log.some((l) => l.includes('OneDrive is not installed')), detect.log.join('\n'));
      assert.deepEqual(detect.calls.filter((c) => /-RgProcess$/.test(c.Seam) && c.Seam !== 'Get-RgProcess'), []);
    });
  });

  describe('GIVEN a broken hybrid join (DeviceAuthStatus FAILED)', () => {
    it('the remediation starts Automatic-Device-Join once and verifies the join by reading dsregcmd again; detection then passes', async () => {
      const device = new Device(profiles['broken-hybrid-join']!, { continues: true, engine: runner });
      const r = await round(device);
      assert.match(r.summaries[`${DEVICE}/detect`]!, /checks failed: entra-joined \(is hybrid joined \(DomainName CONTOSO\), DeviceAuthStatus FAILED\. Device is either disabled or deleted, want /);
      assert.equal(stripBuild(r.summaries[`${DEVICE}/remediate`]), `REMEDIATED ${DEVICE}: fixed 1 of 21 checks (repair-join); all passed now; 1 action(s) taken: repair-join`);
      assert.equal(r.runs[`${DEVICE}/remediate`]!.calls.filter(ACTION_CALLS['repair-join']!).length, 1);
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      assert.deepEqual(Object.keys(r.runs).filter((k) => k.startsWith(USER)), [`${USER}/detect`]);
      assert.deepEqual(actionsOf(r), ['repair-join']);
    });

    it('an hour later with the join broken again: the task is not started again inside its 1-day cooldown, and the summary says until when', async () => {
      const device = new Device(profiles['broken-hybrid-join']!, { continues: true, engine: runner });
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
      const device = new Device(profiles['skewed-clock']!, { continues: true, engine: runner });
      const r = await round(device);
      assert.match(r.summaries[`${DEVICE}/detect`]!, /clock-in-sync \(is device clock 600 s behind https:\/\/login\.microsoftonline\.com\//);
      assert.equal(stripBuild(r.summaries[`${DEVICE}/remediate`]), `REMEDIATED ${DEVICE}: fixed 1 of 21 checks (resync-clock); all passed now; 1 action(s) taken: resync-clock`);
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      assert.deepEqual(actionsOf(r), ['resync-clock']);
      device.symptomsBack(AN_HOUR_LATER);
      const again = await round(device);
      assert.deepEqual(actionsOf(again), []);
      assert.match(again.summaries[`${DEVICE}/remediate`]!, /resync-clock in cooldown until /);
    });
  });

  describe('GIVEN everything broken at once', () => {
    it('the device package fixes TLS and the cipher order, sets W32Time to Automatic, starts it and resyncs, repairs the join and flushes DNS, each once; the user package then finds the names resolving, clears the tokens and resets OneDrive, and says the sign-in is still missing', async () => {
      const device = new Device(profiles['everything-broken']!, { continues: true, engine: runner });
      const r = await round(device);
      assert.match(stripBuild(r.summaries[`${DEVICE}/detect`]), new RegExp(`^NON-COMPLIANT ${DEVICE}: 19 of 21 checks failed: `));
      assert.equal(r.runs[`${DEVICE}/remediate`]!.exitCode, 0);
      assert.match(r.summaries[`${DEVICE}/remediate`]!, /; all passed now; restart required to take effect; 3 action\(s\) taken: resync-clock, repair-join, flush-dns$/);
      assert.ok(r.runs[`${DEVICE}/remediate`]!.calls.some((c) => c.Seam === 'Set-RgServiceStartType' && c.Arguments.Name === 'W32Time' && c.Arguments.StartType === 'Automatic'));
      assert.ok(r.runs[`${DEVICE}/remediate`]!.calls.some((c) => c.Seam === 'Start-RgService' && c.Arguments.Name === 'W32Time'));
      assert.equal(r.runs[`${DEVICE}/detect-again`]!.exitCode, 0);
      // The user package runs after the device package: the flush has made login.windows.net resolve. The
      // reset worked, but the user has to sign in: the remediation says so rather than claiming a fix.
      const user = r.summaries[`${USER}/remediate`]!;
      assert.equal(r.runs[`${USER}/remediate`]!.exitCode, 1);
      assert.match(stripBuild(user), new RegExp(`^FAILED ${USER}: 1 of 6 checks still failed: onedrive-signed-in \\(is OneDrive installed at .*; 2 action\\(s\\) taken: clear-credentials, reset-onedrive$`));
      assert.doesNotMatch(user, /m365-endpoints/);
      assert.equal(r.runs[`${USER}/detect-again`]!.exitCode, 1);
      assert.deepEqual(actionsOf(r), ['resync-clock', 'repair-join', 'flush-dns', 'clear-credentials', 'reset-onedrive']);
    });

    it('an hour later with every symptom back: the settings are still right, and no action runs again inside its cooldown', async () => {
      const device = new Device(profiles['everything-broken']!, { continues: true, engine: runner });
      await round(device);
      device.symptomsBack(AN_HOUR_LATER);
      const again = await round(device);
      assert.deepEqual(actionsOf(again), []);
      const summary = again.summaries[`${DEVICE}/remediate`]!;
      for (const id of ['resync-clock', 'repair-join', 'flush-dns']) assert.match(summary, new RegExp(`${id} in cooldown until `));
      assert.match(again.summaries[`${USER}/remediate`]!, /clear-credentials in cooldown until 2026-12-02 08:\d\d UTC; reset-onedrive in cooldown until 2026-12-08 08:\d\d UTC/);
      assert.deepEqual(writes(again.runs[`${DEVICE}/remediate`]!), [], 'the TLS values written in the first round are still right');
      assert.deepEqual(again.runs[`${DEVICE}/remediate`]!.calls.filter((c) => c.Seam === 'Enable-RgTlsCipherSuite'), [], 'and so is the cipher order');
    });
  });
  describe('GIVEN TLS to the sign-in endpoints seen through each context\'s route', () => {
    const chainReads = (run: Simulation) => run.calls.filter((c) => c.Seam === 'Get-RgTlsChain').map((c) => `${String(c.Arguments.HostName)}${c.Arguments.Proxy ? ` via ${c.Arguments.Proxy as string}` : ''}`);
    const HOSTS = ['login.microsoftonline.com', 'device.login.microsoftonline.com', 'enterpriseregistration.windows.net'];

    for (const [name, root] of [['tls-digicert-g2', 'DigiCert Global Root G2'], ['tls-microsoft-rsa-2017', 'Microsoft RSA Root Certificate Authority 2017']] as const) {
      it(`Microsoft's chains under ${root}, direct: both packages compliant, each endpoint read once per package, the root named in the log`, async () => {
        const r = await round(new Device(profiles[name]!, { continues: true, engine: runner }));
        assert.deepEqual(Object.keys(r.runs), [`${DEVICE}/detect`, `${USER}/detect`]);
        for (const pkg of [DEVICE, USER]) {
          const run = r.runs[`${pkg}/detect`]!;
          assert.deepEqual(chainReads(run), HOSTS);
          assert.ok(run.log.some((l) => l.includes(`no-tls-inspection: compliant (all 3 chains end at Microsoft's CAs: login.microsoftonline.com (${root})`)), run.log.join('\n'));
        }
      });
    }

    it('an antivirus root the machine trusts: both packages non-compliant, the endpoint and the root named, nothing remediated or run for it', async () => {
      const r = await round(new Device(profiles['tls-antivirus']!, { continues: true, engine: runner }));
      for (const pkg of [DEVICE, USER]) {
        assert.match(stripBuild(r.summaries[`${pkg}/detect`]), new RegExp(`^NON-COMPLIANT ${pkg}: 1 of \\d+ checks failed: no-tls-inspection \\(is login\\.microsoftonline\\.com intercepted: root CN=Norton Web/Mail Shield Root, O=Gen Digital Inc\\., C=US is not a Microsoft CA; `));
        assert.equal(r.runs[`${pkg}/remediate`]!.exitCode, 1, 'a probe cannot fix it: the remediation fails and says so');
        assert.match(stripBuild(r.summaries[`${pkg}/remediate`]), new RegExp(`^FAILED ${pkg}: 1 of \\d+ checks still failed: no-tls-inspection `));
      }
      assert.deepEqual(actionsOf(r), []);
      assert.deepEqual(Object.values(r.runs).flatMap(writes), []);
    });

    it('an inspecting proxy in the user\'s Internet Options only: SYSTEM goes direct and passes; the user goes through proxy.contoso.com:8080 and the enterprise root is named', async () => {
      const r = await round(new Device(profiles['tls-enterprise-proxy']!, { continues: true, engine: runner }));
      assert.equal(r.runs[`${DEVICE}/detect`]!.exitCode, 0);
      assert.deepEqual(chainReads(r.runs[`${DEVICE}/detect`]!), HOSTS);
      assert.ok(r.runs[`${DEVICE}/detect`]!.log.some((l) => l.includes('no-tls-inspection: SYSTEM goes direct (WinHTTP)')));
      const user = r.summaries[`${USER}/detect`]!;
      assert.deepEqual(chainReads(r.runs[`${USER}/detect`]!), HOSTS.map((h) => `${h} via proxy.contoso.com:8080`));
      assert.match(user, /no-tls-inspection \(is login\.microsoftonline\.com via proxy\.contoso\.com:8080 intercepted: root CN=Contoso TLS Inspection Root, O=Contoso Ltd, C=US is not a Microsoft CA; /);
      assert.match(user, /; the user through proxy\.contoso\.com:8080 \(WinINet\), want every endpoint/);
      // The endpoints probe says the same routes side by side.
      assert.ok(r.runs[`${USER}/detect`]!.log.some((l) => l.includes('the user through proxy.contoso.com:8080 (WinINet), SYSTEM goes direct (WinHTTP)')), r.runs[`${USER}/detect`]!.log.join('\n'));
    });

    it('an explicit proxy that tunnels without inspecting (English netsh): both contexts CONNECT through it and pass', async () => {
      const r = await round(new Device(profiles['proxy-tunnel']!, { continues: true, engine: runner }));
      assert.deepEqual(Object.keys(r.runs), [`${DEVICE}/detect`, `${USER}/detect`]);
      for (const pkg of [DEVICE, USER]) assert.deepEqual(chainReads(r.runs[`${pkg}/detect`]!), HOSTS.map((h) => `${h} via proxy.contoso.com:8080`));
      assert.ok(r.runs[`${DEVICE}/detect`]!.log.some((l) => l.includes('no-tls-inspection: SYSTEM through proxy.contoso.com:8080 (WinHTTP)')));
    });

    it('a proxy that answers 407 (German netsh for SYSTEM): proxy authentication required in both packages, never a TLS finding', async () => {
      const r = await round(new Device(profiles['proxy-407']!, { continues: true, engine: runner }));
      for (const pkg of [DEVICE, USER]) {
        const summary = r.summaries[`${pkg}/detect`]!;
        assert.match(summary, /no-tls-inspection \(is login\.microsoftonline\.com: the proxy proxy\.contoso\.com:8080 requires authentication \(407 Proxy Authentication Required\); the certificate was not read; /);
        assert.doesNotMatch(summary, /intercepted|TLS answer/);
      }
      assert.match(r.summaries[`${DEVICE}/detect`]!, /SYSTEM through proxy\.contoso\.com:8080 \(WinHTTP\), want/);
    });

    it('a proxy that never answers CONNECT: each endpoint not checked, with the timeout, in both packages', async () => {
      const r = await round(new Device(profiles['proxy-timeout']!, { continues: true, engine: runner }));
      for (const pkg of [DEVICE, USER]) {
        assert.match(r.summaries[`${pkg}/detect`]!, /no-tls-inspection \(is login\.microsoftonline\.com: not checked via proxy\.contoso\.com:8080 \(the proxy proxy\.contoso\.com:8080 did not answer CONNECT within 5000 ms\); /);
      }
    });
  });
});
