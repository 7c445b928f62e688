/**
 * The generator bundle (bin/bundle.js): used only while every file it was made from is unchanged, made again
 * otherwise, and the CLI from it writes the same bytes as the CLI from the sources.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, REPO } from './support/temp-catalog.ts';

interface Made { readonly url?: string; readonly key?: string; readonly built?: boolean; readonly error?: string }
interface BundleModule {
  ensureBundle(root: string, cacheDir?: string): Promise<Made>;
  buildBundle(root: string, cacheDir?: string): Promise<Made>;
  freshBundle(root: string, cacheDir?: string): { url: string; key: string } | undefined;
  cacheDirOf(root: string): string;
}
const bundler = (await import(pathToFileURL(join(REPO, 'bin', 'bundle.js')).href)) as BundleModule;

/** Every file under `dir` with the SHA-256 of its bytes. */
function tree(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else found.set(rel, createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex'));
    }
  };
  walk('');
  return found;
}

describe('generator bundle: freshness', function () {
  this.timeout(60_000);
  let root: string;
  const write = (rel: string, text: string): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const run = async (made: Made): Promise<{ main(): Promise<unknown>; where?: string }> => {
    assert.equal(made.error, undefined);
    return (await import(made.url!)) as { main(): Promise<unknown>; where?: string };
  };

  beforeEach(() => {
    // A project of the shape the bundle starts from: the CLI's main and the descriptor language.
    root = mkdtempSync(join(tmpdir(), 'remgen-bundle-'));
    write('package.json', '{ "type": "module" }\n');
    write('generator/cli/main.ts', "import { value } from './value.ts';\nexport async function main(): Promise<number> { return value; }\n");
    write('generator/cli/value.ts', 'export const value: number = 1;\nexport const where = import.meta.url;\n');
    write('generator/descriptor/index.ts', "export const language = 'fake';\nexport { where } from '../cli/value.ts';\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds once, then is fresh: the same bundle while nothing changed', async () => {
    const first = await bundler.ensureBundle(root);
    assert.equal(first.built, true);
    assert.equal(await (await run(first)).main(), 1);
    const second = await bundler.ensureBundle(root);
    assert.equal(second.built, false);
    assert.equal(second.url, first.url);
    const record = JSON.parse(readFileSync(join(bundler.cacheDirOf(root), 'current.json'), 'utf8')) as { inputs: string[] };
    assert.deepEqual(record.inputs, ['generator/cli/main.ts', 'generator/cli/value.ts', 'generator/descriptor/index.ts', 'package.json']);
  });

  it('an edit with the same size and modification time is seen: by content, not by stat', async () => {
    const first = await bundler.ensureBundle(root);
    const file = join(root, 'generator/cli/value.ts');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('= 1;', '= 2;'));
    utimesSync(file, before.atime, before.mtime);
    assert.equal(statSync(file).size, before.size);
    assert.equal(bundler.freshBundle(root), undefined);
    const again = await bundler.ensureBundle(root);
    assert.equal(again.built, true);
    assert.notEqual(again.url, first.url);
    assert.equal(await (await run(again)).main(), 2);
    // The old bundle is gone; only the current one and its record remain.
    assert.deepEqual(readdirSync(bundler.cacheDirOf(root)).sort(), [again.key!.slice(0, 16), 'current.json'].sort());
  });

  it('a module newly imported, a deleted input and a changed package.json each make it stale', async () => {
    await bundler.ensureBundle(root);
    write('generator/cli/extra.ts', 'export const extra = 40;\n');
    write('generator/cli/main.ts', "import { value } from './value.ts';\nimport { extra } from './extra.ts';\nexport async function main(): Promise<number> { return value + extra; }\n");
    const added = await bundler.ensureBundle(root);
    assert.equal(added.built, true);
    assert.equal(await (await run(added)).main(), 41);

    write('package.json', '{ "type": "module", "name": "fake" }\n');
    assert.equal(bundler.freshBundle(root), undefined, 'package.json is an input');
    await bundler.ensureBundle(root);

    rmSync(join(root, 'generator/cli/extra.ts'));
    assert.equal(bundler.freshBundle(root), undefined, 'a deleted input');
    const broken = await bundler.ensureBundle(root);
    assert.match(broken.error ?? '', /extra\.ts/);
    assert.equal(bundler.freshBundle(root), undefined, 'no bundle is used once the sources do not build');
  });

  it('a source that does not compile: no bundle, the reason, nothing recorded as fresh', async () => {
    write('generator/cli/value.ts', 'export const value: number = ;\n');
    const made = await bundler.ensureBundle(root);
    assert.equal(made.url, undefined);
    assert.match(made.error ?? '', /Unexpected/);
    assert.equal(bundler.freshBundle(root), undefined);
  });

  it("a module's import.meta.url is its source file's URL (templates and data are read beside it)", async () => {
    const made = await bundler.ensureBundle(root);
    assert.equal((await run(made)).where, pathToFileURL(join(root, 'generator/cli/value.ts')).href);
  });

  it("a killed build's scratch folder is removed by the next build once it is old, not while it may be running", async () => {
    const cache = bundler.cacheDirOf(root);
    mkdirSync(join(cache, '.build-1-old'), { recursive: true });
    mkdirSync(join(cache, '.build-2-new'), { recursive: true });
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(join(cache, '.build-1-old'), old, old);
    assert.equal((await bundler.buildBundle(root)).error, undefined);
    assert.deepEqual(readdirSync(cache).filter((name) => name.startsWith('.')), ['.build-2-new']);
  });

  it('a new bundle removes the old ones and leaves the compiled catalogs beside them (modules/) alone', async () => {
    const cache = bundler.cacheDirOf(root);
    const first = await bundler.ensureBundle(root);
    mkdirSync(join(cache, 'modules', 'a1b2c3'), { recursive: true });
    write('generator/cli/value.ts', 'export const value = 3;\nexport const where = import.meta.url;\n');
    const again = await bundler.ensureBundle(root);
    assert.equal(again.built, true);
    assert.deepEqual(readdirSync(cache).sort(), [again.key!.slice(0, 16), 'current.json', 'modules'].sort(), `the old bundle ${first.key!.slice(0, 16)} is gone`);
    assert.ok(existsSync(join(cache, 'modules', 'a1b2c3')));
  });

  it('two processes building at once: both get the same bundle', async () => {
    const [a, b] = await Promise.all([bundler.buildBundle(root), bundler.buildBundle(root)]);
    assert.equal(a.error, undefined);
    assert.equal(b.error, undefined);
    assert.equal(a.key, b.key);
    assert.ok(bundler.freshBundle(root));
    assert.deepEqual(readdirSync(bundler.cacheDirOf(root)).filter((name) => name.startsWith('.')), [], 'no scratch folder left');
  });
});

