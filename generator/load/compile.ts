import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importUserModule } from './typescript.ts';

/**
 * A catalog's TypeScript compiled ahead, in one step, into plain ES modules kept in a cache: the fast way to
 * load a catalog. tsx compiles each file on its hooks thread as Node imports it; that thread (starting it,
 * loading tsx into it, one round trip per import) cost about 150 ms of CPU of a cold `remgen build` of the
 * bundled catalog (bench/RESULTS.md). Here esbuild (the compiler tsx itself uses) compiles every file of the catalog at once into
 * `node_modules/.cache/remgen/modules/<key>/`, with shared modules split into common chunks, so each module
 * still exists once (a bundle's rungs are the very objects their own files export) and Node imports plain
 * JavaScript with no loader hooks at all. The next build with the same bytes imports the cache directly.
 *
 * What the compiled modules keep of the sources: `import.meta.url` (and `dirname`, `filename`) is the source
 * file's, so a file read next to a descriptor is read where it is; a stack frame points at the source's line
 * and column (source maps, which Node applies once enabled); `import ... from 'remgen'` is the very module
 * the generator runs (its bundle, or its sources under tsx), as generator/load/typescript.ts arranges for tsx.
 *
 * Only what this can do exactly is done here; everything else goes to tsx, file by file, as before: a file
 * outside an ES module package (CommonJS TypeScript) that uses what only CommonJS has (require, module.exports,
 * __dirname) or what it lacks (top-level await, import.meta), an import of any npm package other than remgen,
 * a compile error (tsx's own message carries the diagnostics the check reports), anything esbuild warns about
 * (a dynamic import it cannot follow, for one), and a cache that cannot be written.
 *
 * Freshness: the key is one SHA-256 over every file esbuild read (path and bytes), the package.json and
 * tsconfig.json files above them, this module's own source and what `remgen` resolves to. A record per
 * catalog (its sorted entry files) lists those inputs; at the next load they are hashed again (a few KiB)
 * and the cache is used only when the hash is the key.
 */

/** Where the modules of `root` (the project holding the generator) are kept. */
const cacheDirOf = (root: string): string => join(root, 'node_modules', '.cache', 'remgen', 'modules');

const GENERATOR_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The descriptor language's source entry: what `import ... from 'remgen'` resolves to in this project. */
const DESCRIPTOR_SOURCE = fileURLToPath(new URL('../descriptor/index.ts', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

interface CatalogRecord {
  readonly key: string;
  readonly entries: readonly string[];
  /** Every input, absolute. */
  readonly inputs: readonly string[];
  /** Each entry's compiled module, relative to the key's folder. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Every file written (the entries' modules and the shared chunks), relative to the key's folder. */
  readonly files: readonly string[];
}

/** Why the fast way was not taken, for REMGEN_DEBUG_LOAD; the catalog then loads through tsx. */
export type CompileOutcome =
  | { readonly urls: ReadonlyMap<string, string>; readonly cached: boolean }
  | { readonly skipped: string };

/** What only CommonJS has, or what CommonJS TypeScript gives another meaning (tsx makes `import.meta` empty). */
const COMMONJS_ONLY = /\brequire\s*[(.]|\bmodule\.exports\b|\bexports\.[\w$]|\b__dirname\b|\b__filename\b|\bimport\.meta\b|^\s*export\s*=/m;

/** Whether Node loads `file` as an ES module: `.mts`/`.mjs`, or `.ts`/`.js` under a package.json with `"type": "module"`. */
function isEsm(file: string, known: Map<string, boolean>): boolean {
  const extension = extname(file);
  if (extension === '.mts' || extension === '.mjs') return true;
  if (extension === '.cts' || extension === '.cjs') return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const seen = known.get(dir);
    if (seen !== undefined) return seen;
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      let module: boolean;
      try {
        module = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        module = false;
      }
      known.set(dir, module);
      return module;
    }
    if (dirname(dir) === dir) return false;
  }
}

/** package.json and tsconfig.json files in `file`'s folder and every folder above it. */
function settingsAbove(file: string): string[] {
  const found: string[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    for (const name of ['package.json', 'tsconfig.json']) if (existsSync(join(dir, name))) found.push(join(dir, name));
    if (dirname(dir) === dir) return found;
  }
}

/** What the compiled modules import for 'remgen': the generator's bundle when it runs from one, else its sources. */
function remgenTarget(): string {
  const state = (globalThis as { [key: symbol]: { bundle?: { url: string } } | undefined })[Symbol.for('remgen.typescript-loader')];
  return state?.bundle?.url ?? pathToFileURL(DESCRIPTOR_SOURCE).href;
}

function keyOf(inputs: readonly string[], read: (file: string) => Buffer, target: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(SELF));
  hash.update(`\0${target}\0`);
  for (const file of inputs) {
    hash.update(`\0${file}\0`);
    hash.update(read(file));
  }
  return hash.digest('hex');
}

