/**
 * file: a setting on one file (present or absent; a JSON property's value; exact bytes by SHA-256 from an
 * https:// URL or a path, verified before it replaces anything), on simulated devices whose files the profile
 * describes (content, JSON, size, age, access errors) and whose downloads it answers.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { file, fileRoom, type FileProps } from '../../../generator/steps/files/file.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const CONFIG = '<agent><server>https://agent.contoso.com</server><interval>60</interval></agent>\r\n';
const OLD_CONFIG = '<agent><server>http://old.contoso.com</server></agent>\r\n';
const SHA = createHash('sha256').update(CONFIG, 'utf8').digest('hex');
const URL = 'https://downloads.contoso.com/agent/config.xml';
const AGENT = 'C:\\ProgramData\\Contoso\\Agent\\config.xml';
const STALE = 'C:\\ProgramData\\Contoso\\Agent\\legacy.ini';
const SETTINGS = '%ProgramData%\\Contoso\\Agent\\settings.json';

const problems = (props: Partial<FileProps>): string[] => {
  const found: string[] = [];
  fileRoom.check(file({ id: 'f', path: AGENT, ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const item = (run: Simulation, path: string) =>
  ((run.state.carried.FileSystem ?? []) as { Path: string; Content: string; Json: Record<string, unknown> }[]).find((f) => f.Path.toLowerCase().endsWith(path.toLowerCase()));

describe('step room: file (rules)', () => {
  it('a setting; context from the path; the step table', () => {
    assert.equal(fileRoom.category, 'setting');
    assert.equal(fileRoom.contextOf(file({ id: 'f', path: '%APPDATA%\\Contoso\\x.json' })), 'user');
    assert.equal(fileRoom.contextOf(file({ id: 'f', path: AGENT })), 'system');
    assert.deepEqual(fileRoom.toData(file({ id: 'f', path: AGENT, sha256: SHA, source: URL })), {
      Path: AGENT, Want: 'Present', Content: 'Sha256', Property: '', Json: '', Sha256: SHA.toUpperCase(), Source: URL,
    });
    assert.equal(fileRoom.toData(file({ id: 'f', path: SETTINGS, json: { property: 'update.channel', value: 'stable' } })).Json, '"stable"');
  });

  it('check(): a download without a hash, http, a wildcard, a relative path, the Windows folder, content on an absent file', () => {
    assert.deepEqual(problems({ source: URL }), ['source: a download without a hash: add sha256 (the 64 hex digits of the file), so nothing unverified replaces the file']);
    assert.deepEqual(problems({ sha256: SHA }), ['sha256: sha256 needs a source to take the bytes from: add source (an https:// URL or a full path)']);
    assert.deepEqual(problems({ sha256: SHA, source: 'http://downloads.contoso.com/x' }), ['source: source "http://downloads.contoso.com/x" is not https: download over https:// only']);
    assert.deepEqual(problems({ path: 'C:\\ProgramData\\*.ini', state: 'absent' }), ['path: path "C:\\\\ProgramData\\\\*.ini" has a wildcard: a file step is about one file; name it exactly']);
    assert.match(problems({ path: 'Contoso\\x.ini' })[0]!, /is not a full path/);
    assert.match(problems({ path: 'C:\\Windows\\System32\\drivers\\etc\\hosts', state: 'absent' })[0]!, /is in the Windows folder/);
    assert.match(problems({ path: '%SystemRoot%\\win.ini' })[0]!, /is in the Windows folder/);
    assert.match(problems({ state: 'absent', sha256: SHA, source: URL })[0]!, /state absent with content/);
    assert.deepEqual(problems({ sha256: SHA, source: URL }), []);
  });

  it('explain() in plain words', () => {
    assert.deepEqual(fileRoom.explain(file({ id: 'f', path: AGENT, sha256: SHA, source: URL })), {
      detects: `${AGENT} has exactly the bytes of ${URL} (SHA-256 ${SHA.toUpperCase()})`,
      changes: `copies ${URL} beside the file, checks its SHA-256, and only then replaces the file (a mismatch replaces nothing)`,
    });
  });
});

describe('step room: file, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'file-room', displayName: 'file room', description: 'An agent config by hash, a setting, a stale file gone.', publisher: 'spec', context: 'system',
    steps: [
      file({ id: 'agent-config', path: AGENT, sha256: SHA, source: URL }),
      file({ id: 'update-channel', path: SETTINGS, json: { property: 'update.channel', value: 'stable' } }),
      file({ id: 'legacy-gone', path: STALE, state: 'absent' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const healthy = [
    { path: AGENT, content: CONFIG },
    { path: SETTINGS, json: { update: { channel: 'stable', ring: 2 }, telemetry: false } },
  ];

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = (await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last');
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('compliant: nothing downloaded, nothing written', async () => {
    const device = new Device({ name: 'ok', description: 'spec', fileSystem: healthy });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual([...calls(fix, 'Save-RgDownload'), ...calls(fix, 'Set-RgJsonProperty'), ...calls(fix, 'Remove-RgFileItem')], []);
  });

  it('non-compliant: an old config, another channel, the stale file; remediated, the rest of the JSON kept; a second run changes nothing', async () => {
    const device = new Device({
      name: 'broken', description: 'spec', downloads: [{ source: URL, content: CONFIG }],
      fileSystem: [{ path: AGENT, content: OLD_CONFIG }, { path: SETTINGS, json: { update: { channel: 'beta', ring: 2 }, telemetry: false } }, { path: STALE, content: '[x]', length: 4096 }],
    }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /3 of 3 settings wrong: agent-config \(is SHA-256 [0-9A-F]{64}, want SHA-256 [0-9A-F]{64}\); update-channel \(is update.channel = "beta", want update.channel = "stable"\); legacy-gone \(is present \(4096 bytes\), want absent\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.equal(item(fix, 'config.xml')?.Content, CONFIG);
    assert.deepEqual(item(fix, 'settings.json')?.Json, { update: { channel: 'stable', ring: 2 }, telemetry: false });
    assert.equal(item(fix, 'legacy.ini'), undefined);
    assert.equal(item(fix, 'config.xml.remgen-new'), undefined, 'no download left beside the file');
    const again = await device.run(scripts.remediate);
    assert.match(again.output[0]!, /^COMPLIANT/);
    assert.deepEqual([...calls(again, 'Save-RgDownload'), ...calls(again, 'Set-RgJsonProperty'), ...calls(again, 'Remove-RgFileItem')], []);
  });

  it('a download whose hash does not match: nothing replaced, the download removed, the error says why', async () => {
    const fix = await new Device({
      name: 'tampered', description: 'spec', downloads: [{ source: URL, content: CONFIG.replace('60', '6') }],
      fileSystem: [{ path: AGENT, content: OLD_CONFIG }, ...healthy.slice(1)],
    }).run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, new RegExp(`agent-config.*the SHA-256 of ${URL.replace(/[./]/g, '\\$&')} is [0-9A-F]{64}, not ${SHA.toUpperCase()}; .* was not replaced`));
    assert.equal(item(fix, 'config.xml')?.Content, OLD_CONFIG);
    assert.equal(item(fix, 'config.xml.remgen-new'), undefined);
    assert.deepEqual(calls(fix, 'Move-RgFile'), []);
  });

  it('partly, and not there yet: a missing JSON file is created with the property; a missing config downloaded', async () => {
    const fix = await new Device({ name: 'new', description: 'spec', downloads: [{ source: URL, content: CONFIG }] }).run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(item(fix, 'settings.json')?.Json, { update: { channel: 'stable' } });
    assert.deepEqual(calls(fix, 'Remove-RgFileItem').map((c) => c.Arguments.Path), [], 'an absent stale file is left alone');
  });

  it('access denied reading the config: that step fails naming why; a file in use cannot be deleted', async () => {
    const run = new Device({
      name: 'denied', description: 'spec',
      fileSystem: [{ path: AGENT, content: CONFIG, readError: "Access to the path 'C:\\ProgramData\\Contoso\\Agent\\config.xml' is denied." }, ...healthy.slice(1), { path: STALE, writeError: 'The process cannot access the file because it is being used by another process.' }],
    });
    const detect = await run.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /agent-config \(error: Access to the path .* is denied\.\)/);
    const fix = await run.run(scripts.remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /legacy-gone.*being used by another process/);
    assert.deepEqual(fix.errors, []);
  });

  it('a download that fails (a seam that throws): the old file kept', async () => {
    const run = await new Device({ name: 'offline', description: 'spec', fileSystem: [{ path: AGENT, content: OLD_CONFIG }, ...healthy.slice(1)], faults: { throws: { 'Save-RgDownload': 'The remote server returned an error: (407) Proxy Authentication Required.' } } }).run(scripts.remediate);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /agent-config.*\(407\) Proxy Authentication Required/);
    assert.equal(item(run, 'config.xml')?.Content, OLD_CONFIG);
  });

  it('-WhatIf: every change listed, nothing downloaded, written or deleted', async () => {
    const run = await new Device({
      name: 'broken', description: 'spec', downloads: [{ source: URL, content: CONFIG }],
      fileSystem: [{ path: AGENT, content: OLD_CONFIG }, { path: SETTINGS, json: { update: { channel: 'beta' } } }, { path: STALE }],
    }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual([...calls(run, 'Save-RgDownload'), ...calls(run, 'Set-RgJsonProperty'), ...calls(run, 'Remove-RgFileItem')], []);
    assert.equal(run.host.filter((l) => l.startsWith('What if: ') && l.includes('file ')).length, 3, run.host.join('\n'));
  });
});
