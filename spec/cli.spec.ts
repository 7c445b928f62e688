import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { BUNDLED_FILES } from './support/catalog.ts';
import { readFileSync, statSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, remgen, scratchProject, REPO } from './support/temp-catalog.ts';

const FILES = BUNDLED_FILES;
const COUNT = FILES.length;

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, readFileSync(join(dir, rel)).toString('base64'));
    }
  };
  walk('');
  return files;
}

describe('remgen CLI, end to end in a temp folder', function () {
  this.timeout(120_000);
  let project: ReturnType<typeof scratchProject>;
  const build = (...args: string[]) => remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign', ...args], project.root);

  before(() => {
    project = scratchProject(join(REPO, 'remediations'));
  });
  after(() => project.dispose());

  it('GIVEN an empty out/ WHEN build runs THEN it creates every file, prints a status line each and says it is unsigned', () => {
    const run = build();
    assert.equal(run.status, 0, run.stderr);
    for (const file of FILES) assert.match(run.stdout, new RegExp(`created\\s+out/${file.replaceAll('.', '\\.')}`));
    assert.match(run.stdout, new RegExp(`Summary: ${COUNT} files: ${COUNT} created, 0 updated, 0 unchanged; not signing \\(--no-sign\\)`));
    assert.deepEqual([...snapshot(project.out).keys()].sort(), FILES);
  });

  it('GIVEN a built out/ WHEN build runs again THEN every file is unchanged and not rewritten', () => {
    const before = statSync(join(project.out, 'intune/tls/detect.ps1'));
    const run = build();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`${COUNT} files: 0 created, 0 updated, ${COUNT} unchanged`));
    const after = statSync(join(project.out, 'intune/tls/detect.ps1'));
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
  });

  it('--check exits 0 when out/ is current, 2 naming stale and missing files, and never writes', () => {
    assert.equal(build('--check').status, 0);
    const detect = join(project.out, 'intune/tls/detect.ps1');
    writeFileSync(detect, readFileSync(detect, 'utf8').replace('exit $RgOutcome.ExitCode', 'exit 0'));
    rmSync(join(project.out, 'intune/tls/README.md'));
    const beforeCheck = snapshot(project.out);
    const run = build('--check');
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /stale\s+out\/intune\/tls\/detect\.ps1/);
    assert.match(run.stdout, /missing\s+out\/intune\/tls\/README\.md/);
    assert.match(run.stdout, new RegExp(`2 files of ${COUNT} stale or missing`));
    assert.deepEqual(snapshot(project.out), beforeCheck);
    const json = JSON.parse(build('--check', '--json').stdout) as { ok: boolean; stale: { path: string; status: string }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.stale, [
      { path: 'intune/tls/README.md', status: 'missing' },
      { path: 'intune/tls/detect.ps1', status: 'stale' },
    ]);
  });

  it('GIVEN a damaged out/ WHEN build runs THEN it repairs exactly the damaged files', () => {
    const run = build();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /created\s+out\/intune\/tls\/README\.md/);
    assert.match(run.stdout, /updated\s+out\/intune\/tls\/detect\.ps1/);
    assert.match(run.stdout, new RegExp(`1 created, 1 updated, ${COUNT - 2} unchanged`));
  });

  it('--json prints one JSON document with every file, its status and SHA-256', () => {
    const run = build('--json');
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { ok: boolean; signing: { status: string }; files: { path: string; status: string; sha256: string | null }[] };
    assert.equal(json.ok, true);
    assert.equal(json.signing.status, 'unsigned');
    assert.deepEqual(json.files.map((f) => f.path), FILES);
    const manifest = JSON.parse(readFileSync(join(project.out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    for (const entry of manifest.files) {
      assert.equal(json.files.find((f) => f.path === entry.path)?.sha256, entry.sha256);
    }
  });

  it('list shows the catalog, explain says what tls detects and changes', () => {
    const list = remgen(['list', '--catalog', 'catalog'], project.root);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^ID\s+CONTEXT\s+STEPS\s+TARGETS\s+BUNDLE\s+NAME$/m);
    assert.match(list.stdout, /^tls\s+system\s+12\s+intune,configmgr,module\s+OneDrive 0x8004de40: TLS 1\.2 on the device$/m);
    const explain = remgen(['explain', 'tls', '--catalog', 'catalog'], project.root);
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /Detection only reads/);
    assert.match(explain.stdout, /HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1\.2\\Client\\Enabled \(64-bit view\) is the DWord 1/);
    assert.match(explain.stdout, /winhttp-tls12-32: sets bits 0x800, keeping every other bit/);
    assert.match(explain.stdout, /A restart is needed before schannel-tls12-client-enabled, schannel-tls12-client-not-disabled-by-default take effect/);
  });

  it('an unknown id is exit 1 naming the known ids; bad usage is exit 3', () => {
    const unknown = build('nope');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no remediation or bundle named 'nope'; known: cached-credentials, clock, dns, .*onedrive-0x8004de40, .*tls, tls-inspection, tls-inspection-user, tls-modern, wininet-tls\n/);
    const usage = remgen(['build', '--no-such-flag'], project.root);
    assert.equal(usage.status, 3);
    assert.equal(usage.stderr.split('\n')[0], 'remgen build: unknown option --no-such-flag');
    const explain = remgen(['explain', 'nope', '--catalog', 'catalog'], project.root);
    assert.equal(explain.status, 1);
  });

  it('--help lists the commands, examples and exit codes', () => {
    const help = remgen(['--help'], project.root);
    assert.equal(help.status, 0);
    for (const word of ['build', 'list', 'explain', 'Exit codes']) assert.ok(help.stdout.includes(word), word);
    const buildHelp = remgen(['build', '--help'], project.root);
    assert.match(buildHelp.stdout, /Examples:/);
    assert.match(buildHelp.stdout, /--check/);
  });

  it('a reader that closes the pipe early (remgen list | true) ends it quietly: exit 0, no EPIPE stack trace', () => {
    // `true` exits before node has started, so remgen's first line meets a closed pipe.
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" list --catalog "${join(REPO, 'remediations')}" | true`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
  });
});

