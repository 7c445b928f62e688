import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { badFixtures } from './support/bad-fixtures.ts';
import { remgenInProcess } from './support/cli-in-process.ts';
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

/**
 * The fixtures run through the CLI, one per way a catalog fails: spec/check.spec.ts checks every fixture's
 * exact diagnostics in-process, and build() returns before planning, signing or writing whenever there is
 * one (generator/build.ts), so what the CLI adds (the lines on stderr, exit 1, out/ untouched) is one code
 * path. Each named here reaches it from a different stage; a process each costs about a second of CPU.
 * Those marked `child` run the real CLI in a child process (bin/remgen.js: the generator bundle, tsx registered
 * only then for the descriptors, the exit code of the process): the loader's two ways to fail and every error
 * of two files at once. The others run the CLI's main in this process (spec/support/cli-in-process.ts).
 */
const CHILD = new Set(['syntax-error', 'throws-at-import', 'several-errors-two-files']);
const CLI_FIXTURES: Readonly<Record<string, string>> = {
  'syntax-error': 'the loader: a file that does not compile',
  'throws-at-import': 'the loader: a file that throws while it is imported',
  'named-export-through-consts': 'the locator: a step found through the constants a named export is made of',
  'spread-steps': 'the locator: a step inside a spread',
  'wrong-enum': 'the JSON Schema: a value outside an enum, with a suggestion',
  'schema-error-keeps-step-checks': 'a schema error and the step checks of the same file, together',
  'unknown-step-kind': 'a step kind the vocabulary does not have (the known kinds listed)',
  'duplicate-remediation-id': 'the catalog: two files claiming one id',
  'several-errors-two-files': 'every error of two files, all at once',
  'bundle-inline-member-error': 'a bundle whose inline member has an error',
  'issue19-user-steps-in-system': 'context: a user step in a system remediation',
};

describe('remgen build over bad fixtures: exit 1, every error on stderr, out/ untouched', function () {
  this.timeout(120_000);
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'remgen-bad-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('the fixtures the CLI runs exist', () => {
    const names = badFixtures().map((f) => f.name);
    for (const name of Object.keys(CLI_FIXTURES)) assert.ok(names.includes(name), `no fixture ${name} under spec/fixtures/bad/`);
  });

  for (const fixture of badFixtures().filter((f) => f.name in CLI_FIXTURES)) {
    const child = CHILD.has(fixture.name);
    it(`${fixture.name} (${CLI_FIXTURES[fixture.name]})${child ? ', in a child process' : ''}`, async () => {
      const out = join(scratch, fixture.name, 'out');
      mkdirSync(join(out, 'intune', 'tls'), { recursive: true });
      writeFileSync(join(out, 'manifest.json'), '{"files":[]}\n');
      writeFileSync(join(out, 'intune', 'tls', 'detect.ps1'), 'exit 0\r\n');
      writeFileSync(join(out, 'notes.txt'), `left by the admin before ${fixture.name}\n`);
      const before = hashTree(out);

      // Run from the repo, so the diagnostics name files as spec/fixtures/bad/<name>/<file>.
      const args = ['build', '--catalog', fixture.dir, '--out', out, '--no-sign'];
      const run = child ? remgen(args, REPO) : await remgenInProcess(args, REPO);

      assert.equal(run.status, 1, `exit code ${run.status}\n${run.stdout}${run.stderr}`);
      const prefix = `${relative(REPO, fixture.dir).replaceAll('\\', '/')}/`;
      const lines = run.stderr.split(/\r?\n/);
      for (const expected of fixture.expected) assert.ok(lines.includes(prefix + expected), `stderr lacks '${prefix}${expected}':\n${run.stderr}`);
      assert.deepEqual(hashTree(out), before);
    });
  }
});
