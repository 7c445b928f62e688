import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { rules } from '../../generator/lint/index.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { remgen, REPO } from '../support/temp-catalog.ts';

const FIXTURES = 'spec/fixtures/lint';
const CLEAN = `${FIXTURES}/exit-last/good.ps1`;
const lint = (...args: string[]) => remgen(['lint', ...args], REPO);
/**
 * The CLI's main in this process (spec/support/cli-in-process.ts), which parses with the engine this process
 * already runs: a child starts its own (pwsh and the engine host, over a second of CPU). The clean run, the
 * usage errors and --help are the real CLI in a child.
 */
const lintHere = (...args: string[]) => remgenInProcess(['lint', ...args], REPO);

describe('remgen lint FILE... [--json]', function () {
  this.timeout(120_000);

  it('GIVEN a clean script WHEN linted THEN it exits 0 with a summary and no finding', () => {
    const run = lint(CLEAN);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `Summary: 1 file, no findings (${rules.length} rules).\n`);
  });

  it('GIVEN scripts with violations WHEN linted THEN it exits 1 and prints each as file:line:col rule: message, sorted', async () => {
    const run = await lintHere(`${FIXTURES}/no-aliases/bad.ps1`, `${FIXTURES}/exit-last/bad.ps1`, CLEAN);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines.at(-1)!, /^Summary: \d+ findings in 2 of 3 files \(\d+ rules\)\.$/);
    const findings = lines.slice(0, -1);
    for (const line of findings) assert.match(line, /^spec\/fixtures\/lint\/[a-z0-9-]+\/bad\.ps1:\d+:\d+ [a-z0-9-]+: .+$/);
    assert.ok(findings.includes(`${FIXTURES}/exit-last/bad.ps1:6:1 exit-last: the last top-level statement is '$code = 1' (AssignmentStatement), not an exit: end the script with an explicit exit <code>`), run.stdout);
    assert.ok(findings.includes(`${FIXTURES}/no-aliases/bad.ps1:4:19 no-aliases: '%' is an alias of ForEach-Object: write ForEach-Object`), run.stdout);
    assert.ok(findings[0]!.startsWith(`${FIXTURES}/exit-last/bad.ps1:`), 'sorted by file');
  });

  it('--json prints one document: ok, the files, the rules and every finding with file, line, column, rule and message', async () => {
    const run = await lintHere(`${FIXTURES}/no-aliases/bad.ps1`, '--json');
    assert.equal(run.status, 1, run.stderr);
    const json = JSON.parse(run.stdout) as { ok: boolean; files: string[]; rules: string[]; findings: { file: string; line: number; column: number; rule: string; message: string }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.files, [`${FIXTURES}/no-aliases/bad.ps1`]);
    assert.deepEqual(json.rules, rules.map((r) => r.name));
    assert.deepEqual(json.findings.filter((f) => f.rule === 'no-aliases').map((f) => [f.line, f.column]), [[4, 19], [5, 15], [6, 16], [7, 10]]);
    const clean = JSON.parse((await lintHere(CLEAN, '--json')).stdout) as { ok: boolean; findings: unknown[] };
    assert.deepEqual([clean.ok, clean.findings], [true, []]);
  });

  it('GIVEN a folder WHEN linted THEN every .ps1 and .psm1 under it is checked, each by its kind', async () => {
    const run = await lintHere(`${FIXTURES}/exit-last`);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /exit-last\/bad\.ps1:6:1 exit-last: the last top-level statement/);
    assert.match(run.stdout, /exit-last\/bad\.psm1:8:1 exit-last: a module or manifest must not exit/);
    assert.match(run.stdout, /in 2 of 4 files/);
  });

  it('wrong usage exits 3 and checks nothing: no file, a missing file, an unknown option', () => {
    const none = lint();
    assert.equal(none.status, 3);
    assert.match(none.stderr, /Not enough non-option arguments/);
    const missing = lint(CLEAN, join('spec', 'no-such.ps1'));
    assert.equal(missing.status, 3);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /remgen lint: spec\/no-such\.ps1: cannot read it: no such file or folder$/m);
    const unknown = lint(CLEAN, '--fix');
    assert.equal(unknown.status, 3);
    assert.equal(unknown.stdout, '');
  });

  it('--help lists every rule with its description, the output format, examples and exit codes', () => {
    const run = lint('--help');
    assert.equal(run.status, 0, run.stderr);
    for (const rule of rules) assert.match(run.stdout, new RegExp(`^  ${rule.name} +\\S`, 'm'), rule.name);
    assert.match(run.stdout, /file:line:col rule: message/);
    assert.match(run.stdout, /Examples:\n {2}remgen lint /);
    assert.match(run.stdout, /Exit codes: 0 no finding; 1 any finding/);
    assert.match(remgen(['--help'], REPO).stdout, /remgen lint <files\.\.>/);
  });
});
