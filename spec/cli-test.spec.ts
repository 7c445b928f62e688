/** `remgen test`: the built suites through pester-ts-runner, by the real CLI on a built out/. */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remgen, REPO, scratchProject } from './support/temp-catalog.ts';

describe('remgen test', function () {
  this.timeout(600_000);
  let project: ReturnType<typeof scratchProject>;
  before(() => {
    project = scratchProject(join(REPO, 'remediations'));
  });
  after(() => project.dispose());

  it('says to build first when out/ has no suite, and names an unknown profile', () => {
    const none = remgen(['test', 'tls'], project.root);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no Pester suite for tls in out[\\/]intune; run 'remgen build' first/);
    assert.equal(remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign', '--target', 'intune'], project.root).status, 0);
    const wrong = remgen(['test', 'tls', '--profile', 'tls-nothing'], project.root);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /no suite of tls carries the profile tls-nothing; bundled ones: tls-32bit-host, tls-access-denied, tls-healthy, tls-off, tls-partly/);
  });

  it('runs one package on one device under real Pester: one line per test, a summary, a JUnit file; --json', () => {
    const run = remgen(['test', 'tls', '--profile', 'tls-partly', '--junit', 'results.xml'], project.root);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.filter((l) => l.startsWith('[+] remgen package tls > on tls-partly > ')).length, 6, run.stdout);
    assert.match(lines.at(-1)!, /^Pester [56]\.\d+\.\d+ on PowerShell \d+\.\d+\.\d+ \((Core|Desktop)\): 6 passed, 0 failed, 0 skipped in /);
    assert.match(readFileSync(join(project.root, 'results.xml'), 'utf8'), /<testsuites [^>]*tests="6" errors="0" failures="0"/);
  });

  it('a device whose recorded outcome no longer holds fails its tests and exits 1', () => {
    // The suite's data says detection should exit 0 on tls-off (it exits 1): as if the script had changed.
    const data = join(project.root, 'out', 'intune', 'tls', 'tests', 'package.psd1');
    const text = readFileSync(data, 'latin1');
    const at = text.indexOf("DeviceName       = 'tls-off'");
    assert.ok(at > 0);
    writeFileSync(data, text.slice(0, at) + text.slice(at).replace('ExpectDetect     = 1', 'ExpectDetect     = 0'), 'latin1');
    const run = remgen(['test', 'tls', '--profile', 'tls-off', '--json'], project.root);
    assert.equal(run.status, 1, run.stderr);
    const json = JSON.parse(run.stdout) as { ok: boolean; counts: { passed: number; failed: number }; tests: { name: string; result: string; error?: { message: string } }[] };
    assert.equal(json.ok, false);
    const failed = json.tests.filter((t) => t.result === 'Failed');
    assert.deepEqual(failed.map((t) => t.name), ['detection exits 0 and writes nothing to stderr']);
    assert.match(failed[0]!.error!.message, /Expected 0, but got 1/);
  });

  it('a device that package.psd1 names and devices.psd1 lacks fails the suite, naming both files and the device', () => {
    // tls is tested on its own five devices, so its devices.psd1 is no link to another package's.
    const data = join(project.root, 'out', 'intune', 'tls', 'tests', 'devices.psd1');
    const text = readFileSync(data, 'latin1');
    assert.ok(text.includes("DeviceName = 'tls-off'"));
    writeFileSync(data, text.replace("DeviceName = 'tls-off'", "DeviceName = 'tls-offline'"), 'latin1');
    const run = remgen(['test', 'tls', '--profile', 'tls-off'], project.root);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /devices\.psd1 beside this suite has no data for the device 'tls-off' that package\.psd1 names; rebuild the package/);
  });
});
