/**
 * The restartNotice room (action, user context): a toast asking the signed-in user to restart, gated by a probe
 * (deviceUptime here), at most once per cooldown, verified in the user's notification history; on simulated
 * devices whose notifications the profile describes.
 */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { deviceUptime } from '../../../generator/steps/health/device-uptime.ts';
import { restartNotice, restartNoticeRoom } from '../../../generator/steps/notices/restart-notice.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const issues = (check: (issue: (path: readonly (string | number)[], message: string) => void) => void): string[] => {
  const found: string[] = [];
  check((path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const base = { gate: { probes: ['up-14'] }, cooldown: 'P1D' } as const;
const notice = (more: Partial<Parameters<typeof restartNotice>[0]> = {}) =>
  restartNotice({ id: 'ask-restart', noticeTitle: 'Please restart your PC', text: 'It has run for over two weeks. Save your work & restart <today>.', ...base, ...more });
const CLOCK = '2026-03-10T12:00:00Z';
const toasts = (run: Simulation) => (run.state.carried.Toasts ?? []) as { AppId: string; Tag: string; Xml: string }[];
const value = (run: Simulation, path: string, name: string) => run.state.registry.find((e) => e.path === path && e.name === name)?.value;

describe('step room: restartNotice (rules)', () => {
  it('category, context, the step table', () => {
    assert.equal(restartNoticeRoom.category, 'action');
    assert.equal(restartNoticeRoom.contextOf(notice()), 'user');
    assert.deepEqual(restartNoticeRoom.toData(notice()), {
      NoticeTitle: 'Please restart your PC', Text: 'It has run for over two weeks. Save your work & restart <today>.', RestartNow: true, RestartNowText: 'Restart now',
      RestartDelaySeconds: 60, Snooze: true, SenderName: 'IT department', AppId: 'remgen.RestartNotice',
    });
  });

  it('check(): no button, an empty or non-ASCII text, a delay out of range, a bad app id', () => {
    assert.deepEqual(issues((i) => restartNoticeRoom.check(notice({ restartNow: false, snooze: false, text: ' ', noticeTitle: 'Neu starten \u2013 bitte', restartDelaySeconds: 5, appId: 'a b' }), i)), [
      'noticeTitle: noticeTitle "Neu starten \u2013 bitte" has characters outside printable ASCII: write it in plain ASCII (quotes and & are fine)',
      'text: text is empty: the user would see a blank line',
      ': the restartNotice step "ask-restart" has no button: keep restartNow, snooze or both',
      'restartDelaySeconds: restartDelaySeconds 5 must be a whole number of seconds from 10 to 600 (time to save work)',
      "appId: appId \"a b\" is not an app id remgen registers: letters, digits, dots and dashes, e.g. 'Contoso.RestartNotice'",
    ]);
    assert.deepEqual(issues((i) => restartNoticeRoom.check(notice({ restartNow: false }), i)), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(restartNoticeRoom.explain(notice({ senderName: 'Contoso IT' })), {
      detects: 'the user should be asked to restart, while up-14 reports the symptom',
      changes: 'shows the signed-in user a notice "Please restart your PC" from Contoso IT with a "Restart now" button (restarts after 60 seconds) and a snooze, at most once per 1 day; ' +
        "checks that the notice reached the user's notifications; nothing restarts unless the user chooses it, so the device stays non-compliant until then",
    });
    assert.match(restartNoticeRoom.explain(notice({ restartNow: false })).changes, /from IT department with a snooze, at most/);
  });
});

describe('step room: restartNotice gated by deviceUptime, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'restart-notice-room', displayName: 'restart notice', description: 'Ask the user to restart after 14 days.', publisher: 'spec', context: 'user',
    steps: [deviceUptime({ id: 'up-14', maxDays: 14 }), notice({ senderName: 'Contoso IT' })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const fresh = { name: 'fresh', description: 'spec', clock: CLOCK, lastBootTime: '2026-03-08T07:00:00Z' };
  const stale = { name: 'stale', description: 'spec', clock: CLOCK, lastBootTime: '2026-02-10T07:00:00Z' };

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules (the toast seams\' Windows Runtime types included)', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('restarted lately: no notice', async () => {
    const device = new Device(fresh, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(calls(fix, 'Show-RgToast'), []);
  });

  it('up 28 days: the sender and the restart link registered, the toast shown (escaped XML, both buttons) and found in the history; the cooldown holds it back the next run', async () => {
    const device = new Device(stale, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /up-14 \(is up 28\.2 days/);
    const fix = await device.run(scripts.remediate);
    // The device is still not restarted: the remediation says so; the action ran.
    assert.equal(fix.exitCode, 1, fix.output.join('\n'));
    assert.match(fix.output[0]!, /1 action\(s\) taken: ask-restart/);
    const shown = calls(fix, 'Show-RgToast');
    assert.equal(shown.length, 1);
    const xml = String(shown[0]!.Arguments.Xml);
    assert.match(xml, /^<toast scenario="reminder">/);
    assert.ok(xml.includes('<text>It has run for over two weeks. Save your work &amp; restart &lt;today&gt;.</text>'), xml);
    assert.ok(xml.includes('<action content="Restart now" activationType="protocol" arguments="remgen-restart:"/>'), xml);
    assert.ok(xml.includes('activationType="system" arguments="snooze"'), xml);
    assert.equal(value(fix, 'HKCU\\Software\\Classes\\AppUserModelId\\remgen.RestartNotice', 'DisplayName'), 'Contoso IT');
    assert.equal(value(fix, 'HKCU\\Software\\Classes\\remgen-restart', 'URL Protocol'), '');
    assert.equal(value(fix, 'HKCU\\Software\\Classes\\remgen-restart\\shell\\open\\command', ''), '"C:\\WINDOWS\\System32\\shutdown.exe" /r /t 60');
    assert.deepEqual(toasts(fix).map((t) => t.Tag), ['remgen-restart']);
    const again = await device.run(scripts.remediate);
    assert.deepEqual(calls(again, 'Show-RgToast'), []);
    assert.match(again.output[0]!, /ask-restart in cooldown until/);
    assert.deepEqual(calls(again, 'Write-RgRegistryData').filter((c) => String(c.Arguments.SubKey).startsWith('Software\\Classes')), []);
  });

  it('snooze only: no restart link registered, no restart button', async () => {
    const snoozeOnly = await intuneScripts(defineRemediation({
      id: 'restart-notice-snooze', displayName: 'restart notice', description: 'Ask, snooze only.', publisher: 'spec', context: 'user',
      steps: [deviceUptime({ id: 'up-14', maxDays: 14 }), notice({ restartNow: false })],
    }));
    const fix = await new Device(stale).run(snoozeOnly.remediate);
    assert.doesNotMatch(String(calls(fix, 'Show-RgToast')[0]!.Arguments.Xml), /remgen-restart:/);
    assert.deepEqual(calls(fix, 'Write-RgRegistryData').map((c) => String(c.Arguments.SubKey)).filter((k) => k.includes('remgen-restart')), []);
  });

  it('a toast Windows drops (notices off) is caught by reading the history: an error naming why; the off switch is reported', async () => {
    const off = { ...stale, notifications: { shown: false }, registry: [{ path: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Notifications\\Settings\\remgen.RestartNotice', name: 'Enabled', kind: 'DWord' as const, value: 0 }] };
    const detect = await new Device(off).run(scripts.detect);
    assert.match(detect.output[0]!, /ask-restart \(is notices from Contoso IT turned off by the user/);
    const fix = await new Device(off).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /ask-restart \(error: the restart notice did not reach the user: notices from Contoso IT may be turned off, or no one is signed in interactively\)/);
  });

  it('a seam that throws and access denied writing HKCU: errors named, no stderr', async () => {
    const throws = await new Device({ ...stale, notifications: { showError: 'Element not found. (0x80070490)' } }).run(scripts.remediate);
    assert.equal(throws.exitCode, 1);
    assert.match(throws.output[0]!, /ask-restart \(error: Element not found\. \(0x80070490\)\)/);
    assert.deepEqual(throws.errors, []);
    const denied = await new Device({ ...stale, faults: { accessDenied: [{ key: 'HKCU\\Software\\Classes', access: 'Write' }] } }).run(scripts.remediate);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /ask-restart \(error: Access to the registry key 'HKEY_CURRENT_USER\\Software\\Classes\\AppUserModelId\\remgen\.RestartNotice' is denied\.\)/);
    assert.deepEqual(calls(denied, 'Show-RgToast'), []);
  });

  it('-WhatIf: says it would show the notice, shows nothing, registers nothing', async () => {
    const run = await new Device(stale).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Show-RgToast'), []);
    assert.deepEqual(calls(run, 'Write-RgRegistryData').filter((c) => String(c.Arguments.SubKey).startsWith('Software\\Classes')), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('Show the restart notice "Please restart your PC" from Contoso IT')), run.host.join('\n'));
  });
});
