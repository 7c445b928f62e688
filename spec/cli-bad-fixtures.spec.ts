import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { badFixtures } from './support/bad-fixtures.ts';
import { REPO, remgen } from './support/temp-catalog.ts';

/** Every file under `dir` with the SHA-256 of its bytes. */
function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(sub, { withFileTypes: true })) {
      const full = join(sub, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return hashes;
}

describe('remgen build over every bad fixture: exit 1, every error on stderr, out/ untouched', function () {
  this.timeout(120_000);
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'remgen-bad-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const fixture of badFixtures()) {
    it(fixture.name, () => {
      const out = join(scratch, fixture.name, 'out');
      mkdirSync(join(out, 'intune', 'tls'), { recursive: true });
      writeFileSync(join(out, 'manifest.json'), '{"files":[]}\n');
      writeFileSync(join(out, 'intune', 'tls', 'detect.ps1'), 'exit 0\r\n');
      writeFileSync(join(out, 'notes.txt'), `left by the admin before ${fixture.name}\n`);
      const before = hashTree(out);

      // Run from the repo, so the diagnostics name files as spec/fixtures/bad/<name>/<file>.
      const run = remgen(['build', '--catalog', fixture.dir, '--out', out, '--no-sign'], REPO);

      assert.equal(run.status, 1, `exit code ${run.status}\n${run.stdout}${run.stderr}`);
      const prefix = `${relative(REPO, fixture.dir).replaceAll('\\', '/')}/`;
      const lines = run.stderr.split(/\r?\n/);
      for (const expected of fixture.expected) assert.ok(lines.includes(prefix + expected), `stderr lacks '${prefix}${expected}':\n${run.stderr}`);
      assert.deepEqual(hashTree(out), before);
    });
  }
});
