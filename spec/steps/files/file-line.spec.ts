/**
 * fileLine: a line present in a text file (replacing what a regex matches, or inserted after an anchor line)
 * or absent, the file's encoding, line endings and other lines kept; on simulated devices whose files the
 * profile describes (UTF-16 LE ini, LF conf, access denied), and the real Get-RgTextFile / Write-RgTextFile
 * seams on real files in the engine (BOMs, UTF-8 without one, LF, the final line break).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import type { Simulation } from '../../../generator/engine/simulate.ts';
import { fileLine, fileLineRoom, type FileLineProps } from '../../../generator/steps/files/file-line.ts';
import { Device, engine, intuneScripts, scriptFile } from '../../support/engine.ts';

const INI = '%ProgramData%\\Contoso\\Agent\\agent.ini';
const CONF = 'C:\\ProgramData\\Contoso\\Relay\\relay.conf';
const problems = (props: Partial<FileLineProps>): string[] => {
  const found: string[] = [];
  fileLineRoom.check(fileLine({ id: 'l', path: INI, line: 'Server=agent.contoso.com', ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};
const calls = (run: Simulation, seam: string) => run.calls.filter((c) => c.Seam === seam);
const item = (run: Simulation, path: string) =>
  ((run.state.carried.FileSystem ?? []) as { Path: string; Content: string; Encoding?: string }[]).find((f) => f.Path.toLowerCase().endsWith(path.toLowerCase()));

describe('step room: fileLine (rules)', () => {
  it('a setting; context from the path; the step table; explain()', () => {
    assert.equal(fileLineRoom.category, 'setting');
    assert.equal(fileLineRoom.contextOf(fileLine({ id: 'l', path: '%APPDATA%\\Contoso\\notes.ini', line: 'a=1' })), 'user');
    const step = fileLine({ id: 'l', path: INI, match: '^Server\\s*=', line: 'Server=agent.contoso.com', after: '^\\[Agent\\]' });
    assert.equal(fileLineRoom.contextOf(step), 'system');
    assert.deepEqual(fileLineRoom.toData(step), { Path: INI, Want: 'Present', Line: 'Server=agent.contoso.com', Match: '^Server\\s*=', After: '^\\[Agent\\]', NewEncoding: 'utf8' });
    assert.deepEqual(fileLineRoom.explain(step), {
      detects: `${INI} has the line Server=agent.contoso.com (in place of lines matching ^Server\\s*=)`,
      changes: "replaces the first line matching ^Server\\s*= with Server=agent.contoso.com (dropping later matches); when none matches, puts Server=agent.contoso.com after the first line matching ^\\[Agent\\]; keeps the other lines, the file's encoding and its line endings (a missing file is created, utf8)",
    });
  });

  it('check(): a regex that matches every line, one that does not compile, a line that the pattern misses, line breaks, the Windows folder, missing line', () => {
    assert.deepEqual(problems({ match: '^Server\\s*=' }), []);
    assert.deepEqual(problems({ match: '.*' }), [
      "match: match \".*\" matches every line: it would replace the whole file with one line; anchor it to what the line starts with, e.g. '^Server\\s*='",
    ]);
    assert.match(problems({ match: '^', state: 'absent', line: undefined })[0]!, /^match: match "\^" matches every line: it would empty the file/);
    assert.match(problems({ match: '(?i)', line: 'x' })[0]!, /matches every line/);
    assert.match(problems({ match: '^Server(' })[0]!, /^match: match "\^Server\(" is not a regular expression: /);
    assert.match(problems({ match: '^Port=' })[0]!, /^match: match "\^Port=" does not match the line "Server=agent.contoso.com"/);
    assert.deepEqual(problems({ match: '(?i)^server\\s*=' }), []);
    assert.match(problems({ line: 'a\r\nb' })[0]!, /^line: line "a\\r\\nb" must be one line/);
    assert.match(problems({ path: 'C:\\Windows\\win.ini' })[0]!, /is in the Windows folder/);
    assert.match(problems({ path: 'agent.ini' })[0]!, /is not a full path/);
    assert.match(problems({ line: undefined })[0]!, /^line: state present needs the line/);
    assert.match(problems({ state: 'absent', match: '^Debug=' })[0]!, /^match: state absent with both line and match/);
    assert.match(problems({ state: 'absent', after: '^\\[Agent\\]' })[0]!, /^after: after places a line/);
  });
});

describe('step room: fileLine, in the engine', function () {
  this.timeout(180_000);
  const remediation = defineRemediation({
    id: 'file-line-room', displayName: 'file line room', description: 'The agent ini points at the new server; the relay conf has no debug line.', publisher: 'spec', context: 'system',
    steps: [
      fileLine({ id: 'agent-server', path: INI, match: '(?i)^server\\s*=', line: 'Server=agent.contoso.com', after: '^\\[Agent\\]\\s*$' }),
      fileLine({ id: 'relay-no-debug', path: CONF, state: 'absent', match: '^debug\\s' }),
    ],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const healthyIni = '[Agent]\r\nServer=agent.contoso.com\r\nInterval=60\r\n\r\n[Log]\r\nLevel=2\r\n';
  const healthyConf = 'listen 0.0.0.0:8443\nupstream agent.contoso.com\n';

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    assert.deepEqual((await lintFiles([scripts.detect, scripts.remediate])).filter((f) => f.rule !== 'signature-last').map(formatFinding), []);
  });

  it('healthy: both compliant, nothing written', async () => {
    const device = new Device({ name: 'ok', description: 'spec', fileSystem: [{ path: INI, content: healthyIni, encoding: 'utf16le' }, { path: CONF, content: healthyConf }] });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 0, detect.output.join('\n'));
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0);
    assert.deepEqual(calls(fix, 'Write-RgTextFile'), []);
  });

  it('wrong: the old server replaced in place (a duplicate dropped), UTF-16 LE and CRLF kept; the debug line gone, LF kept; a second run writes nothing', async () => {
    const device = new Device({
      name: 'wrong', description: 'spec',
      fileSystem: [
        { path: INI, content: '[Agent]\r\nserver = old.contoso.com\r\nInterval=60\r\nSERVER=older.contoso.com\r\n[Log]\r\nLevel=2\r\n', encoding: 'utf16le' },
        { path: CONF, content: 'listen 0.0.0.0:8443\ndebug on\nupstream agent.contoso.com' },
      ],
    }, { continues: true });
    const detect = await device.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.match(detect.output[0]!, /agent-server \(is has server = old\.contoso\.com \(and 1 more matching\), want Server=agent\.contoso\.com\)/);
    assert.match(detect.output[0]!, /relay-no-debug \(is has debug on, want no line matching \^debug\\s\)/);
    const fix = await device.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, `${fix.output.join('\n')}\n${fix.log.join('\n')}`);
    assert.equal(item(fix, 'agent.ini')!.Content, '[Agent]\r\nServer=agent.contoso.com\r\nInterval=60\r\n[Log]\r\nLevel=2\r\n');
    assert.equal(item(fix, 'agent.ini')!.Encoding, 'utf16le');
    assert.equal(item(fix, 'relay.conf')!.Content, 'listen 0.0.0.0:8443\nupstream agent.contoso.com');
    assert.deepEqual(calls(fix, 'Write-RgTextFile').map((c) => [c.Arguments.Encoding, c.Arguments.NewLine, c.Arguments.FinalNewLine]), [['utf16le', '\r\n', true], ['ansi', '\n', false]]);
    assert.equal((await device.run(scripts.detect)).exitCode, 0);
    const again = await device.run(scripts.remediate);
    assert.deepEqual(calls(again, 'Write-RgTextFile'), []);
  });

  it('partly: no server line at all: inserted after [Agent]; an ini without [Agent] fails and is not written', async () => {
    const inserted = await new Device({ name: 'partly', description: 'spec', fileSystem: [{ path: INI, content: '[Log]\r\nLevel=2\r\n[Agent]\r\nInterval=60\r\n' }, { path: CONF, content: healthyConf }] }).run(scripts.remediate);
    assert.equal(inserted.exitCode, 0, inserted.output.join('\n'));
    assert.equal(item(inserted, 'agent.ini')!.Content, '[Log]\r\nLevel=2\r\n[Agent]\r\nServer=agent.contoso.com\r\nInterval=60\r\n');
    const noSection = await new Device({ name: 'no-section', description: 'spec', fileSystem: [{ path: INI, content: '[Log]\r\nLevel=2\r\n' }, { path: CONF, content: healthyConf }] }).run(scripts.remediate);
    assert.equal(noSection.exitCode, 1);
    assert.match(noSection.output[0]!, /no line matches \^\\\[Agent\\\]\\s\*\$ to put Server=agent\.contoso\.com after; nothing was written/);
    assert.deepEqual(calls(noSection, 'Write-RgTextFile'), []);
  });

  it('access denied writing: FAILED with the message; a seam that throws: an error, no stderr', async () => {
    const denied = await new Device({ name: 'denied', description: 'spec', fileSystem: [{ path: INI, content: '[Agent]\r\nServer=old\r\n', writeError: "Access to the path 'C:\\ProgramData\\Contoso\\Agent\\agent.ini' is denied." }, { path: CONF, content: healthyConf }] }).run(scripts.remediate);
    assert.equal(denied.exitCode, 1);
    assert.match(denied.output[0]!, /agent-server .*is denied/);
    const throws = await new Device({ name: 'throws', description: 'spec', fileSystem: [{ path: CONF, content: healthyConf }], faults: { throws: { 'Get-RgTextFile': 'The process cannot access the file because it is being used by another process.' } } }).run(scripts.detect);
    assert.equal(throws.exitCode, 1);
    assert.match(throws.output[0]!, /being used by another process/);
    assert.deepEqual(throws.errors, []);
  });

  it('-WhatIf: nothing written, the What if line names the file', async () => {
    const run = await new Device({ name: 'wrong', description: 'spec', fileSystem: [{ path: INI, content: '[Agent]\r\nServer=old\r\n' }, { path: CONF, content: healthyConf }] }).run(scripts.remediate, { parameters: { WhatIf: true } });
    assert.deepEqual(calls(run, 'Write-RgTextFile'), []);
    assert.ok(run.host.some((l) => l.startsWith('What if: ') && l.includes('agent.ini')), run.host.join('\n'));
  });
});

describe('step room: fileLine on a file that is not there, in the engine', function () {
  this.timeout(180_000);
  it('present: the file is created with the line (UTF-8 with a BOM as asked, CRLF); absent: compliant, nothing written', async () => {
    const remediation = defineRemediation({
      id: 'file-line-new', displayName: 'file line new', description: 'A user setting file.', publisher: 'spec', context: 'user',
      steps: [
        fileLine({ id: 'notes-proxy', path: '%APPDATA%\\Contoso\\Notes\\notes.conf', line: 'proxy=auto', newFileEncoding: 'utf8bom' }),
        fileLine({ id: 'notes-no-debug', path: '%APPDATA%\\Contoso\\Notes\\debug.conf', line: 'debug=1', state: 'absent' }),
      ],
    });
    const { detect, remediate } = await intuneScripts(remediation);
    const device = new Device({ name: 'empty', description: 'spec' }, { continues: true });
    const before = await device.run(detect);
    assert.match(before.output[0]!, /notes-proxy \(is file absent, want proxy=auto\)/);
    assert.doesNotMatch(before.output[0]!, /notes-no-debug/);
    const fix = await device.run(remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(calls(fix, 'Write-RgTextFile').map((c) => [c.Arguments.Lines, c.Arguments.Encoding, c.Arguments.NewLine, c.Arguments.FinalNewLine]), [[['proxy=auto'], 'utf8bom', '\r\n', true]]);
    assert.equal(item(fix, 'notes.conf')!.Content, 'proxy=auto\r\n');
    const again = await device.run(remediate);
    assert.deepEqual(calls(again, 'Write-RgTextFile'), []);
  });
});

describe('step room: fileLine with a pattern that backtracks without end, in the engine', function () {
  this.timeout(180_000);
  it('the match times out (2 s a line): the step fails with the timeout, nothing written, the script goes on', async () => {
    const remediation = defineRemediation({
      id: 'file-line-slow', displayName: 'file line slow', description: 'A catastrophic pattern.', publisher: 'spec', context: 'system',
      steps: [fileLine({ id: 'slow', path: CONF, match: '^(a+)+$', line: 'aaaa' })],
    });
    const { remediate } = await intuneScripts(remediation);
    const fix = await new Device({ name: 'slow', description: 'spec', fileSystem: [{ path: CONF, content: `${'a'.repeat(40)}!\n` }] }).run(remediate);
    assert.equal(fix.exitCode, 1);
    assert.match(fix.output[0]!, /slow \(error: .*timed out/i);
    assert.deepEqual(calls(fix, 'Write-RgTextFile'), []);
    assert.deepEqual(fix.errors, []);
  });
});

describe('the real text file seams (Get-RgTextFile, Write-RgTextFile) on real files', function () {
  this.timeout(120_000);
  const runtime = (name: string) => readFileSync(fileURLToPath(new URL(`../../../templates/runtime/${name}`, import.meta.url)), 'utf8');
  const roundTrip = async (bytes: Buffer, lines: string[]): Promise<{ read: Record<string, unknown>; bytes: Buffer }> => {
    const dir = mkdtempSync(join(tmpdir(), 'remgen-text-'));
    const path = join(dir, 'agent.ini');
    writeFileSync(path, bytes);
    const body = `${runtime('text-file.ps1')}\n${runtime('text-file-write.ps1')}\n`
      + `$f = Get-RgTextFile -Path '${path}'\n`
      + `Write-RgTextFile -Path '${path}' -Lines @(${lines.map((l) => `'${l}'`).join(', ')}) -Encoding $f.Encoding -NewLine $f.NewLine -FinalNewLine:$f.FinalNewLine\n`
      + "[pscustomobject]@{ Encoding = $f.Encoding; NewLine = [int][char]$f.NewLine[-1] + 100 * $f.NewLine.Length; Final = $f.FinalNewLine; Lines = ($f.Lines -join '|') }\n";
    const run = await engine().run({ file: scriptFile(body) });
    assert.deepEqual(run.errors, []);
    return { read: run.objects[0] as Record<string, unknown>, bytes: readFileSync(path) };
  };

  it('UTF-16 LE with its BOM and CRLF: read, and written back in the same encoding', async () => {
    const text = '[Agent]\r\nServer=old\r\n';
    const { read, bytes } = await roundTrip(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), ['[Agent]', 'Server=new']);
    assert.deepEqual(read, { Encoding: 'utf16le', NewLine: 210, Final: true, Lines: '[Agent]|Server=old' });
    assert.deepEqual(bytes, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[Agent]\r\nServer=new\r\n', 'utf16le')]));
  });

  it('UTF-8 with a BOM, LF, no final line break: kept so', async () => {
    const { read, bytes } = await roundTrip(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a=1\nb=Zürich', 'utf8')]), ['a=2', 'b=Zürich']);
    assert.deepEqual(read, { Encoding: 'utf8bom', NewLine: 110, Final: false, Lines: 'a=1|b=Zürich' });
    assert.deepEqual(bytes, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a=2\nb=Zürich', 'utf8')]));
  });

  it('UTF-8 without a BOM is told from ANSI by a valid non-ASCII sequence; plain ASCII reads as ansi', async () => {
    const utf8 = await roundTrip(Buffer.from('city=Zürich\r\n', 'utf8'), ['city=Genève']);
    assert.equal(utf8.read.Encoding, 'utf8');
    assert.deepEqual(utf8.bytes, Buffer.from('city=Genève\r\n', 'utf8'));
    const ascii = await roundTrip(Buffer.from('a=1\r\n', 'latin1'), ['a=2']);
    assert.equal(ascii.read.Encoding, 'ansi');
    assert.deepEqual(ascii.bytes, Buffer.from('a=2\r\n', 'latin1'));
    const latin = await roundTrip(Buffer.from([0x63, 0x3d, 0xe9, 0x0d, 0x0a]), ['c=1']);
    assert.equal(latin.read.Encoding, 'ansi', 'a lone 0xE9 is not UTF-8');
  });
});
