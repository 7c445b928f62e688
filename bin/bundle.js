// The generator as one ES module, so `remgen` starts without compiling ~190 TypeScript modules through
// tsx's hooks on every run. Plain JavaScript: it runs before any TypeScript loader exists.
//
// What goes in: generator/cli/main.ts (the CLI) and generator/descriptor/index.ts (the descriptor language,
// what `import ... from 'remgen'` gives a descriptor), with every generator module they import, statically
// or by `import()`, and packages/pester-ts-runner, and yargs, which every command loads (about 40 small
// modules: carried, it starts some 25 ms sooner; its locale files are still read from node_modules, through
// the rewritten `import.meta.url` below). The other npm dependencies stay outside (imported from node_modules
// as before), and so do the user's descriptors: their import of 'remgen' is pointed at this same module
// (generator/load/compile.ts, generator/load/typescript.ts), so generator and descriptors share one copy of
// the step rooms.
//
// Where: <cache>/<key>/remgen.js, <cache> = node_modules/.cache/remgen under the project (a fixed place
// relative to the sources: each module's `import.meta.url` is rewritten to its source file's URL relative to
// the bundle, so templates, the engine's scripts and package.json are read from where they are).
//
// Freshness rule: the bundle is used only when every file esbuild read to make it (each module, and the
// package.json and tsconfig.json files above them) has, now, the bytes it had then, and this file too: one
// SHA-256 over their paths and contents, computed at every start (about 260 files, 1.3 MB, ~10 ms) and compared with the
// one recorded beside the bundle. Anything else (a file edited, added to an import, deleted; no record) builds
// the bundle again first. When it cannot be built (esbuild missing, a source that does not compile, a cache
// that cannot be written), the CLI runs the TypeScript sources through tsx, as it always did, so the code
// that runs is never older than the sources. REMGEN_BUNDLE=0 always runs the sources.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

/** The project: the folder holding bin/. */
export const ROOT = resolve(fileURLToPath(new URL('../', import.meta.url)));
const SELF = fileURLToPath(import.meta.url);

/** The modules the bundle starts from, relative to the project, and what the bundle exports from each. */
const ENTRY = "export { main } from './generator/cli/main.ts';\nexport * from './generator/descriptor/index.ts';\n";

/**
 * npm packages the bundle imports from node_modules instead of carrying (their subpaths too): loaded only by
 * some commands (Graph, esbuild, mocha, ts-morph, tsx), or CommonJS that the generator requires itself (ajv's
 * runtime, handlebars).
 */
const EXTERNAL = [
  '@azure/identity', '@microsoft/microsoft-graph-client', 'ajv', 'esbuild', 'handlebars', 'mocha', 'ts-morph', 'tsx', 'typescript',
];

const RECORD = 'current.json';

/** node_modules/.cache/remgen under `root`. */
export const cacheDirOf = (root) => join(root, 'node_modules', '.cache', 'remgen');

/**
 * One SHA-256 over `files` (paths relative to `root`, in the order given) and their bytes, and this file's.
 * Throws when a file cannot be read (deleted, renamed): the caller treats that as stale.
 */
function inputsHash(root, files) {
  const hash = createHash('sha256');
  hash.update(readFileSync(SELF));
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

/**
 * The bundle recorded for `root`, when it is fresh by the rule above: `{ url, key }`; otherwise undefined.
 * Never throws.
 */
export function freshBundle(root = ROOT, cacheDir = cacheDirOf(root)) {
  try {
    const record = JSON.parse(readFileSync(join(cacheDir, RECORD), 'utf8'));
    if (!record || typeof record.key !== 'string' || !Array.isArray(record.inputs)) return undefined;
    if (inputsHash(root, record.inputs) !== record.key) return undefined;
    const file = join(cacheDir, record.key.slice(0, 16), 'remgen.js');
    return existsSync(file) ? { url: pathToFileURL(file).href, key: record.key } : undefined;
  } catch {
    return undefined;
  }
}

const loaderOf = (file) => ({ '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.json': 'json' })[extname(file)] ?? 'js';

/** package.json and tsconfig.json files in `file`'s folder and those above it, up to `root`. */
function settingsAbove(root, file) {
  const found = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    for (const name of ['package.json', 'tsconfig.json']) if (existsSync(join(dir, name))) found.push(join(dir, name));
    if (dir === root || dirname(dir) === dir || relative(root, dir).startsWith('..')) break;
  }
  return found;
}

/**
 * Builds the bundle for `root` into `cacheDir` and records it; returns `{ url, key }`, or `{ error }` (a
 * sentence) when it cannot. Safe when several processes build at once: each builds into its own folder and
 * the first to finish names it by its key; the record is replaced in one rename.
 */
