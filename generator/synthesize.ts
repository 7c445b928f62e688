import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Catalog } from './check/catalog.ts';
import { plan, type Package } from './plan/index.ts';
import { targets } from './targets/index.ts';
import type { OutputFile, SignerInfo } from './targets/target.ts';

/** The signing stage as the pipeline sees it: script bytes in, signed bytes out. */
export interface SignStage {
  readonly signer: SignerInfo;
  sign(path: string, bytes: Uint8Array): Promise<Uint8Array>;
}

export interface SynthesizeOptions {
  /** The catalog folder; descriptor paths are shown relative to its parent. */
  readonly catalogRoot: string;
  /** Build only these remediation (or bundle) ids; all when empty. */
  readonly ids?: readonly string[];
  /** @default the version in package.json */
  readonly generatorVersion?: string;
  /** Absent: the build is unsigned, and says so. */
  readonly signing?: SignStage;
}

export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly remediation: string;
  readonly target: string;
  readonly descriptor: string;
  readonly signed: boolean;
}

export interface Synthesis {
  /** Every output file by path relative to out/, final bytes. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly entries: readonly ManifestEntry[];
  readonly packages: readonly Package[];
  readonly signer?: SignerInfo;
  readonly generatorVersion: string;
}

export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The in-memory pipeline after checking: plan, render, sign, finish. No file system access, so tests
 * and other tools can call it directly.
 */
export async function synthesize(catalog: Catalog, options: SynthesizeOptions): Promise<Synthesis> {
  const generatorVersion = options.generatorVersion ?? GENERATOR_VERSION;
  const packages = plan(catalog, { catalogRoot: options.catalogRoot, ...(options.ids ? { ids: options.ids } : {}) });
  const files = new Map<string, Uint8Array>();
  const entries: ManifestEntry[] = [];
  const signer = options.signing?.signer;
  for (const pkg of packages) {
    const target = targets.get(pkg.target);
    if (!target) throw new Error(`no target named '${pkg.target}'`);
    const rendered = target.render(pkg, { generatorVersion });
    const scripts = new Map<string, Uint8Array>();
    const signedFiles = await Promise.all(
      rendered.map(async (file): Promise<OutputFile> =>
        file.sign && options.signing ? { ...file, bytes: await options.signing.sign(file.path, file.bytes) } : file),
    );
    for (const file of signedFiles) scripts.set(file.path, file.bytes);
    const finished = target.finish(pkg, scripts, { generatorVersion, ...(signer ? { signer } : {}) });
    for (const file of [...signedFiles, ...finished]) {
      files.set(file.path, file.bytes);
      entries.push({
        path: file.path,
        sha256: sha256(file.bytes),
        size: file.bytes.length,
        remediation: pkg.remediation.id,
        target: pkg.target,
        descriptor: pkg.descriptorPath,
        signed: file.sign && signer !== undefined,
      });
    }
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, entries, packages, generatorVersion, ...(signer ? { signer } : {}) };
}
