import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileCatalog, importTypeScriptFile, PRUNE_STAMP } from '../generator/load/compile.ts';
import { loadCatalog } from '../generator/load/index.ts';
import { REPO } from './support/temp-catalog.ts';

/**
 * generator/load/compile.ts: a catalog compiled ahead by esbuild into cached plain modules, loaded without
 * tsx's hooks; and every case it does not do exactly left to tsx.
 */
describe('catalog loading: compiled ahead into cached modules', function () {
  this.timeout(120_000);
  let root: string;
  let catalog: string;
  const write = (file: string, text: string) => {
    mkdirSync(join(catalog, file, '..'), { recursive: true });
    writeFileSync(join(catalog, file), text);
  };
  const REMEDIATION = (id: string, value: number) => `import { defineRemediation, registryValue } from 'remgen';
export default defineRemediation({
  id: '${id}',
  displayName: 'Compiled ${id}',
  description: 'A remediation the compiled loader imports.',
  publisher: 'spec',
  context: 'system',
  steps: [registryValue({ id: 'v', title: 'Value', path: 'HKLM:\\\\SOFTWARE\\\\Contoso', name: 'V', type: 'DWord', value: ${value} })],
});
`;

  beforeEach(() => {
    // An admin's ES module project: remgen resolvable from node_modules (a link to this checkout).
    root = mkdtempSync(join(tmpdir(), 'remgen-compile-'));
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(REPO, join(root, 'node_modules', 'remgen'), 'dir');
    writeFileSync(join(root, 'package.json'), '{ "type": "module", "private": true }\n');
    catalog = join(root, 'catalog');
    mkdirSync(catalog);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('the bundled catalog: the same exports as through tsx, and a step one file imports from another is that file\'s very object', async () => {
    const files = readdirSync(join(REPO, 'remediations'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(REPO, 'remediations', f)).sort();
    const compiled = await compileCatalog(files);
    assert.ok('urls' in compiled, `compiled, not ${'skipped' in compiled ? compiled.skipped : ''}`);
    const loaded = await loadCatalog(join(REPO, 'remediations'));
    assert.deepEqual(loaded.diagnostics, []);
    const previous = process.env.REMGEN_COMPILE;
    process.env.REMGEN_COMPILE = '0';
    let viaTsx;
    try {
      viaTsx = await loadCatalog(join(REPO, 'remediations'));
    } finally {
      if (previous === undefined) delete process.env.REMGEN_COMPILE;
      else process.env.REMGEN_COMPILE = previous;
    }
    const shape = (r: typeof loaded) => r.exports.map((e) => [e.file, e.exportName, JSON.stringify(e.value)]);
    assert.deepEqual(shape(loaded), shape(viaTsx));
    assert.deepEqual(loaded.profiles?.map((p) => p.name), viaTsx.profiles?.map((p) => p.name));
    const bundle = loaded.exports.find((e) => e.value.type === 'bundle');
    assert.ok(bundle, 'the catalog has a bundle');
    // Files import each other's steps (the bundle's packages reuse tls.ts's): one module per file, so the
    // same step objects, as when each file is imported by its own URL.
    const firstFile = new Map<object, string>();
    let shared = 0;
    for (const e of loaded.exports) {
      const packages = e.value.type === 'bundle' ? (e.value as unknown as { remediations: Array<{ steps: object[] }> }).remediations : [e.value as unknown as { steps: object[] }];
      for (const step of packages.flatMap((p) => p.steps)) {
        const seen = firstFile.get(step);
        if (seen === undefined) firstFile.set(step, e.file);
        else if (seen !== e.file) shared += 1;
      }
    }
    assert.ok(shared > 10, `step objects shared across files: ${shared}`);
  });

  it('the second load is served from the cache; an edit with the same size and time is seen, by content', async () => {
    write('a.ts', REMEDIATION('alpha', 1));
    const files = [join(catalog, 'a.ts')];
    const first = await compileCatalog(files);
    assert.ok('urls' in first && !first.cached);
    const second = await compileCatalog(files);
    assert.ok('urls' in second && second.cached);
    assert.equal(second.urls.get(files[0]!), first.urls.get(files[0]!));
    const before = statSync(files[0]!);
    writeFileSync(files[0]!, REMEDIATION('alpha', 2));
    utimesSync(files[0]!, before.atime, before.mtime);
    const third = await compileCatalog(files);
    assert.ok('urls' in third && !third.cached);
    assert.notEqual(third.urls.get(files[0]!), first.urls.get(files[0]!));
    const loaded = await loadCatalog(catalog);
    assert.match(JSON.stringify(loaded.exports[0]!.value), /"value":2/);
  });

  it('a compiled module missing from the cache (a chunk removed by hand) is compiled again, not imported', async () => {
    write('shared.ts', 'export const shared = { value: 4 };\n');
    write('a.ts', "import { shared } from './shared.ts';\nexport const a = shared;\n");
    write('b.ts', "import { shared } from './shared.ts';\nexport const b = shared;\n");
    const files = ['a.ts', 'b.ts', 'shared.ts'].map((f) => join(catalog, f));
    const first = await compileCatalog(files);
    assert.ok('urls' in first);
    const folder = join(fileURLToPath(first.urls.get(files[0]!)!), '..');
    const chunks = readdirSync(join(folder, 'chunks'));
    assert.ok(chunks.length > 0, 'shared.ts is a chunk of its own');
    rmSync(join(folder, 'chunks', chunks[0]!));
    const again = await compileCatalog(files);
    assert.ok('urls' in again && !again.cached, 'compiled again');
    const a = (await import(again.urls.get(files[0]!)!)) as { a: unknown };
    const b = (await import(again.urls.get(files[1]!)!)) as { b: unknown };
    assert.equal(a.a, b.b);
  });

  it("a descriptor's import.meta.url is its source file's, so a file beside it is read where it is", async () => {
    write('data/values.json', '{ "value": 7 }\n');
    write('reads.ts', `import { readFileSync } from 'node:fs';
import { defineRemediation, registryValue } from 'remgen';
const { value } = JSON.parse(readFileSync(new URL('./data/values.json', import.meta.url), 'utf8'));
export const where = import.meta.url;
export default defineRemediation({
  id: 'reads', displayName: 'Reads', description: 'Reads a file beside it.', publisher: 'spec', context: 'system',
  steps: [registryValue({ id: 'v', title: 'Value', path: 'HKLM:\\\\SOFTWARE\\\\Contoso', name: 'V', type: 'DWord', value })],
});
`);
    const compiled = await compileCatalog([join(catalog, 'reads.ts')]);
    assert.ok('urls' in compiled);
    const module = (await import(compiled.urls.get(join(catalog, 'reads.ts'))!)) as { where: string };
    assert.equal(module.where, pathToFileURL(join(catalog, 'reads.ts')).href);
    const loaded = await loadCatalog(catalog);
    assert.deepEqual(loaded.diagnostics, []);
    assert.match(JSON.stringify(loaded.exports[0]!.value), /"value":7/);
  });

  it('a throw at import: the source line and column, through the source map', async () => {
    write('a.ts', REMEDIATION('alpha', 1));
    write('b.ts', "import { defineRemediation } from 'remgen';\n\nconst ready = false;\nif (!ready) {\n    throw new Error('not ready yet');\n}\nexport default defineRemediation({} as never);\n");
    const loaded = await loadCatalog(catalog);
    assert.deepEqual(loaded.diagnostics.map((d) => [d.file, d.line, d.column, d.message]), [[join(catalog, 'b.ts'), 5, 11, 'cannot load descriptor file: not ready yet']]);
    assert.deepEqual(loaded.exports.map((e) => e.exportName), ['default'], "the other file's export still loads");
  });

  it('a CommonJS project is compiled too; left to tsx, with the reason: what only CommonJS has or lacks, an npm import other than remgen, a file that does not compile', async () => {
    write('a.ts', REMEDIATION('alpha', 1));
    const files = [join(catalog, 'a.ts')];
    // A CommonJS project (what npm init makes) written with import and export only: compiled, the same exports.
    writeFileSync(join(root, 'package.json'), '{ "private": true }\n');
    const commonJs = await compileCatalog(files);
    assert.ok('urls' in commonJs, JSON.stringify(commonJs));
    const loadedCjs = await loadCatalog(catalog);
    assert.deepEqual(loadedCjs.diagnostics, []);
    assert.equal(loadedCjs.exports.length, 1);
    // What only CommonJS has, or lacks, is tsx's to say.
    for (const [text, reason] of [
      ["export const here = __dirname;\n", /b\.ts is CommonJS and uses __dirname/],
      ["const data = require('./a.ts');\nexport default data;\n", /b\.ts is CommonJS and uses require/],
      ["export const url = import.meta.url;\n", /b\.ts is CommonJS and uses import\.meta/],
      ["export const later = await Promise.resolve(1);\n", /cannot compile: Top-level await/],
    ] as const) {
      write('b.ts', text);
      const left = await compileCatalog([...files, join(catalog, 'b.ts')]);
      assert.ok('skipped' in left && reason.test(left.skipped), `${text}: ${JSON.stringify(left)}`);
    }
    const tsxLoads = await loadCatalog(catalog);
    assert.deepEqual(tsxLoads.diagnostics.map((d) => [d.file, d.line, d.message]), [[join(catalog, 'b.ts'), 1, 'does not compile: Top-level await is currently not supported with the "cjs" output format']], 'tsx refuses it, as before');
    rmSync(join(catalog, 'b.ts'));

    writeFileSync(join(root, 'package.json'), '{ "type": "module", "private": true }\n');
    write('b.ts', "import { EOL } from 'node:os';\nimport yargs from 'yargs';\nexport const sep = EOL + String(typeof yargs);\n");
    const npm = await compileCatalog([...files, join(catalog, 'b.ts')]);
    assert.ok('skipped' in npm && /b\.ts imports 'yargs'/.test(npm.skipped), JSON.stringify(npm));

    write('b.ts', 'export const broken: number = ;\n');
    const broken = await compileCatalog([...files, join(catalog, 'b.ts')]);
    assert.ok('skipped' in broken && /cannot compile/.test(broken.skipped), JSON.stringify(broken));
    const loaded = await loadCatalog(catalog);
    assert.deepEqual(loaded.diagnostics.map((d) => [d.file, d.line, d.message.split(':')[0]]), [[join(catalog, 'b.ts'), 1, 'does not compile']]);
  });

  it('a file of its own (a deployment, a device profile): compiled the same way, and an edit in the same process is seen', async () => {
    write('deployment.ts', "import { defineRemediation } from 'remgen';\nexport const version = 1;\nexport const made = typeof defineRemediation;\n");
    const file = join(catalog, 'deployment.ts');
    assert.deepEqual({ ...(await importTypeScriptFile(file)) }, { version: 1, made: 'function' });
    assert.ok('urls' in (await compileCatalog([file])), 'compiled, not through tsx');
    write('deployment.ts', "export const version = 2;\nexport const made = 'edited';\n");
    assert.deepEqual({ ...(await importTypeScriptFile(file)) }, { version: 2, made: 'edited' });
    // What only CommonJS has: through tsx, by the URL given.
    writeFileSync(join(root, 'package.json'), '{ "private": true }\n');
    write('deployment.ts', "export const version = 3;\nexport const where = __filename;\n");
    assert.deepEqual({ ...(await importTypeScriptFile(file, `${pathToFileURL(file).href}?v=3`)) }, { version: 3, where: file });
  });

  it('the cache reached through a link (node_modules/remgen), from any working folder: compiled, and the modules load', async () => {
    // What a CLI child in an admin's project does: its working folder is the project, remgen is a link.
    const real = mkdtempSync(join(tmpdir(), 'remgen-compile-root-'));
    mkdirSync(join(real, 'node_modules'));
    const project = mkdtempSync(join(tmpdir(), 'remgen-compile-project-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(real, join(project, 'node_modules', 'remgen'), 'dir');
    write('a.ts', REMEDIATION('alpha', 1));
    const from = process.cwd();
    try {
      process.chdir(project);
      for (const cacheRoot of [real, join(project, 'node_modules', 'remgen')]) {
        writeFileSync(join(catalog, 'a.ts'), REMEDIATION('alpha', cacheRoot === real ? 5 : 6));
        const compiled = await compileCatalog([join(catalog, 'a.ts')], cacheRoot);
        assert.ok('urls' in compiled, `${cacheRoot}: ${JSON.stringify(compiled)}`);
        const module = (await import(compiled.urls.get(join(catalog, 'a.ts'))!)) as { default: unknown };
        assert.match(JSON.stringify(module.default), new RegExp(`"value":${cacheRoot === real ? 5 : 6}`));
      }
    } finally {
      process.chdir(from);
      rmSync(real, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('a catalog that is gone takes its record with it; its modules go once they are old; one prune a minute', async () => {
    // A cache of this project's own, so that only this test's folders are in it.
    const compiled = await (async () => {
      write('a.ts', REMEDIATION('alpha', 1));
      return compileCatalog([join(catalog, 'a.ts')], root);
    })();
    assert.ok('urls' in compiled);
    const folder = join(compiled.urls.get(join(catalog, 'a.ts'))!.replace('file://', ''), '..');
    const cache = join(folder, '..');
    assert.equal(cache, join(root, 'node_modules', '.cache', 'remgen', 'modules'));
    const records = () => readdirSync(cache).filter((n) => n.endsWith('.json')).filter((n) => readFileSync(join(cache, n), 'utf8').includes(catalog));
    assert.equal(records().length, 1);
    rmSync(catalog, { recursive: true });
    const old = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(folder, old, old);
    const compileAnother = async (name: string) => {
      const other = mkdtempSync(join(root, `${name}-`));
      writeFileSync(join(other, 'z.ts'), REMEDIATION('zulu', 3));
      assert.ok('urls' in (await compileCatalog([join(other, 'z.ts')], root)));
    };
    // The first compile pruned a moment ago: the next one within the minute leaves the cache alone.
    await compileAnother('soon');
    assert.equal(records().length, 1);
    assert.equal(existsSync(folder), true);
    utimesSync(join(cache, PRUNE_STAMP), old, old);
    await compileAnother('later');
    assert.equal(records().length, 0, 'the record of the removed catalog is gone');
    assert.equal(existsSync(folder), false, 'and its modules, being old');
  });
});