export async function buildBundle(root = ROOT, cacheDir = cacheDirOf(root)) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    return { error: `esbuild cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const scratch = join(cacheDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(scratch, { recursive: true });
    /** Every file esbuild read, with the bytes it read, so the key is of exactly what went in. */
    const read = new Map();
    const result = await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'remgen-bundle-entry.ts', loader: 'ts' },
      outfile: join(scratch, 'remgen.js'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      // Class and function names as written (an error's name, a room's factory), not esbuild's renames.
      keepNames: true,
      // Paths through node_modules as they are, not as their links resolve: a node_modules of links (a copy of the
      // project, a linked package) keeps every input under the project, where the record can name it.
      preserveSymlinks: true,
      legalComments: 'none',
      logLevel: 'silent',
      // CommonJS modules in the bundle (the precompiled validators) call require(): give them Node's.
      banner: { js: "import { createRequire as __remgenCreateRequire } from 'node:module';\nconst require = __remgenCreateRequire(import.meta.url);" },
      plugins: [{
        name: 'remgen-sources',
        setup(build) {
          build.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
            const bytes = readFileSync(args.path);
            read.set(args.path, bytes);
            let contents = bytes.toString('utf8');
            if (contents.includes('import.meta.url')) {
              // The module's own URL, as it would be unbundled: its source file, found from the bundle's URL.
              const fromBundle = relative(scratch, args.path).split(sep).join('/');
              contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`);
            }
            return { contents, loader: loaderOf(args.path) };
          });
        },
      }],
    });
    if (result.errors.length > 0) return { error: result.errors[0].text };
    const settings = new Set([...read.keys()].flatMap((file) => settingsAbove(root, file)));
    for (const file of settings) if (!read.has(file)) read.set(file, readFileSync(file));
    const inputs = [...read.keys()].map((file) => relative(root, file).split(sep).join('/')).sort();
    if (inputs.some((file) => file.startsWith('..'))) return { error: `an input lies outside ${root}: ${inputs.find((file) => file.startsWith('..'))}` };
    // The key is over the bytes esbuild read; a file changed since then makes the check at the next start fail.
    const keyHash = createHash('sha256');
    keyHash.update(readFileSync(SELF));
    for (const file of inputs) {
      keyHash.update(`\0${file}\0`);
      keyHash.update(read.get(join(root, ...file.split('/'))));
    }
    const key = keyHash.digest('hex');
    const dir = join(cacheDir, key.slice(0, 16));
    try {
      renameSync(scratch, dir);
    } catch {
      // Another process built the same key first: its bundle is this one.
      if (!existsSync(join(dir, 'remgen.js'))) throw new Error(`cannot move the bundle into ${dir}`);
    }
    const record = join(cacheDir, `.${RECORD}-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(record, JSON.stringify({ key, built: new Date().toISOString(), inputs }, null, 1) + '\n');
    renameSync(record, join(cacheDir, RECORD));
    prune(cacheDir, key.slice(0, 16));
    return { url: pathToFileURL(join(dir, 'remgen.js')).href, key };
  } catch (error) {
    const first = error && Array.isArray(error.errors) && error.errors[0] ? error.errors[0].text : error instanceof Error ? error.message : String(error);
    return { error: first };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A build that stopped half-way (its process killed) leaves its scratch; one this old is not running. */
const STALE_SCRATCH_MS = 10 * 60 * 1000;

/**
 * Removes bundles other than `keep` (a process still running one has it loaded already), and scratch
 * folders and records older than {@link STALE_SCRATCH_MS} (another build may be writing a newer one).
 */
function prune(cacheDir, keep) {
  for (const name of readdirSync(cacheDir)) {
    // Only bundles (a key's first 16 hex digits) and this file's scratch: the folder also holds the compiled
    // catalogs (`modules/`, generator/load/compile.ts), which another process may be importing right now.
    if (name === keep || name === RECORD || !(/^[0-9a-f]{16}$/.test(name) || name.startsWith('.'))) continue;
    const path = join(cacheDir, name);
    try {
      if (name.startsWith('.') && Date.now() - statSync(path).mtimeMs < STALE_SCRATCH_MS) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process pruned it).
    }
  }
}

/** The fresh bundle, built first when there is none: `{ url, key, built }`, or `{ error }`. */
export async function ensureBundle(root = ROOT, cacheDir = cacheDirOf(root)) {
  const fresh = freshBundle(root, cacheDir);
  if (fresh) return { ...fresh, built: false };
  const made = await buildBundle(root, cacheDir);
  return made.error === undefined ? { ...made, built: true } : made;
}

// `node bin/bundle.js` (npm's prepare): build it now, so the first `remgen` does not. Never fails the install.
if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const made = await ensureBundle();
  process.stderr.write(made.error === undefined
    ? `remgen: generator bundle ${made.built ? 'built' : 'up to date'} (${fileURLToPath(made.url)})\n`
    : `remgen: no generator bundle (${made.error}); remgen will run its TypeScript sources through tsx\n`);
}
