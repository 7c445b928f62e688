import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeSyntheticCatalog } from '../../bench/build.ts';
import { formatFinding, lintFiles, type LintFinding } from '../../generator/lint/index.ts';
import { remgen, scratchProject, REPO } from '../support/temp-catalog.ts';

/** Every .ps1 and .psm1 (the module target) under a folder, sorted. */
function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ps1') || f.endsWith('.psm1')).sort().map((f) => join(dir, f));
}

function report(findings: readonly LintFinding[], root: string): string {
  return findings.map((f) => formatFinding({ ...f, file: relative(root, f.file) })).join('\n');
}

describe('lint over everything the build writes: the bundled catalog (signed) and the 200-remediation bench catalog', function () {
  this.timeout(300_000);
  const projects: ReturnType<typeof scratchProject>[] = [];
  after(() => {
    for (const p of projects) p.dispose();
  });

  let signed: string[] = [];

  it('GIVEN remediations/ built with the default (development) signing WHEN every .ps1 is linted THEN there is no finding', async () => {
    const project = scratchProject(join(REPO, 'remediations'));
    projects.push(project);
    // The ConfigMgr scripts and the module too, whatever the descriptor's default targets: the copy of tls.ts names them.
    const descriptor = join(project.catalog, 'tls.ts');
    writeFileSync(descriptor, readFileSync(descriptor, 'utf8').replace("  context: 'system',\n", "  context: 'system',\n  targets: ['intune', 'configmgr', 'module'],\n"));
    const build = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
    assert.equal(build.status, 0, build.stdout + build.stderr);
    const files = scripts(project.out);
    assert.ok(files.length >= 2, `only ${files.length} scripts in out/`);
    assert.ok(files.some((f) => f.endsWith(join('configmgr', 'tls', 'Import-Tls.ps1'))), `no ConfigMgr scripts among ${files.length}`);
    assert.ok(files.some((f) => f.endsWith(join('module', 'tls', 'Tls', 'Tls.psm1'))), `no module among ${files.length}`);
    for (const file of files) assert.ok(readFileSync(file, 'latin1').includes('# SIG # Begin signature block'), `${file} is not signed: signature-last would not be exercised`);
    const findings = await lintFiles(files);
    assert.equal(findings.length, 0, `${findings.length} findings in out/:\n${report(findings, project.root)}`);
    signed = files;
  });

  it('the check can fail: each change to a generated script gives exactly the findings it should', async () => {
    assert.ok(signed.length > 0, 'needs the signed build of the test before');
    const original = readFileSync(signed.find((f) => f.endsWith('detect.ps1'))!, 'latin1');
    const changes: [string, (text: string) => string, string[]][] = [
      ['a module command in the runtime, outside the seams', (t) => t.replace('        $now = Get-RgUtcNow\r\n', '        $now = Get-Date\r\n'), ['allowlisted-commands', 'core-only-outside-seams']],
      ['a statement after the exit', (t) => t.replace('\r\nexit $RgOutcome.ExitCode\r\n', '\r\nexit $RgOutcome.ExitCode\r\n$RgOutcome = $null\r\n'), ['exit-last']],
      ['code after the signature block', (t) => t.replace(/# SIG # End signature block\r\n$/, '# SIG # End signature block\r\n$null = 0\r\n'), ['parse-errors', 'signature-last']],
      ['a web call without TLS 1.2 and -UseBasicParsing, in a seam', (t) => t.replace('    [System.DateTime]::UtcNow\r\n', "    $null = Invoke-WebRequest -Uri 'https://login.microsoftonline.com/'\r\n    [System.DateTime]::UtcNow\r\n"), ['tls12-before-web-call', 'use-basic-parsing']],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'remgen-lint-changed-'));
    try {
      for (const [what, change, expected] of changes) {
        const changed = change(original);
        assert.notEqual(changed, original, what);
        const file = join(dir, 'detect.ps1');
        writeFileSync(file, changed, 'latin1');
        const rules = [...new Set((await lintFiles([file])).map((f) => f.rule))].sort();
        assert.deepEqual(rules, expected, what);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN the 200-remediation bench catalog built unsigned WHEN `remgen lint out/` runs in a fresh process THEN it exits 0 with no finding (its time is the bench\'s, not a test\'s)', () => {
    const project = scratchProject();
    projects.push(project);
    writeSyntheticCatalog(200, project.catalog);
    const build = remgen(['build', '--catalog', 'catalog', '--out', 'out', '--no-sign'], project.root);
    assert.equal(build.status, 0, build.stdout + build.stderr);
    const files = scripts(project.out);
    assert.equal(files.length, 400);

    // The whole check as an admin or CI runs it: node, tsx, the engine host's start, 400 parses, every rule.
    const run = remgen(['lint', 'out', '--json'], project.root);
    const result = JSON.parse(run.stdout || '{}') as { ok?: boolean; files?: string[]; findings?: LintFinding[] };
    assert.equal(result.files?.length, 400, run.stderr);
    assert.equal(run.status, 0, `${result.findings?.length} findings:\n${report(result.findings ?? [], project.out)}`);
    // The same 400 files, each once: the CLI lints them with lintFiles, which the tests above call in-process.
    assert.deepEqual([...(result.files ?? [])].sort(), files.map((f) => relative(project.root, f).replaceAll('\\', '/')).sort());
  });
});
