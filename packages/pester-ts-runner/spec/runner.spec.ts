import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRun, runPester, type PesterRun } from '../src/index.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}.Tests.ps1`, import.meta.url));

describe('pester-ts-runner: real Pester on real PowerShell', function () {
  this.timeout(1_200_000);
  let run: PesterRun;
  before(async () => {
    run = await runPester({ containers: ['pass', 'fail', 'before-all', 'unparsable', 'skipped', 'many'].map(fixture) });
  });
  const of = (name: string) => run.tests.filter((t) => t.container === fixture(name));

  it('runs every file in one process and names the Pester and PowerShell it used', () => {
    assert.match(run.pesterVersion, /^[56]\./);
    assert.match(run.powershellVersion, /^\d+\.\d+/);
    assert.equal(run.exitCode, 0);
    assert.equal(run.ok, false);
  });

  it('a passing file: each test with its expanded name, path and duration', () => {
    const tests = of('pass');
    assert.deepEqual(tests.map((t) => t.path), [['arithmetic', 'adds 1 and 2'], ['arithmetic', 'adds 2 and 2'], ['arithmetic', 'is tagged slow']]);
    assert.ok(tests.every((t) => t.result === 'Passed' && t.durationMs >= 0 && !t.error));
  });

  it('a failing test carries Pester\'s message and stack; its neighbour still passes', () => {
    const [bad, good] = of('fail');
    assert.equal(bad!.result, 'Failed');
    assert.match(bad!.error!.message, /Expected 2, but got 3/);
    assert.match(bad!.error!.stack, /fail\.Tests\.ps1/);
    assert.equal(good!.result, 'Passed');
  });

  it('a failing BeforeAll fails the block and its tests', () => {
    assert.deepEqual(of('before-all').map((t) => t.result), ['Failed']);
    const block = run.failures.find((f) => f.kind === 'block' && f.container === fixture('before-all'));
    assert.ok(block, 'the block is a failure of its own');
    assert.match(block.error.message, /BeforeAll broke/);
  });

  it('a file that does not parse has no test and still counts as a failure, with the parse error', () => {
    assert.deepEqual(of('unparsable'), []);
    const container = run.failures.find((f) => f.kind === 'container' && f.container === fixture('unparsable'));
    assert.ok(container, 'the container is a failure');
    assert.match(container.error.message, /Missing closing '\}'/);
    assert.ok(run.counts.containersFailed >= 1);
  });

  it('a skipped test is Skipped, not passed or failed', () => {
    assert.deepEqual(of('skipped').map((t) => t.result), ['Skipped', 'Passed']);
    assert.equal(run.counts.skipped, 1);
  });

  it('256 failures are 256 failures (an exit code would read 0 modulo 256)', () => {
    const many = of('many');
    assert.equal(many.length, 256);
    assert.ok(many.every((t) => t.result === 'Failed'));
    assert.equal(run.counts.failed, 256 + 1 + 1);
    assert.equal(run.counts.passed, 3 + 1 + 1);
  });

  it('formatRun prints one line per test and failure and a summary', () => {
    const lines = formatRun(run);
    assert.ok(lines.some((l) => /^\[\+\] arithmetic > adds 1 and 2 \(\d+ ms\)$/.test(l)));
    assert.ok(lines.some((l) => l.startsWith('[-] wrong > expects 2 and gets 3')));
    assert.ok(lines.some((l) => l.startsWith('[!] skipping > is skipped')));
    assert.match(lines.at(-1)!, /5 passed, 258 failed, 1 skipped, 1 blocks failed, 1 containers failed/);
  });

  it('data for the file\'s param() block, a tag filter and a JUnit file, in a second run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pester-ts-spec-'));
    try {
      const junit = join(dir, 'junit.xml');
      const second = await runPester({ containers: [{ path: fixture('data'), data: { Expected: 'x7' } }, fixture('pass')], excludeTags: ['slow'], junit });
      assert.equal(second.ok, true);
      assert.deepEqual(second.tests.filter((t) => t.result === 'Passed').map((t) => t.name), ['receives x7', 'adds 1 and 2', 'adds 2 and 2']);
      assert.deepEqual(second.tests.filter((t) => t.result === 'NotRun').map((t) => t.name), ['is tagged slow']);
      assert.ok(existsSync(junit));
      const xml = readFileSync(junit, 'utf8');
      assert.match(xml, /<testsuites[^>]* tests="4" errors="0" failures="0" disabled="1"/);
      assert.match(xml, /receives x7/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
