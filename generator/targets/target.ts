import type { TargetName } from '../descriptor/remediation.ts';
import type { Package } from '../plan/index.ts';

/** A file a target produced, with its path relative to out/. */
export interface OutputFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Scripts are signed; derived files (JSON, README) are built from the signed bytes afterwards. */
  readonly sign: boolean;
  /**
   * The file holds the build id's slot (generator/script/build-id.ts): `hashed`, a script that prints the
   * summary line, whose text defines the id; `quoted`, a file that only repeats it. Filled before signing.
   */
  readonly build?: 'hashed' | 'quoted';
}

/** Who signed the build, when it was signed. */
export interface SignerInfo {
  readonly thumbprint: string;
  readonly subject: string;
  /** The development certificate `remgen build` made in `.remgen/` (lab devices only). */
  readonly development?: boolean;
}

export interface RenderContext {
  /** Written into each marker header; pinned in tests so golden files do not churn. */
  readonly generatorVersion: string;
}

export interface FinishContext extends RenderContext {
  readonly signer?: SignerInfo;
  /** The package's build id (generator/script/build-id.ts), when its scripts print summary lines. */
  readonly build?: string;
}

/**
 * A host the catalog compiles for. `render` writes the scripts; `finish` sees their final (signed) bytes
 * and writes what is derived from them, such as a Graph body with the scripts in base64.
 */
export interface Target {
  readonly name: TargetName;
  render(pkg: Package, context: RenderContext): OutputFile[];
  finish(pkg: Package, scripts: ReadonlyMap<string, Uint8Array>, context: FinishContext): OutputFile[];
}
