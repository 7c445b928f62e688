/**
 * The build id: seven hex digits that say which build of a package a summary line came from
 * (`COMPLIANT tls@3f9a0c1: ...`, generator/report/summary.ts). The rule (ARCHITECTURE.md, "The build id"):
 *
 *   id = the first 7 hex digits of SHA-256 over the package's scripts that print a summary line (Intune:
 *        detect.ps1 and remediate.ps1; ConfigMgr: discovery, remediation and program), in path order, each as its
 *        file name, a NUL, its rendered bytes with the id slot still holding BUILD_SLOT, a NUL.
 *
 * So one id per package and target, the same in its detection and remediation scripts; anything that changes
 * a script's text (a descriptor value, a template, the generator version in the marker) changes it; byte-equal
 * scripts keep it; signing comes after and cannot change it. Files that only quote the id (the Pester suite's
 * package.psd1) have the slot filled but are not hashed, so recorded expectations never feed back into it.
 */
import { createHash } from 'node:crypto';

/** A rendered file as the stamping sees it: structurally a target's OutputFile (targets/target.ts). */
export interface BuildFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** `hashed`: a script that prints the summary line, whose text defines the id; `quoted`: it only repeats it. */
  readonly build?: 'hashed' | 'quoted';
}

/** What a rendered file holds where the build id goes, until the package's files are all rendered. */
export const BUILD_SLOT = 'remgen-build-id-slot';

const slotBytes = Buffer.from(BUILD_SLOT, 'latin1');

const count = (bytes: Uint8Array): number => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let at = buffer.indexOf(slotBytes); at >= 0; at = buffer.indexOf(slotBytes, at + slotBytes.length)) n += 1;
  return n;
};

/** `bytes` with its one slot (counted before) holding `build`, in a new buffer: the bytes before, the id, the bytes after. */
function filled(bytes: Uint8Array, build: string): Uint8Array {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(slotBytes);
  const out = new Uint8Array(bytes.length - slotBytes.length + build.length);
  out.set(bytes.subarray(0, at), 0);
  Buffer.from(out.buffer, out.byteOffset, out.byteLength).write(build, at, 'latin1');
  out.set(bytes.subarray(at + slotBytes.length), at + build.length);
  return out;
}

/**
 * The package's build id over its `build: 'hashed'` files, and every file with the slot filled (in a new buffer). Without a
 * hashed file (the module target, whose functions print no summary line) there is no id and nothing changes.
 * The slot is in a file exactly once, where the generator put it: a descriptor or script-step text that
 * holds the slot's text itself is refused rather than silently rewritten.
 */
export function stampBuildId<F extends BuildFile>(files: readonly F[]): { readonly files: F[]; readonly build?: string } {
  const carrying = files.filter((file) => file.build !== undefined);
  for (const file of files) {
    const found = count(file.bytes);
    const want = file.build === undefined ? 0 : 1;
    if (found !== want) {
      throw new Error(`${file.path}: the text '${BUILD_SLOT}' is where remgen puts the build id; it appears ${found} times (expected ${want}). Remove it from the descriptor or script step file that contains it`);
    }
  }
  const hashed = carrying.filter((file) => file.build === 'hashed').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (hashed.length === 0) {
    if (carrying.length > 0) throw new Error(`${carrying[0]!.path}: quotes the build id, but no script of its package defines one`);
    return { files: [...files] };
  }
  const hash = createHash('sha256');
  for (const file of hashed) {
    hash.update(file.path.slice(file.path.lastIndexOf('/') + 1), 'latin1').update('\0').update(file.bytes).update('\0');
  }
  const build = hash.digest('hex').slice(0, 7);
  // The files keep their mark: it says which held the slot (now filled).
  const stamped = files.map((file): F => (file.build === undefined ? file : { ...file, bytes: filled(file.bytes, build) }));
  return { files: stamped, build };
}

/**
 * The build id a generated script carries (its `$RgPackage` table's Build, as script.ps1.hbs writes it), or
 * undefined for a script without one (another tool's, or a remgen version's before build ids).
 */
export function readBuildId(script: Uint8Array | string): string | undefined {
  const text = typeof script === 'string' ? script : Buffer.from(script).toString('latin1');
  return /^\$RgPackage = \[ordered\]@\{\r?\n +Id +=[^\r\n]*\r?\n +Build += '([0-9a-f]{7})'\r?$/m.exec(text)?.[1];
}
