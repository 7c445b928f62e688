import { constants } from 'node:fs';
import { access, copyFile, link, mkdir, open, readFile, readdir, rename, rm, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { gatedBytes } from '../render/gate.ts';
import { asciiJson } from '../render/json.ts';
import { sha256, type ManifestEntry, type Synthesis } from '../synthesize.ts';

/**
 * The write stage. The new tree is assembled in a staging folder beside out/ (unchanged files are
 * hard-linked, so they keep their inode and timestamp; a new file with the same bytes as another new one is
 * a hard link to it), then swapped into place with renames. A build that fails before the swap leaves out/
 * exactly as it was.
 */

export type FileStatus = 'created' | 'updated' | 'unchanged' | 'removed';

/**
 * The write stage could not write: `path` is where and `cause` the system error. Unless `written` is
 * set, out/ was left exactly as it was and nothing was left beside it.
 */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
    /** out/ holds the new build, but the old copy beside it (`path`) could not be removed. */
    readonly written = false,
  ) {
    super(`${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'WriteError';
  }
}

export interface FileReport {
  readonly path: string;
  readonly status: FileStatus;
  /** SHA-256 (hex) and size of the bytes the build produces; absent for a removed file. */
  readonly sha256?: string;
  readonly size?: number;
}

export interface Manifest {
  readonly generator: { readonly name: 'remgen'; readonly version: string };
  readonly signing: { readonly status: 'signed'; readonly thumbprint: string; readonly subject: string } | { readonly status: 'unsigned' };
  readonly files: readonly ManifestEntry[];
}

export const MANIFEST = 'manifest.json';

async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/**
 * The signed scripts of the build now in out/ (those its manifest lists as signed), by path relative to
 * out/. `build` reads them before the pipeline runs and gives them to the sign stage as data, so that an
 * unchanged script keeps its signature; empty when out/ or its manifest is missing.
 */
export async function readSignedOutput(outDir: string): Promise<Map<string, Uint8Array>> {
  const out = resolve(outDir);
  const listed: unknown = (await readManifest(out))?.files;
  const entries = Array.isArray(listed) ? (listed as readonly Partial<ManifestEntry>[]) : [];
  const paths = entries.filter((entry) => entry?.signed === true && typeof entry.path === 'string').map((entry) => entry.path!);
  const read = await Promise.all(
    paths
      .filter((path) => resolve(out, path).startsWith(out + sep))
      .map(async (path) => [path, await readIfExists(join(out, path))] as const),
  );
  return new Map(read.filter((entry): entry is readonly [string, Buffer] => entry[1] !== undefined));
}

/** How much of a file {@link compareWithFile} reads at a time. */
const COMPARE_CHUNK = 64 * 1024;

/**
 * The file at `path` against `bytes`: `missing` when it cannot be opened, else `same` or `different`. The file
 * is read a chunk at a time and compared as it comes, so a build does not hold a second copy of its output.
 */
async function compareWithFile(path: string, bytes: Uint8Array): Promise<'missing' | 'same' | 'different'> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return 'missing';
  }
  try {
    const stats = await handle.stat();
    // Not a file (a folder where the build puts a file): as missing, as reading it fails.
    if (!stats.isFile()) return 'missing';
    if (stats.size !== bytes.length) return 'different';
    const chunk = Buffer.allocUnsafe(Math.min(COMPARE_CHUNK, Math.max(bytes.length, 1)));
    for (let at = 0; ; ) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) return at === bytes.length ? 'same' : 'different';
      if (at + bytesRead > bytes.length || Buffer.compare(chunk.subarray(0, bytesRead), bytes.subarray(at, at + bytesRead)) !== 0) return 'different';
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** Whether two paths name one file (a hard link and its first name): the same device and inode. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a), stat(b)]);
  return x.dev === y.dev && x.ino === y.ino;
}

/**
 * The manifest after this build: entries of packages not rebuilt (a partial `build <ids>`) are kept,
 * entries of rebuilt packages are replaced.
 */
function mergeManifest(previous: Manifest | undefined, synthesis: Synthesis, partial: boolean): Manifest {
  const rebuilt = new Set(synthesis.packages.map((p) => p.dir));
  const kept = partial
    ? (previous?.files ?? []).filter((entry) => ![...rebuilt].some((dir) => entry.path.startsWith(`${dir}/`)))
    : [];
  const files = [...kept, ...synthesis.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    generator: { name: 'remgen', version: synthesis.generatorVersion },
    signing: synthesis.signer
      ? { status: 'signed', thumbprint: synthesis.signer.thumbprint, subject: synthesis.signer.subject }
      : { status: 'unsigned' },
    files,
  };
}

/** `fn` over `items` with at most `limit` calls in flight; results in the items' order; the first rejection rejects. */
async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 16): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every file the build would produce, manifest included, with what it would do to each. */
export async function planWrite(outDir: string, synthesis: Synthesis, options: { readonly partial: boolean }): Promise<{
  readonly reports: FileReport[];
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly removed: readonly string[];
}> {
  const out = resolve(outDir);
  const previous = await readManifest(out);
  const manifest = mergeManifest(previous, synthesis, options.partial);
  const files = new Map(synthesis.files);
  files.set(MANIFEST, gatedBytes(MANIFEST, asciiJson(manifest)));
  const current = new Set(manifest.files.map((f) => f.path));
  // Generated files of the previous build that this build no longer produces; other files are left alone.
  const removed = (previous?.files ?? []).map((f) => f.path).filter((p) => !current.has(p) && !files.has(p));
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // The synthesis hashed its files already (its manifest entries, of these same bytes): hashed once.
  const hashed = new Map(synthesis.entries.map((entry) => [entry.path, entry.sha256]));
  const reports: FileReport[] = await mapConcurrently(sorted, async ([path, bytes]) => {
    const found = await compareWithFile(join(out, path), bytes);
    const status = found === 'missing' ? 'created' : found === 'same' ? 'unchanged' : 'updated';
    const known = synthesis.files.get(path) === bytes ? hashed.get(path) : undefined;
    return { path, status, sha256: known ?? sha256(bytes), size: bytes.length };
  });
  const gone = await mapConcurrently(removed, async (path) => ((await readIfExists(join(out, path))) !== undefined ? path : undefined));
  for (const path of gone) if (path !== undefined) reports.push({ path, status: 'removed' });
  return { reports, files, removed };
}

/** Copies `from` into `to` as hard links (a copy with the same times where linking is refused). */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await mapConcurrently(await readdir(from, { withFileTypes: true }), async (entry) => {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await linkTree(source, target);
    } else {
      try {
        await link(source, target);
      } catch {
        await copyFile(source, target);
        const times = await stat(source);
        await utimes(target, times.atime, times.mtime);
      }
    }
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws WriteError for the first folder, out/ or one in it, that cannot be changed: the swap renames
 * out/ and then removes the old copy, which needs every folder in it writable, so this is checked before
 * anything is staged (a file system that refuses later still fails before out/ is touched).
 */
async function checkWritable(folder: string): Promise<void> {
  try {
    await access(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new WriteError(folder, error);
  }
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) await checkWritable(join(folder, entry.name));
  }
}

/** Removes folders that the removal of generated files left empty, up to the staging root. */
async function pruneEmpty(root: string, folder: string): Promise<void> {
  let current = folder;
  while (current.startsWith(root) && current !== root) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    current = dirname(current);
  }
}

/** Writes the build into out/: created, updated and removed files change; unchanged ones are not touched. */
export async function writeOutput(outDir: string, synthesis: Synthesis, options: { readonly partial: boolean }): Promise<FileReport[]> {
  const out = resolve(outDir);
  const { reports, files } = await planWrite(out, synthesis, options);
  if (reports.every((r) => r.status === 'unchanged')) return reports;

  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(dirname(out), `.${basename(out)}.staging-${stamp}`);
  const retired = join(dirname(out), `.${basename(out)}.old-${stamp}`);
  if (await exists(out)) await checkWritable(out);
  // A path in the staging folder is shown as the out/ path it stands for; the staging folder itself
  // is a file in out/'s parent.
  const shown = (path: string | undefined): string =>
    path === undefined ? out : path === staging ? dirname(out) : path.startsWith(staging) ? out + path.slice(staging.length) : path;
  try {
    const linked = await exists(out);
    if (linked) await linkTree(out, staging);
    else await mkdir(staging, { recursive: true });
    // Files are independent of each other: written and read back concurrently (each await is a trip to
    // libuv's thread pool); removals afterwards, one by one, since each may prune folders.
    const changed = reports.filter((r) => r.status === 'created' || r.status === 'updated');
    // Each folder made once, parents before children, and the folders of one depth at once (each mkdir is a
    // trip to libuv's thread pool, which makes several at a time).
    const folders = new Set<string>();
    for (const report of changed) {
      for (let folder = dirname(join(staging, report.path)); folder.length > staging.length && !folders.has(folder); folder = dirname(folder)) folders.add(folder);
    }
    const byDepth = new Map<number, string[]>();
    for (const folder of folders) {
      const depth = folder.split(sep).length;
      const level = byDepth.get(depth);
      if (level) level.push(folder);
      else byDepth.set(depth, [folder]);
    }
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      await mapConcurrently(byDepth.get(depth)!, (folder) => mkdir(folder).catch((error: NodeJS.ErrnoException) => {
        // A folder of the previous build, hard-linked into the staging tree, is there already.
        if (error.code !== 'EEXIST') throw error;
      }));
    }
    // A file with the same bytes as one before it (each package's copy of the harness, of the suite, of
    // devices.psd1 for the same devices) is a hard link to that one, not a second copy: a copy where linking
    // is refused.
    const firstOf = new Map<string, string>();
    const copies: Array<{ readonly report: FileReport; readonly first: string }> = [];
    const originals: FileReport[] = [];
    for (const report of changed) {
      const key = `${report.size}\0${report.sha256}`;
      const first = firstOf.get(key);
      if (first === undefined) {
        firstOf.set(key, join(staging, report.path));
        originals.push(report);
      } else {
        copies.push({ report, first });
      }
    }
    await mapConcurrently(originals, async (report) => {
      const target = join(staging, report.path);
      // Unlink first: the staged file may be a hard link to the live one, which must not change.
      if (linked) await unlink(target).catch(() => undefined);
      await writeFile(target, files.get(report.path)!);
    });
    // The copies that are links: read back through their first file (the same inode), so checked by inode only.
    const links = new Map<FileReport, string>();
    await mapConcurrently(copies, async ({ report, first }) => {
      const target = join(staging, report.path);
      if (linked) await unlink(target).catch(() => undefined);
      try {
        await link(first, target);
        links.set(report, first);
      } catch {
        await writeFile(target, files.get(report.path)!);
      }
    });
    for (const report of reports.filter((r) => r.status === 'removed')) {
      const target = join(staging, report.path);
      await unlink(target).catch(() => undefined);
      await pruneEmpty(staging, dirname(target));
    }
    await mapConcurrently(changed, async (report) => {
      const target = join(staging, report.path);
      const first = links.get(report);
      // Byte for byte with what was meant to be written (whose SHA-256 the report and manifest give); a link, the
      // same file as the one it links to (which is read back itself).
      const same = first !== undefined ? await sameFile(target, first) : (await compareWithFile(target, files.get(report.path)!)) === 'same';
      if (!same) throw new WriteError(join(out, report.path), new Error('it did not read back as written'));
    });
    const hadOut = await exists(out);
    if (hadOut) await rename(out, retired);
    try {
      await rename(staging, out);
    } catch (error) {
      if (hadOut) await rename(retired, out);
      throw error;
    }
    if (hadOut) {
      await rm(retired, { recursive: true, force: true }).catch((error: unknown) => {
        throw new WriteError(retired, error, true);
      });
    }
  } catch (error) {
    if (error instanceof WriteError) throw error;
    throw new WriteError(shown((error as NodeJS.ErrnoException).path), error);
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
  return reports;
}
