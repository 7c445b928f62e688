import type { TargetName } from './descriptor/remediation.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Catalog } from './check/catalog.ts';
import { plan, type Package } from './plan/index.ts';
import { stampBuildId } from './script/build-id.ts';
import { startSigning, type Signing } from './sign/index.ts';
import { targets } from './targets/index.ts';
import type { OutputFile, SignerInfo } from './targets/target.ts';

export interface SynthesizeOptions {
  /** The catalog folder; descriptor paths are shown relative to its parent. */
  readonly catalogRoot: string;
  /** Build only these remediation (or bundle) ids; all when empty. */
  readonly ids?: readonly string[];
  /** Build only for these targets; every target a descriptor names when empty. */
  readonly targets?: readonly TargetName[];
  /** @default the version in package.json */
  readonly generatorVersion?: string;
  /** What the scripts are signed with. Absent: the build is unsigned, and says so. */
  readonly signing?: Signing;
  /**
   * The previous build's output by path relative to out/ (what `readSignedOutput` in the write stage
   * reads before the pipeline runs): a signed script whose content did not change keeps its signature.
   */
  readonly previous?: ReadonlyMap<string, Uint8Array>;
}

export interface ManifestEntry {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly remediation: string;
  readonly target: string;
  readonly descriptor: string;
  readonly signed: boolean;
  /**
   * The package's build id (generator/script/build-id.ts), on every file of a package whose scripts print a
   * summary line: the id those lines carry after the package id (`tls@3f9a0c1`). Absent for the module.
   */
  readonly build?: string;
}

export interface Synthesis {
  /** Every output file by path relative to out/, final bytes. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly entries: readonly ManifestEntry[];
  readonly packages: readonly Package[];
  /** Each package's build id by its folder (`intune/tls`), for the packages that have one. */
  readonly builds: ReadonlyMap<string, string>;
  readonly signer?: SignerInfo;
  readonly generatorVersion: string;
}

export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * {@link sha256} of bytes the finish step sees several times (the one buffer of the harness, the suite and a
 * devices.psd1 that every package of a build shares), hashed once per buffer: file bytes are never changed in place.
 */
const hashedBuffers = new WeakMap<Uint8Array, string>();
const sha256Once = (bytes: Uint8Array): string => {
  let hex = hashedBuffers.get(bytes);
  if (hex === undefined) hashedBuffers.set(bytes, (hex = sha256(bytes)));
  return hex;
};

/** Who signed, as the manifest, the Graph body, the READMEs and `build --json` show it. */
const signerInfo = (signing: Signing): SignerInfo => ({
  thumbprint: signing.signer.thumbprint,
  subject: signing.signer.subject,
  ...(signing.development ? { development: true } : {}),
});

/**
 * The in-memory pipeline after checking: plan, render (pure) with each package's scripts signed as it is rendered,
 * finish (the files derived from the signed bytes). No file system access, so tests and other tools can
 * call it directly; the previous output comes in as data (`options.previous`).
 */
export async function synthesize(catalog: Catalog, options: SynthesizeOptions): Promise<Synthesis> {
  const generatorVersion = options.generatorVersion ?? GENERATOR_VERSION;
  const packages = plan(catalog, { catalogRoot: options.catalogRoot, ...(options.ids ? { ids: options.ids } : {}), ...(options.targets ? { targets: options.targets } : {}) });
  const signer = options.signing ? signerInfo(options.signing) : undefined;

  // render, and sign as it goes: each package's scripts start signing once rendered, so the private-key
  // operations (libuv's thread pool) run on the other core while this thread renders the next package.
  const session = options.signing ? startSigning(options.signing, options.previous) : undefined;
  const rendered = [];
  for (const pkg of packages) {
    const target = targets.get(pkg.target);
    if (!target) throw new Error(`no target named '${pkg.target}'`);
    // The build id is filled in here, over the package's rendered scripts, before anything is signed.
    const stamped = stampBuildId(target.render(pkg, { generatorVersion }));
    rendered.push({ pkg, target, files: stamped.files, ...(stamped.build ? { build: stamped.build } : {}) });
    if (session) {
      for (const file of stamped.files) if (file.sign) session.add(file.path, file.bytes);
      // Let finished signatures be verified and the next ones start.
      await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
    }
  }
  const builds = new Map(rendered.flatMap(({ pkg, build }) => (build ? [[pkg.dir, build] as const] : [])));
  const signed = session ? await session.done() : undefined;

  // finish
  const files = new Map<string, Uint8Array>();
  const entries: ManifestEntry[] = [];
  for (const { pkg, target, files: renderedFiles, build } of rendered) {
    const scriptFiles = renderedFiles.map((file): OutputFile => (file.sign && signed ? { ...file, bytes: signed.get(file.path)! } : file));
    const scripts = new Map(scriptFiles.map((file) => [file.path, file.bytes]));
    const finished = target.finish(pkg, scripts, { generatorVersion, ...(signer ? { signer } : {}), ...(build ? { build } : {}) });
    for (const file of [...scriptFiles, ...finished]) {
      files.set(file.path, file.bytes);
      entries.push({
        path: file.path,
        sha256: sha256Once(file.bytes),
        size: file.bytes.length,
        remediation: pkg.remediation.id,
        target: pkg.target,
        descriptor: pkg.descriptorPath,
        signed: file.sign && signer !== undefined,
        ...(build ? { build } : {}),
      });
    }
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, entries, packages, builds, generatorVersion, ...(signer ? { signer } : {}) };
}
