/**
 * The build id in the summary line (generator/script/build-id.ts, generator/report/summary.ts): what the
 * scripts print is what the build recorded; it is stable, independent of signing, the same in a package's
 * detection and remediation, changes with what the scripts do; and `remgen report` counts a line of another
 * build exactly, and a line without id as an older remgen's.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Catalog } from '../../generator/check/catalog.ts';
import type { FleetReport } from '../../generator/report/fleet.ts';
import { withoutBuildId } from '../../generator/report/summary.ts';
import { BUILD_SLOT, stampBuildId } from '../../generator/script/build-id.ts';
import { synthesize } from '../../generator/synthesize.ts';
import { selfSignedSigner } from '../sign/support/signer.ts';
import { bundledProfile, Device, scriptFile } from '../support/engine.ts';
import { remgenInProcess } from '../support/cli-in-process.ts';
import { buildOf, recorded } from '../support/summary-line.ts';
import { remgen, REPO, scratchProject } from '../support/temp-catalog.ts';

const catalogRoot = join(REPO, 'remediations');
const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes!).toString('latin1');

describe('the build id in the summary line', function () {
  this.timeout(300_000);
  let catalog: Catalog;
  before(async () => {
    const checked = await loadAndCheck(catalogRoot);
    assert.deepEqual(checked.diagnostics, []);
    catalog = checked.catalog;
  });
  const build = (options: { signed?: boolean; version?: string } = {}) =>
    synthesize(catalog, { catalogRoot, ids: ['clock', 'tls'], generatorVersion: options.version ?? '0.0.0-build-id', ...(options.signed ? { signing: { signer: selfSignedSigner('remgen build id spec') } } : {}) });

  it('round trip: the engine\'s lines of detection and remediation carry the id the build recorded, in the manifest and --json', async () => {
    const project = scratchProject(catalogRoot);
    try {
      const run = remgen(['build', 'clock', '--catalog', 'catalog', '--out', 'out', '--no-sign', '--json'], project.root);
      assert.equal(run.status, 0, run.stderr);
      const json = JSON.parse(run.stdout) as { packages: { id: string; target: string; build?: string }[] };
      const intune = json.packages.find((p) => p.id === 'clock' && p.target === 'intune')!;
      assert.match(intune.build ?? '', /^[0-9a-f]{7}$/);
      assert.equal(json.packages.find((p) => p.target === 'module')?.build, undefined, 'the module prints no summary line: no id');
      const manifest = JSON.parse(readFileSync(join(project.out, 'manifest.json'), 'utf8')) as { files: { path: string; build?: string }[] };
      for (const name of ['detect.ps1', 'remediate.ps1', 'README.md', 'deviceHealthScript.json']) {
        assert.equal(manifest.files.find((f) => f.path === `intune/clock/${name}`)?.build, intune.build, name);
      }
      const device = new Device(await bundledProfile('onedrive-0x8004de40-skewed-clock'));
      const detect = await device.run(join(project.out, 'intune/clock/detect.ps1'));
      const fix = await device.run(join(project.out, 'intune/clock/remediate.ps1'));
      const again = await device.run(join(project.out, 'intune/clock/detect.ps1'));
      assert.deepEqual([detect, fix, again].map((r) => buildOf(r.output.at(-1)!)), [intune.build, intune.build, intune.build]);
      assert.match(fix.output.at(-1)!, new RegExp(`^REMEDIATED clock@${intune.build}: fixed 1 of 2 checks`));
      // ConfigMgr's scripts have their own id, shared by discovery and remediation (its log and its line)
      const cm = json.packages.find((p) => p.id === 'clock' && p.target === 'configmgr')!.build!;
      assert.notEqual(cm, intune.build);
      const discovery = await new Device(await bundledProfile('onedrive-0x8004de40-skewed-clock')).run(join(project.out, 'configmgr/clock/discovery.ps1'));
      assert.ok(discovery.log.some((l) => l.includes(`NON-COMPLIANT clock@${cm}: `)), discovery.log.join('\n'));
      // the README shows the id in its example lines
      assert.ok(readFileSync(join(project.out, 'intune/clock/README.md'), 'utf8').includes(`\`COMPLIANT clock@${intune.build}: all 2 checks passed\``));
    } finally {
      project.dispose();
    }
  });

  it('the script\'s last resort, when Invoke-RgMain itself cannot start, names the package with its id too', async () => {
    const project = scratchProject(catalogRoot);
    try {
      const run = remgen(['build', 'clock', '--catalog', 'catalog', '--out', 'out', '--no-sign', '--json', '--target', 'intune'], project.root);
      assert.equal(run.status, 0, run.stderr);
      const id = (JSON.parse(run.stdout) as { packages: { build?: string }[] }).packages[0]!.build!;
      // A call Invoke-RgMain cannot bind: the error is thrown outside its own try, so only the script's catch sees it.
      const generated = readFileSync(join(project.out, 'intune/clock/detect.ps1'), 'latin1');
      assert.ok(generated.includes('= Invoke-RgMain -Entry '), 'the call site the spec breaks');
      const broken = scriptFile(generated.replace('= Invoke-RgMain -Entry ', '= Invoke-RgMain -NoSuchParameter 1 -Entry '), 'detect.ps1');
      const result = await new Device(await bundledProfile('onedrive-0x8004de40-skewed-clock')).run(broken);
      assert.equal(result.exitCode, 1);
      assert.match(result.output.at(-1)!, new RegExp(`^ERROR clock@${id}: .*NoSuchParameter`));
    } finally {
      project.dispose();
    }
  });

  it('stability: two builds give the same ids and the same bytes; signing does not change the id', async () => {
    const [a, b, signed] = [await build(), await build(), await build({ signed: true })];
    assert.deepEqual([...a.builds], [...b.builds]);
    for (const [path, bytes] of a.files) assert.ok(Buffer.from(bytes).equals(Buffer.from(b.files.get(path)!)), path);
    assert.deepEqual([...signed.builds], [...a.builds]);
    assert.ok(text(signed.files.get('intune/tls/detect.ps1')).includes('# SIG # Begin signature block'));
    // the id is in the scripts' data, once, and the slot is filled everywhere
    const id = a.builds.get('intune/tls')!;
    for (const name of ['detect.ps1', 'remediate.ps1']) {
      const script = text(a.files.get(`intune/tls/${name}`));
      assert.equal(script.split(`'${id}'`).length, 2, `${name} holds the id once`);
      assert.ok(!script.includes(BUILD_SLOT));
    }
  });

  it('sensitivity: changing one expected value of a descriptor changes that package\'s id, and only its', async () => {
    const base = await build();
    const tls = catalog.remediations.find((r) => r.remediation.id === 'tls')!;
    const [first, ...rest] = tls.remediation.steps as unknown as Record<string, unknown>[];
    assert.equal(first!.kind, 'registryValue', 'the first tls step sets a registry value');
    const changed = { ...first!, value: Number(first!.value) + 1 };
    const edited: Catalog = { ...catalog, remediations: catalog.remediations.map((r) => (r === tls ? { ...r, remediation: { ...r.remediation, steps: [changed, ...rest] as unknown as typeof r.remediation.steps } } : r)) };
    const after = await synthesize(edited, { catalogRoot, ids: ['clock', 'tls'], generatorVersion: '0.0.0-build-id' });
    assert.notEqual(after.builds.get('intune/tls'), base.builds.get('intune/tls'));
    assert.notEqual(after.builds.get('configmgr/tls'), base.builds.get('configmgr/tls'));
    assert.equal(after.builds.get('intune/clock'), base.builds.get('intune/clock'));
    // and the generator's version (in the scripts' marker) is part of what the id covers
    const newer = await build({ version: '0.0.1-build-id' });
    assert.notEqual(newer.builds.get('intune/clock'), base.builds.get('intune/clock'));
  });

  it('the slot is refused where remgen did not put it, and files that only quote the id are not hashed', () => {
    const file = (path: string, body: string, mark?: 'hashed' | 'quoted') => ({ path, bytes: Buffer.from(body, 'latin1'), sign: true, ...(mark ? { build: mark } : {}) });
    const one = stampBuildId([file('p/detect.ps1', `Build = '${BUILD_SLOT}'`, 'hashed'), file('p/tests/package.psd1', `Build = '${BUILD_SLOT}' A`, 'quoted')]);
    const two = stampBuildId([file('p/detect.ps1', `Build = '${BUILD_SLOT}'`, 'hashed'), file('p/tests/package.psd1', `Build = '${BUILD_SLOT}' B`, 'quoted')]);
    assert.match(one.build!, /^[0-9a-f]{7}$/);
    assert.equal(one.build, two.build, 'the quoting file is not part of the id');
    assert.equal(text(one.files[1]!.bytes), `Build = '${one.build}' A`);
    assert.throws(() => stampBuildId([file('p/detect.ps1', `Build = '${BUILD_SLOT}' # ${BUILD_SLOT}`, 'hashed')]), /appears 2 times \(expected 1\)/);
    assert.throws(() => stampBuildId([file('p/README.md', `see ${BUILD_SLOT}`)]), /appears 1 times \(expected 0\)/);
    assert.equal(stampBuildId([file('m/Tls.psm1', 'no slot')]).build, undefined);
  });

  it('remgen report: a line of another build is counted exactly, with both ids in words; a line without id as an older remgen\'s', async () => {
    const expected = await recorded();
    const project = scratchProject(catalogRoot);
    try {
      const cycles = Object.values(expected.clock!);
      const lines = cycles.flatMap((c) => [c.summaries[0]!, ...(c.summaries.length > 1 ? [c.summaries.at(-1)!] : [])]);
      const id = buildOf(lines[0]!);
      const older = (line: string): string => line.replace(`clock@${id}: `, 'clock@0000abc: ');
      const rows = [
        ...lines.map((line, i) => ['p', `now${i}`, line]),
        ...lines.slice(0, 3).map((line, i) => ['p', `old${i}`, older(line)]),
        ...lines.slice(0, 2).map((line, i) => ['p', `pre${i}`, withoutBuildId(line)]),
      ];
      const csv = ['PolicyId,DeviceName,PreRemediationDetectionScriptOutput', ...rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))].join('\r\n');
      const file = join(project.root, 'export.csv');
      writeFileSync(file, csv);
      // --json from the CLI's main in-process (spec/support/cli-in-process.ts), the words from the real CLI in a child.
      const run = await remgenInProcess(['report', '--from', file, '--json', '--catalog', join(REPO, 'remediations')], project.root);
      assert.equal(run.status, 0, run.stderr);
      const p = (JSON.parse(run.stdout) as FleetReport).packages.find((x) => x.packageId === 'clock')!;
      assert.equal(p.builds.catalog, id, 'the catalog builds clock to the id its recorded lines carry');
      assert.deepEqual(p.builds.seen, [{ build: id, lines: lines.length }, { build: '0000abc', lines: 3 }]);
      assert.equal(p.lines.olderVersion, 2);
      assert.equal(p.lines.guessedOtherBuild, 0, 'the older lines count the same steps: no guess of another build');
      assert.equal(p.lines.otherBuild, 3, 'exactly the lines of the other id');
      assert.equal(p.devices, rows.length, 'every line is counted for the package');
      const words = remgen(['report', '--from', file, '--catalog', join(REPO, 'remediations')], project.root);
      assert.equal(words.status, 0, words.stderr);
      assert.match(words.stdout, new RegExp(`3 of another build \\(id 0000abc, catalog has ${id}\\)`));
      assert.match(words.stdout, /2 from an older remgen version \(no build id\)/);
      // without a catalog there is nothing to compare with: no line is of another build
      const bare = await remgenInProcess(['report', '--from', file, '--json', '--catalog', join(project.root, 'none')], project.root);
      assert.equal(bare.status, 0, bare.stderr);
      const q = (JSON.parse(bare.stdout) as FleetReport).packages.find((x) => x.packageId === 'clock')!;
      assert.equal(q.builds.catalog, undefined);
      assert.equal(q.lines.otherBuild, 0);
      assert.equal(q.lines.olderVersion, 2);
      const bareWords = remgen(['report', '--from', file, '--catalog', join(project.root, 'none')], project.root);
      assert.match(bareWords.stdout, new RegExp(`2 builds among them \\(ids ${id} \\(${lines.length}\\), 0000abc \\(3\\);`));
    } finally {
      project.dispose();
    }
  });
});
