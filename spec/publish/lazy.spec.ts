import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, REPO } from '../support/temp-catalog.ts';

/** Issue 16 measures start-up: nothing of publish, @azure/identity or the Graph client may load unless publish runs. */
describe('publish is loaded lazily', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'remgen-lazy-'));
  const list = join(dir, 'loaded.txt');
  const hook = join(dir, 'hook.mjs');
  writeFileSync(hook, `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(s, c, n) { const r = await n(s, c); appendFileSync(${JSON.stringify(list)}, r.url + '\\\\n'); return r; }
\`));
`);
  // The sources' module graph (REMGEN_BUNDLE=0): under the bundle the generator (and yargs) is one module,
  // and only the other npm packages load as modules of their own (the last test).
  const loaded = (...args: string[]): string[] => loadedWith('0', ...args);
  const loadedWith = (bundle: '0' | '1', ...args: string[]): string[] => {
    writeFileSync(list, '');
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, REMGEN_BUNDLE: bundle } });
    assert.ok(run.status !== null, run.stderr);
    return readFileSync(list, 'utf8').split('\n').filter(Boolean);
  };
  const graphish = (urls: string[]): string[] => urls.filter((u) => /@azure\/|microsoft-graph|\/generator\/publish\/|\/deployment\.(ts|validate)/.test(u));

  it('remgen --help and remgen build --help load none of it', () => {
    const help = loaded('--help');
    assert.ok(help.length > 10, 'the hook sees the modules');
    assert.deepEqual(graphish(help), []);
    assert.deepEqual(graphish(loaded('build', '--help')), []);
  });

  it('remgen publish --help parses without loading it either; the hook does see it when publish runs', () => {
    assert.deepEqual(graphish(loaded('publish', '--help')), []);
    const run = graphish(loaded('publish', join(dir, 'missing.ts'), '--no-sign'));
    assert.ok(run.some((u) => u.includes('/generator/publish/')), 'the check can fail');
  });

  it('under the generator bundle, --help loads neither @azure/identity nor the Graph client', () => {
    const help = loadedWith('1', '--help');
    assert.ok(help.some((u) => u.includes('/node_modules/.cache/remgen/')), 'the bundle ran');
    // yargs is carried in the bundle now, so the hook's witness is an import only the bundle itself makes (its
    // banner's createRequire from node:module): the hook sees what the bundle imports, npm packages included.
    assert.ok(help.includes('node:module'), 'the hook sees the bundle\'s imports');
    assert.deepEqual(graphish(help), []);
    assert.deepEqual(graphish(loadedWith('1', 'publish', '--help')), []);
  });
});
