import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostic.ts';
import type { DeviceProfileProps } from '../model/profile.ts';
import { EXPECTATIONS_FILE, type Expectations } from '../model/expectation.ts';
import { compileCatalog } from './compile.ts';
import { importUserModule } from './typescript.ts';

/** One exported value of a descriptor file that looks like a remediation or a bundle. */
export interface LoadedExport {
  /** Absolute path of the file that exported it. */
  readonly file: string;
  /** `default` or the export's name. */
  readonly exportName: string;
  /** The exported value, not yet checked. */
  readonly value: { readonly type: 'remediation' | 'bundle' } & Record<string, unknown>;
}

export interface LoadResult {
  readonly exports: readonly LoadedExport[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every `.ts` file that was read, sorted. */
  readonly files: readonly string[];
  /** Device profiles (`defineProfile`) exported under `<catalog>/profiles/`, by name: the packages' Pester suites carry them. */
  readonly profiles?: readonly DeviceProfileProps[];
  /** `profiles/expected.json`, when the catalog has one. */
  readonly expectations?: Expectations;
}

async function listTypeScript(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listTypeScript(full)));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

const isDescriptorLike = (value: unknown): value is LoadedExport['value'] =>
  typeof value === 'object' && value !== null &&
  ((value as { type?: unknown }).type === 'remediation' || (value as { type?: unknown }).type === 'bundle');

const isProfile = (value: unknown): value is DeviceProfileProps =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'profile' && typeof (value as { name?: unknown }).name === 'string';

/** Where in `file` an import-time error happened, read off its stack; 1:1 when the stack does not say. */
function locateThrow(error: unknown, file: string): { line: number; column: number } {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  // Frames name the file by URL or by path, depending on the loader.
  for (const name of [pathToFileURL(file).href, file]) {
    for (const frame of stack.split('\n')) {
      const at = frame.indexOf(name);
      if (at < 0) continue;
      const match = /^(?:\?[^:]*)?:(\d+):(\d+)\)?\s*$/.exec(frame.slice(at + name.length));
      if (match) return { line: Number(match[1]), column: Number(match[2]) };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * The compiler's own errors when a file does not compile, each at its file, line and column. tsx
 * compiles with esbuild, whose TransformError lists them as `file:line:col: ERROR: text` (0-based
 * column); the file may be one the descriptor imports.
 */
function compileErrors(error: unknown): Diagnostic[] | undefined {
  if (!(error instanceof Error) || !/^Transform failed with \d+ errors?:/.test(error.message)) return undefined;
  const found: Diagnostic[] = [];
  for (const line of error.message.split('\n').slice(1)) {
    const match = /^(.+?):(\d+):(\d+): ERROR: (.+)$/.exec(line);
    if (!match) continue;
    const named = match[1]!.replace(/\?.*$/, '');
    found.push({
      file: named.startsWith('file:') ? fileURLToPath(named) : resolve(named),
      line: Number(match[2]),
      column: Number(match[3]) + 1,
      message: `does not compile: ${match[4]!}`,
    });
  }
  return found.length > 0 ? found : undefined;
}

/** The modification time each descriptor file had when this process last imported it. */
const imported = new Map<string, number>();

/**
 * The URL to import `file` by: its plain URL the first time (the module another descriptor's import of it
 * shares, so a bundle's rungs load once), and a new `?v=<mtime>` URL when it changed since this process
 * imported it (a long-lived process, a spec that edits a fixture), so an edit is never served from the cache.
 */
async function freshUrl(file: string): Promise<string> {
  const version = (await stat(file)).mtimeMs;
  const before = imported.get(file);
  imported.set(file, version);
  const url = pathToFileURL(file).href;
  return before === undefined || before === version ? url : `${url}?v=${version}`;
}

/**
 * Imports every TypeScript file under `dir` (descriptors are modules; tsx's loader compiles them) and
 * collects each export that is a remediation or a bundle. A file that fails to import is a diagnostic,
 * not a crash.
 */
export async function loadCatalog(dir: string): Promise<LoadResult> {
  const root = resolve(dir);
  let files: string[];
  try {
    files = await listTypeScript(root);
  } catch {
    return { exports: [], files: [], diagnostics: [{ file: root, line: 0, column: 0, message: `catalog folder '${dir}' cannot be read; pass --catalog <folder> or create it` }] };
  }
  const exports: LoadedExport[] = [];
  const diagnostics: Diagnostic[] = [];
  const profiles: DeviceProfileProps[] = [];
  // Every file imported at once (each import is a round trip to tsx's hooks thread, so they overlap), the
  // results taken in file order: the same exports and diagnostics as one after the other.
  // Compiled ahead into plain modules when it can be done exactly (generator/load/compile.ts), else through tsx.
  const compiled = await compileCatalog(files);
  if (process.env.REMGEN_DEBUG_LOAD === '1') process.stderr.write(`remgen: catalog ${'urls' in compiled ? (compiled.cached ? 'compiled (cached)' : 'compiled') : `through tsx (${compiled.skipped})`}\n`);
  if ('urls' in compiled) process.setSourceMapsEnabled(true);
  const imports = await Promise.all(files.map(async (file) => {
    try {
      const url = 'urls' in compiled ? compiled.urls.get(file) : undefined;
      return { file, module: url !== undefined ? (await import(url)) as Record<string, unknown> : await importUserModule(await freshUrl(file)) };
    } catch (error) {
      return { file, error };
    }
  }));
  for (const { file, module, error } of imports) {
    if (!module) {
      const compile = compileErrors(error);
      if (compile) {
        diagnostics.push(...compile);
        continue;
      }
      const where = locateThrow(error, file);
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      diagnostics.push({ file, ...where, message: `cannot load descriptor file: ${reason}` });
      continue;
    }
    for (const [exportName, value] of Object.entries(module)) {
      if (isDescriptorLike(value)) exports.push({ file, exportName, value });
      else if (isProfile(value) && file.startsWith(join(root, 'profiles') + sep)) profiles.push(value);
    }
  }
  if (exports.length === 0 && diagnostics.length === 0) {
    const what = files.length === 0 ? 'the folder holds no .ts file' : 'no .ts file in it exports a remediation or bundle';
    diagnostics.push({ file: root, line: 0, column: 0, message: `no descriptor found: ${what}; write one with defineRemediation (see the README) or pass --catalog <folder>` });
  }
  profiles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let expectations: Expectations | undefined;
  const expectedFile = join(root, EXPECTATIONS_FILE);
  try {
    expectations = JSON.parse(await readFile(expectedFile, 'utf8')) as Expectations;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') {
      diagnostics.push({ file: expectedFile, line: 1, column: 1, message: `cannot read the recorded expectations: ${error instanceof Error ? error.message : String(error)}; run 'npm run profile:expect'` });
    }
  }
  return { exports, diagnostics, files, profiles, ...(expectations ? { expectations } : {}) };
}
