/**
 * The examples/ catalog (beside remediations/, not part of the default build): real admin jobs written with
 * the issue-18 kinds and the issue-19 settings (Defender, local groups, features; the issue-19 reporting ones run in examples-health.spec.ts). Each example loads and passes the check stage, its generated scripts pass the 5.1 lint
 * rules, and it runs in the engine on its own device profiles: the healthy one is compliant and left alone,
 * the broken one is non-compliant, remediated, compliant again, and a second remediation changes nothing.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Remediation } from '../../generator/descriptor/remediation.ts';
import { bundledProfiles, loadProfile } from '../../generator/engine/preflight.ts';
import { formatFinding, lintFiles } from '../../generator/lint/index.ts';
import { roomOf } from '../../generator/steps/index.ts';
import { Device, intuneScripts } from '../support/engine.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { REPO } from '../support/temp-catalog.ts';

const EXAMPLES = join(REPO, 'examples');
const IDS = ['app-config-json', 'consumer-appx', 'crash-dumps-every-profile', 'defender-protection', 'desktop-shortcut', 'ime-service', 'ini-setting', 'local-admins', 'netfx3', 'old-agent-uninstall', 'print-spooler-reset', 'teams-cache', 'tray-agent-start', 'update-pause', 'update-policy-removed'];
/** Examples that report (and ask) rather than fix: spec/catalog/examples-health.spec.ts runs them; their profiles are named by example. */
const REPORTING = ['certificates-expiring', 'low-disk-space', 'restart-reminder-device', 'restart-reminder-user'];
const REPORTING_PROFILES = ['certificates-expiring', 'low-disk-space', 'restart-reminder'];
/** Seams that change the device: a healthy device sees none, a second remediation none either. */
const CHANGING = /^(Set-|Write-|Remove-|Move-|Stop-|Start-|Save-|Enable-|Add-|Update-)/;

describe('the examples/ catalog', function () {
  this.timeout(300_000);
  let examples: Map<string, Remediation>;

  before(async () => {
    const { catalog, diagnostics } = await loadAndCheck(EXAMPLES);
    assert.deepEqual(diagnostics, []);
    examples = new Map(catalog.remediations.map((r) => [r.remediation.id, r.remediation]));
  });

  it('holds the examples, each with a healthy and a broken device profile', () => {
    assert.deepEqual([...examples.keys()].sort(), [...IDS, ...REPORTING].sort());
    assert.deepEqual(bundledProfiles(EXAMPLES), [...IDS, ...REPORTING_PROFILES].sort().flatMap((id) => [`${id}-broken`, `${id}-healthy`]));
  });

  it('explains every step in plain words', () => {
    for (const r of examples.values()) {
      for (const step of r.steps) {
        const { detects, changes } = roomOf(step).explain(step);
        assert.ok(detects.length > 20 && changes.length > 10, `${r.id}/${step.id}: ${detects} / ${changes}`);
        assert.doesNotMatch(`${detects} ${changes}`, /undefined|\[object/);
      }
    }
  });

  it('remgen explain says what the shortcut, ini and tray-agent examples do, in plain words', async () => {
    // The CLI's main in this worker (spec/cli.spec.ts runs explain as a real child).
    const explain = async (id: string): Promise<string> => (await remgenInProcess(['explain', id, '--catalog', 'examples'], REPO)).stdout;
    assert.match(await explain('desktop-shortcut'), /shortcut Contoso Helpdesk on every user's desktop \(%PUBLIC%\\Desktop\) opens %ProgramFiles\(x86\)%\\Microsoft\\Edge\\Application\\msedge\.exe https:\/\/helpdesk\.contoso\.com\//);
    assert.match(await explain('desktop-shortcut'), /deletes IT Support\.lnk from every user's desktop/);
    assert.match(await explain('ini-setting'), /replaces the first line matching \(\?i\)\^\\s\*server\\s\*= with Server=agent\.contoso\.com \(dropping later matches\); when none matches, puts Server=agent\.contoso\.com after the first line matching/);
    assert.match(await explain('tray-agent-start'), /starts %ProgramFiles%\\Contoso\\VPN\\ContosoVpnTray\.exe \/minimized as the signed-in user \(at most once per 1 hour/);
  });

  for (const id of IDS) {
    it(`${id}: lint-clean scripts; healthy untouched; broken remediated, verified, and left alone by a second run`, async () => {
      const scripts = await intuneScripts(examples.get(id)!);
      assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
      const healthy = new Device(await loadProfile(`${id}-healthy`, EXAMPLES));
      const ok = await healthy.run(scripts.detect);
      assert.equal(ok.exitCode, 0, `${id} healthy detect: ${ok.output.join('\n')}`);
      const untouched = await healthy.run(scripts.remediate);
      assert.equal(untouched.exitCode, 0, untouched.output.join('\n'));
      assert.deepEqual(untouched.calls.filter((c) => CHANGING.test(c.Seam) && c.Seam !== 'Write-RgRegistryData').map((c) => c.Seam), []);

      const broken = new Device(await loadProfile(`${id}-broken`, EXAMPLES), { continues: true });
      const before = await broken.run(scripts.detect);
      assert.equal(before.exitCode, 1, `${id} broken detect: ${before.output.join('\n')}`);
      const fix = await broken.run(scripts.remediate);
      assert.equal(fix.exitCode, 0, `${id} remediate: ${fix.output.join('\n')}\n${fix.log.join('\n')}`);
      assert.match(fix.output[0]!, /^REMEDIATED /);
      const after = await broken.run(scripts.detect);
      assert.equal(after.exitCode, 0, `${id} detect after: ${after.output.join('\n')}`);
      const again = await broken.run(scripts.remediate);
      assert.equal(again.exitCode, 0);
      assert.deepEqual(again.calls.filter((c) => CHANGING.test(c.Seam) && c.Seam !== 'Write-RgRegistryData').map((c) => c.Seam), [], `${id}: a second run changes nothing`);
    });
  }
});
