import { strict as assert } from 'node:assert';
import { BUNDLED_FILES, BUNDLED_PACKAGES } from './support/catalog.ts';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testPki } from './sign/support/pki.ts';
import { BIN, remgen, scratchProject, REPO } from './support/temp-catalog.ts';

/** Every file and folder under `dir` (hidden ones too, links not followed), files with the SHA-256 of their bytes. */
function tree(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        found.set(rel, '->');
      } else if (entry.isDirectory()) {
        found.set(`${rel}/`, '');
        walk(rel);
      } else {
        found.set(rel, createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex'));
      }
    }
  };
  walk('');
  return found;
}

/** Issue 9, "First run, tried as a new user would": each rough edge, as a new user meets it. */
describe('first run, as a new user would try it', function () {
  this.timeout(120_000);
  let project: ReturnType<typeof scratchProject>;
  beforeEach(() => {
    project = scratchProject();
  });
  /**
   * Two of the bundled descriptors (each stands alone), for a rough edge that is not about the catalog: every
   * build builds the whole catalog, and two packages still show what is said once and what once per package.
   */
  const twoPackages = (): void => {
    for (const file of ['clock.ts', 'tls.ts']) cpSync(join(REPO, 'remediations', file), join(project.catalog, file));
  };
  afterEach(() => project.dispose());

  it('an out/ folder that cannot be written: one line naming the path and the cause, exit 1, out/ byte-identical, nothing left beside it', function () {
    if (process.platform === 'win32') this.skip();
    twoPackages();
    assert.equal(remgen(['build', '--catalog', 'catalog', '--no-sign'], project.root).status, 0);
    const descriptor = join(project.catalog, 'tls.ts');
    writeFileSync(descriptor, readFileSync(descriptor, 'utf8').replace("publisher: 'remgen'", "publisher: 'Contoso'"));
    // root ignores permissions, so as root the build runs as nobody in a folder nobody owns.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) spawnSync('chown', ['-R', '65534:65534', project.root]);
    chmodSync(join(project.out, 'intune', 'tls'), 0o555);
    const before = tree(project.root);
    try {
      const run = spawnSync(process.execPath, [BIN, 'build', '--catalog', 'catalog', '--no-sign'], {
        cwd: project.root, encoding: 'utf8', timeout: 60_000, ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.equal(run.stderr, 'remgen build: cannot write out/intune/tls: permission denied; out/ was left as it was\n');
      assert.deepEqual(tree(project.root), before);
    } finally {
      chmodSync(join(project.out, 'intune', 'tls'), 0o755);
    }
  });

  it('a TypeScript syntax error in a descriptor is reported at its file:line:col with the compiler\'s message', () => {
    writeFileSync(join(project.catalog, 'bad.ts'), [
      "import { defineRemediation, registryValue } from 'remgen';",
      'export default defineRemediation({',
      "  id: 'bad', displayName: 'Bad', description: 'x', publisher: 'x', context: 'system',",
      '  steps: [',
      "    registryValue({ id: 'a', path: 'HKLM:\\\\SOFTWARE\\\\Contoso', name: 'A', type: 'DWord', value: 1 }",
      '  ],',
      '});',
      '',
    ].join('\n'));
    const run = remgen(['build', '--catalog', 'catalog', '--no-sign'], project.root);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^catalog\/bad\.ts:6:3: error: does not compile: Expected "\)" but found "\]"$/m);
  });

  it('an empty catalog folder is an error saying no descriptor was found, and out/ is left untouched', () => {
    twoPackages();
    assert.equal(remgen(['build', '--catalog', 'catalog', '--no-sign'], project.root).status, 0);
    const before = tree(project.root);
    for (const name of readdirSync(project.catalog)) rmSync(join(project.catalog, name), { recursive: true });
    const run = remgen(['build', '--catalog', 'catalog', '--no-sign'], project.root);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^catalog: error: no descriptor found: the folder holds no \.ts file; write one with defineRemediation/m);
    assert.match(run.stderr, /nothing was written to out\//);
    writeFileSync(join(project.catalog, 'helper.ts'), 'export const x = 1;\n');
    assert.match(remgen(['build', '--catalog', 'catalog', '--no-sign'], project.root).stderr, /no descriptor found: no \.ts file in it exports a remediation or bundle/);
    rmSync(join(project.catalog, 'helper.ts'));
    const outside = (files: Map<string, string>): Map<string, string> => new Map([...files].filter(([path]) => !path.startsWith('catalog/')));
    assert.deepEqual(outside(tree(project.root)), outside(before));
  });

  it('.remgen/ is created only when a development certificate is actually made, not before a failing build', () => {
    writeFileSync(join(project.catalog, 'empty.ts'), 'export {};\n');
    const failing = remgen(['build', '--catalog', 'catalog'], project.root);
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.equal(existsSync(join(project.root, '.remgen')), false, 'a failing build made .remgen/');
    assert.doesNotMatch(failing.stdout + failing.stderr, /DEVELOPMENT/);
    rmSync(join(project.catalog, 'empty.ts'));
    twoPackages();
    assert.equal(remgen(['build', '--catalog', 'catalog', 'nope'], project.root).status, 1);
    assert.equal(existsSync(join(project.root, '.remgen')), false, 'a build of an unknown id made .remgen/');
    const built = remgen(['build', '--catalog', 'catalog'], project.root);
    assert.equal(built.status, 0, built.stdout + built.stderr);
    assert.deepEqual(readdirSync(join(project.root, '.remgen')).sort(), ['dev-signing-key.pem', 'dev-signing.cer', 'trust-remgen-dev.ps1']);
  });

  it('the development-certificate banner goes to stderr once, also under --check; errors are in plain words; a misspelt option is named as typed, with one suggestion', () => {
    twoPackages();
    const check = remgen(['build', '--catalog', 'catalog', '--check'], project.root);
    assert.equal(check.status, 2, check.stdout + check.stderr);
    assert.equal(check.stderr.match(/NO SIGNING CERTIFICATE CONFIGURED/g)?.length, 1, check.stderr);
    assert.doesNotMatch(check.stdout, /DEVELOPMENT|!!!/);
    const build = remgen(['build', '--catalog', 'catalog'], project.root);
    assert.equal(build.status, 0, build.stdout + build.stderr);
    assert.doesNotMatch(build.stdout + build.stderr, /NO SIGNING CERTIFICATE CONFIGURED/);
    assert.doesNotMatch(build.stdout, /DEVELOPMENT/);

    const missing = [
      remgen(['build', '--catalog', 'catalog', '--pfx', 'nope.pfx'], project.root),
      remgen(['sign', 'nope.ps1'], project.root),
      remgen(['verify', 'nope.ps1'], project.root),
      remgen(['verify', 'out/intune/tls/detect.ps1', '--ca', 'nope.pem'], project.root),
    ];
    for (const run of missing) {
      assert.notEqual(run.status, 0);
      assert.match(run.stdout + run.stderr, /nope\.(pfx|ps1|pem)\b.*no such file or folder/);
      assert.doesNotMatch(run.stdout + run.stderr, /\bE[A-Z]{3,}\b/, 'a Node error code reached the user');
    }

    const option = remgen(['build', '--catalog', 'catalog', '--no-sgin'], project.root);
    assert.equal(option.status, 3);
    assert.equal(option.stdout, '');
    assert.equal(option.stderr, "remgen build: unknown option --no-sgin; did you mean --no-sign?\nRun 'remgen build --help' for the options.\n");
    const command = remgen(['buidl', '--catalog', 'catalog'], project.root);
    assert.equal(command.status, 3);
    assert.equal(command.stderr, "remgen: unknown command 'buidl'; did you mean 'build'?\nRun 'remgen --help' for the commands.\n");
  });

  it('a PFX with a password, none given and no terminal: "no password given" with the ways to give one, not "wrong password"', async () => {
    const pki = await testPki();
    twoPackages();
    writeFileSync(join(project.root, 'a.ps1'), 'Write-Output 1\r\n');
    const env = { REMGEN_SIGNING_PASSWORD: undefined };
    for (const args of [['build', '--catalog', 'catalog', '--pfx', pki.rsa.pfxAes], ['sign', '--pfx', pki.rsa.pfxAes, 'a.ps1']]) {
      const run = remgen(args, project.root, env);
      assert.equal(run.status, 3, run.stdout + run.stderr);
      assert.match(run.stderr, /: no password given for the PFX file, and there is no terminal to ask on; give it with --password-env NAME, --password-file FILE or the REMGEN_SIGNING_PASSWORD environment variable/);
      assert.doesNotMatch(run.stderr, /wrong password/);
    }
    assert.equal(existsSync(project.out), false);
    const given = remgen(['build', '--catalog', 'catalog', '--pfx', pki.rsa.pfxAes], project.root, { REMGEN_SIGNING_PASSWORD: pki.password });
    assert.equal(given.status, 0, given.stdout + given.stderr);
  });

  it('verify straight after the default build: results on stdout, and a hint on stderr that names the development certificate and --ca', () => {
    twoPackages();
    assert.equal(remgen(['build', '--catalog', 'catalog'], project.root).status, 0);
    const scripts = ['out/intune/tls/detect.ps1', 'out/intune/tls/remediate.ps1'];
    const run = remgen(['verify', ...scripts], project.root);
    assert.equal(run.status, 1);
    assert.deepEqual(run.stdout.trimEnd().split('\n').map((line) => line.split(' ')[0]), ['NotTrusted', 'NotTrusted', 'Summary:']);
    assert.match(run.stderr, /^hint: they are signed with this project's development certificate .*: add --ca \.remgen\/dev-signing\.cer to check against it; \.remgen\/trust-remgen-dev\.ps1 trusts it on a lab device\n$/);
    const trusted = remgen(['verify', '--ca', '.remgen/dev-signing.cer', ...scripts], project.root);
    assert.equal(trusted.status, 0, trusted.stdout + trusted.stderr);
    assert.equal(trusted.stderr, '');
  });

  it('build --json is a compact, documented object: packages, files with sha256, signer subject and thumbprint, timings', () => {
    cpSync(join(REPO, 'remediations'), project.catalog, { recursive: true });
    const run = remgen(['build', '--catalog', 'catalog', '--json'], project.root);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n').length;
    const fileCount = (JSON.parse(run.stdout) as { files: unknown[] }).files.length;
    // Compact: a line or a few per file and package, never the certificate's bytes (2,390 lines for 5 files once).
    assert.ok(lines < 40 + 8 * fileCount, `${lines} lines for ${fileCount} files`);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & {
      signing: Record<string, unknown>;
      files: { path: string; status: string; sha256: string; size: number }[];
      timings: Record<string, number>;
    };
    assert.deepEqual(Object.keys(json), ['ok', 'out', 'signing', 'packages', 'files', 'summary', 'timings']);
    assert.deepEqual(Object.keys(json.signing), ['status', 'subject', 'thumbprint', 'development']);
    assert.equal(json.signing.development, true);
    assert.match(String(json.signing.subject), /^CN=remgen development code signing/);
    assert.match(String(json.signing.thumbprint), /^[0-9A-F]{40}$/);
    const packages = json.packages as { id: string; target: string; dir: string; descriptor: string; build?: string }[];
    assert.deepEqual(packages.map(({ build: _build, ...p }) => p), ['configmgr', 'intune', 'module'].flatMap((target) => BUNDLED_PACKAGES.map((p) => ({ id: p.id, target, dir: `${target}/${p.id}`, descriptor: `catalog/${p.file}` }))));
    // The build id of each package whose scripts print a summary line (the module prints none), as its detection script carries it.
    for (const p of packages) {
      if (p.target === 'module') assert.equal(p.build, undefined, p.dir);
      else {
        assert.match(p.build ?? '', /^[0-9a-f]{7}$/, p.dir);
        const detection = readFileSync(join(project.out, p.dir, p.target === 'intune' ? 'detect.ps1' : 'discovery.ps1'), 'latin1');
        assert.equal(/\bBuild +?= '([0-9a-f]{7})'/.exec(detection)?.[1], p.build, `${p.dir}: the build id its detection script carries`);
      }
    }
    assert.equal(json.files.length, BUNDLED_FILES.length);
    for (const file of json.files) {
      const bytes = readFileSync(join(project.out, file.path));
      assert.deepEqual(file, { path: file.path, status: 'created', sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    }
    assert.deepEqual(json.summary, { created: BUNDLED_FILES.length, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(Object.keys(json.timings), ['loadMs', 'checkMs', 'synthesizeMs', 'writeMs', 'totalMs']);
    for (const ms of Object.values(json.timings)) assert.ok(typeof ms === 'number' && ms >= 0);
  });
});
