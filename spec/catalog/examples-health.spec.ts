/**
 * The examples/ that report and ask rather than fix (issue 19): certificates expiring within 30 days, less than
 * 10 GB free with the biggest cleanup targets, and the restart reminder bundle (a device package that reports the
 * uptime, a user package that asks the user with a toast). Each loads and checks with the rest of examples/, its
 * scripts pass the 5.1 lint rules, and it runs on its healthy and broken profiles: healthy passes and is left
 * alone; broken is reported with its findings, and no remediation changes anything but what the example asks
 * (the user package's one notice, then nothing inside its cooldown). `remgen explain` says it in plain words.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Remediation } from '../../generator/descriptor/remediation.ts';
import { loadProfile } from '../../generator/engine/preflight.ts';
import { formatFinding, lintFiles } from '../../generator/lint/index.ts';
import { Device, intuneScripts } from '../support/engine.ts';
import { remgen, REPO } from '../support/temp-catalog.ts';

const EXAMPLES = join(REPO, 'examples');
const CHANGING = /^(Set-|Write-|Remove-|Move-|Stop-|Start-|Save-|Enable-|Show-)/;
const changes = (run: { calls: readonly { Seam: string }[] }): string[] => run.calls.filter((c) => CHANGING.test(c.Seam)).map((c) => c.Seam);

describe('the examples/ that report and ask (issue 19)', function () {
  this.timeout(300_000);
  let examples: Map<string, Remediation>;
  const scripts = new Map<string, { detect: string; remediate: string }>();
  before(async () => {
    const { catalog, diagnostics } = await loadAndCheck(EXAMPLES);
    assert.deepEqual(diagnostics, []);
    examples = new Map(catalog.remediations.map((r) => [r.remediation.id, r.remediation]));
    for (const id of ['certificates-expiring', 'low-disk-space', 'restart-reminder-device', 'restart-reminder-user']) scripts.set(id, await intuneScripts(examples.get(id)!));
  });

  it('their generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const files = [...scripts.values()].flatMap((s) => [s.detect, s.remediate]);
    assert.deepEqual((await lintFiles(files)).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('certificates-expiring: healthy passes; broken names the certificate expiring in 12 days and the expired one; nothing is changed', async () => {
    const { detect, remediate } = scripts.get('certificates-expiring')!;
    const healthy = new Device(await loadProfile('certificates-expiring-healthy', EXAMPLES));
    assert.equal((await healthy.run(detect)).exitCode, 0);
    const broken = new Device(await loadProfile('certificates-expiring-broken', EXAMPLES), { continues: true });
    const found = await broken.run(detect);
    assert.equal(found.exitCode, 1);
    assert.match(found.output[0]!, /2 of 2 checks failed: workstation-cert \(is CN=PC-0142\.contoso\.com \[7C0D4E2B\] expires 2026-03-22; CN=PC-0142\.contoso\.com \[A5B4C3D2\] expired 2026-01-14, want none expiring within 30 days\); contoso-issued \(is /);
    const fix = await broken.run(remediate);
    assert.equal(fix.exitCode, 1);
    assert.deepEqual(changes(fix), []);
  });

  it('low-disk-space: healthy passes without measuring a folder; broken names the three biggest targets, biggest first', async () => {
    const { detect, remediate } = scripts.get('low-disk-space')!;
    const healthy = await new Device(await loadProfile('low-disk-space-healthy', EXAMPLES)).run(detect);
    assert.equal(healthy.exitCode, 0, healthy.output.join('\n'));
    assert.deepEqual(healthy.calls.filter((c) => c.Seam === 'Get-RgFolderFiles'), []);
    const broken = new Device(await loadProfile('low-disk-space-broken', EXAMPLES), { continues: true });
    const found = await broken.run(detect);
    assert.equal(found.exitCode, 1);
    assert.match(found.output[0]!, /c-has-10-gb \(is 4\.2 GB free of 118\.0 GB \(4%\); largest: %SystemRoot%\\SoftwareDistribution\\Download 7\.2 GB, %SystemRoot%\\Logs\\CBS 3\.0 GB, %ProgramData%\\Microsoft\\Windows\\WER\\ReportQueue 1\.2 GB, want at least 10\.0 GB free\)/);
    assert.deepEqual(changes(await broken.run(remediate)), []);
  });

  it('restart-reminder: healthy passes in both packages and nobody is asked; broken is reported by the device package and asked once by the user package, then not again within the day', async () => {
    const deviceScripts = scripts.get('restart-reminder-device')!;
    const userScripts = scripts.get('restart-reminder-user')!;
    const healthy = new Device(await loadProfile('restart-reminder-healthy', EXAMPLES), { continues: true });
    assert.equal((await healthy.run(deviceScripts.detect)).exitCode, 0);
    assert.equal((await healthy.run(userScripts.detect)).exitCode, 0);
    assert.deepEqual(changes(await healthy.run(userScripts.remediate)), []);

    const broken = new Device(await loadProfile('restart-reminder-broken', EXAMPLES), { continues: true });
    const reported = await broken.run(deviceScripts.detect);
    assert.equal(reported.exitCode, 1);
    assert.match(reported.output[0]!, /2 of 2 checks failed: up-at-most-14-days \(is up 23\.0 days \(started 2026-02-17 08:05 UTC\), want up at most 14 days\); no-restart-pending \(is restart pending: Windows Update \(RebootRequired\), file renames \(2\), want no restart pending\)/);
    assert.deepEqual(changes(await broken.run(deviceScripts.remediate)), []);
    const asked = await broken.run(userScripts.remediate);
    assert.equal(asked.exitCode, 1, 'the device is not restarted yet');
    assert.match(asked.output[0]!, /1 action\(s\) taken: ask-to-restart/);
    assert.deepEqual(asked.calls.filter((c) => c.Seam === 'Show-RgToast').map((c) => c.Arguments.AppId), ['Contoso.RestartReminder']);
    const later = await broken.run(userScripts.remediate);
    assert.deepEqual(later.calls.filter((c) => c.Seam === 'Show-RgToast'), []);
    assert.match(later.output[0]!, /ask-to-restart in cooldown until/);
  });

  it('remgen explain says what each does in plain words', () => {
    const explain = (id: string): string => remgen(['explain', id, '--catalog', 'examples'], REPO).stdout;
    assert.match(explain('certificates-expiring'), /none of the certificates in LocalMachine\\My with template 1\.3\.6\.1\.4\.1\.311\.21\.8\.[\d.]+ expires within 30 days \(one already expired fails too\); a device without such a certificate fails/);
    assert.match(explain('low-disk-space'), /drive C: has at least 10 GB free; when it has less, the finding names the 3 biggest of %SystemRoot%\\SoftwareDistribution\\Download/);
    const user = explain('restart-reminder-user');
    assert.match(user, /runs as the signed-in user/);
    assert.match(user, /shows the signed-in user a notice "Please restart your PC today" from Contoso IT with a "Restart now" button \(restarts after 60 seconds\) and a snooze, at most once per 1 day/);
    assert.match(explain('restart-reminder'), /restart-reminder-device: Restart reminder: uptime reported/);
  });
});