/** The record's modules when every input still has the bytes it had; otherwise undefined. Never throws. */
function cached(cacheDir: string, recordFile: string, entries: readonly string[], target: string): Map<string, string> | undefined {
  try {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as CatalogRecord;
    if (record.entries.length !== entries.length || record.entries.some((e, i) => e !== entries[i])) return undefined;
    if (keyOf(record.inputs, (file) => readFileSync(file), target) !== record.key) return undefined;
    const dir = join(cacheDir, record.key.slice(0, 24));
    // A chunk gone (removed by hand, a disk cleaner) would fail the import: compile again instead.
    if (!Array.isArray(record.files) || record.files.some((file: string) => !existsSync(join(dir, file)))) return undefined;
    const urls = new Map<string, string>();
    for (const entry of entries) {
      const out = record.outputs[entry];
      if (out === undefined) return undefined;
      urls.set(entry, pathToFileURL(join(dir, out)).href);
    }
    return urls;
  } catch {
    return undefined;
  }
}

class NotHere extends Error {}

/**
 * Compiles `entries` (absolute paths of a catalog's .ts files, sorted) into the cache, or finds them there:
 * each entry's module URL. `{ skipped }` says why tsx should load them instead. Never throws.
 */
export async function compileCatalog(entries: readonly string[], root = GENERATOR_ROOT): Promise<CompileOutcome> {
  if (process.env.REMGEN_COMPILE === '0') return { skipped: 'REMGEN_COMPILE=0' };
  if (entries.length === 0) return { skipped: 'no file' };
  const typeOfFolder = new Map<string, boolean>();
  // A catalog outside an ES module package (what `npm init` makes) is CommonJS TypeScript to tsx. Written with
  // import and export only, it means the same as an ES module, so it is compiled too; what only CommonJS has
  // (require, module.exports, __dirname) or lacks (top-level await, import.meta) is left to tsx.
  const commonJsEntries = entries.some((file) => !isEsm(file, typeOfFolder));
  const cacheDir = cacheDirOf(root);
  const target = remgenTarget();
  const recordFile = join(cacheDir, `${createHash('sha256').update(JSON.stringify([target, ...entries])).digest('hex').slice(0, 24)}.json`);
  const hit = cached(cacheDir, recordFile, entries, target);
  if (hit) return { urls: hit, cached: true };

  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    return { skipped: `esbuild cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  let scratch = join(cacheDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(scratch, { recursive: true });
    // Its real path: esbuild reports the paths it wrote with the links in them resolved (node_modules/remgen
    // is often a link), and a path spelled another way would not name the same file.
    scratch = realpathSync(scratch);
    const read = new Map<string, Buffer>();
    const outbase = commonRoot(entries);
    const result = await esbuild.build({
      entryPoints: [...entries],
      // Paths esbuild reports are relative to this, never to the process's working folder (which a caller
      // may change while the build runs).
      absWorkingDir: scratch,
      outdir: scratch,
      outbase,
      // Every output is .mjs: Node loads it as an ES module wherever the cache lies.
      outExtension: { '.js': '.mjs' },
      entryNames: '[dir]/[name]',
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // In the module itself: one file per module, and Node reads it only once source maps are on.
      sourcemap: 'inline',
      keepNames: true,
      metafile: true,
      logLevel: 'silent',
      // CommonJS has no top-level await (tsx refuses it there): an error here, so tsx says so.
      ...(commonJsEntries ? { supported: { 'top-level-await': false } } : {}),
      plugins: [{
        name: 'remgen-catalog',
        setup(build) {
          build.onResolve({ filter: /^[^./]|^\.[^./]|^\.\.[^/]/ }, (args) => {
            if (args.kind === 'entry-point' || isAbsolute(args.path)) return undefined;
            if (isBuiltin(args.path)) return { path: args.path, external: true };
            if (args.path === 'remgen') return args.pluginData === 'remgen-probe' ? undefined : resolveRemgen(build, args.resolveDir, args.importer, target);
            throw new NotHere(`${args.importer} imports '${args.path}'`);
          });
          build.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
            const bytes = readFileSync(args.path);
            read.set(args.path, bytes);
            let contents = bytes.toString('utf8');
            if (!args.path.endsWith('.json') && !isEsm(args.path, typeOfFolder)) {
              const only = COMMONJS_ONLY.exec(contents);
              if (only) throw new NotHere(`${args.path} is CommonJS and uses ${only[0].trim()}`);
              if (!commonJsEntries) throw new NotHere(`${args.path} is CommonJS, imported by an ES module catalog`);
            }
            if (contents.includes('import.meta.')) {
              const url = pathToFileURL(args.path).href;
              contents = contents
                .replaceAll('import.meta.url', JSON.stringify(url))
                .replaceAll('import.meta.filename', JSON.stringify(args.path))
                .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
            }
            return { contents, loader: ({ '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.json': 'json' } as const)[extname(args.path)] ?? 'js' };
          });
        },
      }],
    });
    if (result.errors.length > 0 || result.warnings.length > 0) return { skipped: `esbuild: ${(result.errors[0] ?? result.warnings[0])!.text}` };
    const settings = new Set([...read.keys()].flatMap(settingsAbove));
    for (const file of settings) if (!read.has(file)) read.set(file, readFileSync(file));
    const inputs = [...read.keys()].sort();
    const key = keyOf(inputs, (file) => read.get(file)!, target);
    // Each entry's module, where entryNames puts it: its path below outbase, as .mjs.
    const outputs: Record<string, string> = {};
    for (const entry of entries) {
      const below = relative(outbase, entry);
      outputs[entry] = join(dirname(below), `${basename(below, extname(below))}.mjs`).split(sep).join('/');
    }
    const files = Object.keys(result.metafile.outputs).map((out) => relative(scratch, resolve(scratch, out)).split(sep).join('/')).sort();
    const missing = entries.find((e) => !files.includes(outputs[e]!));
    if (missing !== undefined) return { skipped: `esbuild wrote no module for ${missing}` };
    const dir = join(cacheDir, key.slice(0, 24));
    try {
      renameSync(scratch, dir);
    } catch {
      // Another process compiled the same key first: its modules are these, unless some are gone from it.
      if (files.some((file) => !existsSync(join(dir, file)))) {
        rmSync(dir, { recursive: true, force: true });
        renameSync(scratch, dir);
      }
      if (!existsSync(dir)) throw new Error(`cannot move the compiled catalog into ${dir}`);
    }
    const temp = `${recordFile}.${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(temp, JSON.stringify({ key, entries, inputs, outputs, files } satisfies CatalogRecord) + '\n');
    renameSync(temp, recordFile);
    prune(cacheDir);
    return { urls: new Map(entries.map((e) => [e, pathToFileURL(join(dir, outputs[e]!)).href])), cached: false };
  } catch (error) {
    const found = error instanceof NotHere ? error : (error as { errors?: Array<{ detail?: unknown; text?: string }> }).errors?.find((e) => e.detail instanceof NotHere)?.detail;
    if (found instanceof NotHere) return { skipped: found.message };
    const first = (error as { errors?: Array<{ text?: string }> }).errors?.[0]?.text ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
    return { skipped: `cannot compile: ${first}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** 'remgen' as Node would resolve it from `resolveDir`: external to {@link remgenTarget} when it is this generator's language. */
async function resolveRemgen(build: import('esbuild').PluginBuild, resolveDir: string, importer: string, target: string): Promise<import('esbuild').OnResolveResult> {
  const resolved = await build.resolve('remgen', { kind: 'import-statement', resolveDir, importer, pluginData: 'remgen-probe' });
  if (resolved.errors.length > 0 || resolve(resolved.path) !== DESCRIPTOR_SOURCE) {
    throw new NotHere(`${importer} imports a 'remgen' other than this one (${resolved.path || 'unresolved'})`);
  }
  return { path: target, external: true };
}

/** The deepest folder holding every file. */
function commonRoot(files: readonly string[]): string {
  let common = dirname(files[0]!);
  for (const file of files) while (!(file.startsWith(common + sep) || dirname(common) === common)) common = dirname(common);
  return common;
}

/** A module folder no record names is removed once it is this old (a process that uses it imported it at its start). */
const KEEP_MS = 10 * 60 * 1000;
/** At most one prune this often per cache, and at most this many folders removed by one: a build pays little. */
const PRUNE_EVERY_MS = 60 * 1000;
const PRUNE_AT_MOST = 100;
/** The stamp of the last prune, in the cache folder. */
export const PRUNE_STAMP = '.pruned';

/**
 * Keeps the cache small: a record whose catalog is gone (a temporary catalog) goes with its modules; a
 * module folder no record names goes once it is ten minutes old (a process that is still importing it
 * started since), and a build's scratch left by a killed process once it is an hour old. Runs after a
 * compile, at most once a minute, and removes at most {@link PRUNE_AT_MOST} folders (the rest at later ones).
 */
function prune(cacheDir: string): void {
  const named = new Set<string>();
  const now = Date.now();
  const stamp = join(cacheDir, PRUNE_STAMP);
  let names: string[];
  try {
    if (existsSync(stamp) && now - statSync(stamp).mtimeMs < PRUNE_EVERY_MS) return;
    writeFileSync(stamp, `${new Date(now).toISOString()}\n`);
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      const record = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as CatalogRecord;
      if (record.entries.every((e) => existsSync(e))) named.add(record.key.slice(0, 24));
      else rmSync(join(cacheDir, name), { force: true });
    } catch {
      // Being replaced by another process, or unreadable: left for a later prune.
    }
  }
  let removed = 0;
  for (const name of names) {
    if (removed >= PRUNE_AT_MOST) break;
    if (name.endsWith('.json') || name === PRUNE_STAMP || named.has(name)) continue;
    const path = join(cacheDir, name);
    try {
      const age = now - statSync(path).mtimeMs;
      if (age > (name.startsWith('.') ? 60 * 60 * 1000 : KEEP_MS)) {
        rmSync(path, { recursive: true, force: true });
        removed += 1;
      }
    } catch {
      // Removed by another process already.
    }
  }
}

/**
 * One user TypeScript file that is not part of a catalog (a deployment, a device profile): compiled ahead like
 * a catalog of one file, or, when it cannot be, imported through tsx by `fallbackUrl` (the file's URL, with a
 * query that makes an edited file a new module in a long-lived process).
 */
export async function importTypeScriptFile(file: string, fallbackUrl = pathToFileURL(file).href): Promise<Record<string, unknown>> {
  const compiled = await compileCatalog([resolve(file)]);
  if (process.env.REMGEN_DEBUG_LOAD === '1') process.stderr.write(`remgen: ${file} ${'urls' in compiled ? (compiled.cached ? 'compiled (cached)' : 'compiled') : `through tsx (${compiled.skipped})`}\n`);
  if (!('urls' in compiled)) return importUserModule(fallbackUrl);
  process.setSourceMapsEnabled(true);
  return (await import(compiled.urls.get(resolve(file))!)) as Record<string, unknown>;
}