describe('generator bundle: the CLI', function () {
  this.timeout(180_000);
  const node = (args: readonly string[], env: NodeJS.ProcessEnv, cwd = REPO) =>
    spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

  it('builds the bundled catalog to the same bytes as the sources do, without loading ts-morph', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'remgen-bundle-cli-'));
    try {
      // A preload that lists the CommonJS modules loaded (ts-morph and typescript are CommonJS) at exit.
      const preload = join(scratch, 'list-modules.cjs');
      const listed = join(scratch, 'modules.json');
      writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listed)}, JSON.stringify(Object.keys(require('node:module')._cache))));\n`);
      const fromBundle = node(['-r', preload, BIN, 'build', '--catalog', 'remediations', '--out', join(scratch, 'bundle'), '--no-sign', '--json'], { REMGEN_BUNDLE: '1' });
      assert.equal(fromBundle.status, 0, fromBundle.stderr);
      assert.doesNotMatch(fromBundle.stderr, /generator bundle/, 'the bundle was used');
      const loaded = JSON.parse(readFileSync(listed, 'utf8')) as string[];
      assert.ok(loaded.some((file) => file.includes('handlebars')), 'the preload lists what loads');
      assert.deepEqual(loaded.filter((file) => /[\\/](ts-morph|typescript)[\\/]/.test(file)), []);
      const fromSources = node([BIN, 'build', '--catalog', 'remediations', '--out', join(scratch, 'sources'), '--no-sign', '--json'], { REMGEN_BUNDLE: '0' });
      assert.equal(fromSources.status, 0, fromSources.stderr);
      const a = tree(join(scratch, 'bundle'));
      assert.ok(a.size > 100, `${a.size} files`);
      assert.deepEqual(a, tree(join(scratch, 'sources')));
      const result = (stdout: string): unknown => ({ ...(JSON.parse(stdout) as Record<string, unknown>), out: undefined, timings: undefined });
      assert.deepEqual(result(fromBundle.stdout), result(fromSources.stdout));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('in a copy of the project, an edited source is what runs next (the bundle is made again)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'remgen-bundle-copy-'));
    try {
      for (const name of ['bin', 'generator', 'templates', 'packages', 'package.json', 'tsconfig.json']) cpSync(join(REPO, name), join(copy, name), { recursive: true });
      // node_modules: a folder of links to this checkout's packages, so the copy's cache is its own.
      mkdirSync(join(copy, 'node_modules'));
      for (const name of readdirSync(join(REPO, 'node_modules'))) {
        if (name === '.cache') continue;
        // The local package is the copy's own (npm links it from packages/), the rest this checkout's.
        const target = name === 'pester-ts-runner' ? join(copy, 'packages', name) : join(REPO, 'node_modules', name);
        symlinkSync(target, join(copy, 'node_modules', name));
      }
      const bin = join(copy, 'bin', 'remgen.js');
      const first = node([bin, '--help'], { REMGEN_BUNDLE: '1' }, copy);
      assert.equal(first.status, 0, first.stderr);
      assert.doesNotMatch(first.stderr, /generator bundle/, 'from the bundle');
      assert.match(first.stdout, /Compiles typed remediation descriptors/);
      assert.ok(existsSync(join(copy, 'node_modules', '.cache', 'remgen', 'current.json')), 'the copy has its own bundle');
      const main = join(copy, 'generator', 'cli', 'main.ts');
      writeFileSync(main, readFileSync(main, 'utf8').replace('Compiles typed remediation descriptors', 'Compiles EDITED remediation descriptors'));
      const second = node([bin, '--help'], { REMGEN_BUNDLE: '1' }, copy);
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /Compiles EDITED remediation descriptors/);
      assert.doesNotMatch(second.stderr, /generator bundle/, 'from a new bundle, not the sources');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
