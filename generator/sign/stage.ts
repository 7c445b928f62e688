/**
 * The sign stage of the pipeline (render -> sign -> finish -> write): every script of the build signed in
 * memory. It never touches the file system; what the previous build wrote is given to it as data.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { extname } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { Signer } from './keys.ts';
import { signScript, stripSignature, type SignOptions } from './sign-script.ts';
import { verifyScript, type VerifyOptions } from './verify.ts';

/** What a build signs with: the signer (key and certificates), the options every signature gets. */
export interface Signing {
  readonly signer: Signer;
  readonly options?: SignOptions;
  /** The development certificate of `.remgen/` (lab devices only), so the package READMEs can say so. */
  readonly development?: boolean;
  /**
   * Roots a timestamp authority's certificate may chain to when the stage verifies a timestamped
   * signature, besides Node's bundled roots and the signer's own root (a private TSA).
   */
  readonly timestampTrustAnchors?: readonly Uint8Array[];
}

/**
 * At most this many scripts are signed at once. Only a timestamp request waits (on the network), so that
 * is what overlaps; the RSA or ECDSA operation itself runs on this thread, because a worker thread takes
 * about as long to start as signing a few hundred scripts here (bench/RESULTS.md, "Signing").
 */
const CONCURRENCY = 8;

/**
 * How the stage verifies a signature by `signing`: the signer's chain up to its last certificate; a
 * timestamp's TSA up to that certificate, one of Node's bundled roots (a public TSA) or one given.
 */
function verifyOptionsOf(signing: Signing): VerifyOptions {
  const { certificates } = signing.signer;
  const trustAnchors = certificates.length > 0 ? [certificates[certificates.length - 1]!] : [];
  // Parsing the bundled roots costs, and only a timestamp needs them.
  if (!signing.options?.timestampUrls?.length) return { trustAnchors };
  return { trustAnchors, timestampTrustAnchors: [...trustAnchors, ...(signing.timestampTrustAnchors ?? []), ...rootCertificates.map((pem) => new X509Certificate(pem))] };
}

/**
 * The previous signed bytes of `path` when they can be kept: the same content and a valid signature by
 * the same signer (a new signature would carry a new signing time, and the file would be rewritten).
 */
function keepable(path: string, bytes: Uint8Array, previous: Uint8Array | undefined, signer: Signer, verifyOptions: VerifyOptions): Uint8Array | undefined {
  if (!previous) return undefined;
  try {
    if (!Buffer.from(stripSignature(previous, path)).equals(Buffer.from(bytes))) return undefined;
    const check = verifyScript(previous, path, verifyOptions);
    return check.status === 'Valid' && check.signerThumbprint === signer.thumbprint ? previous : undefined;
  } catch {
    // An old file that cannot be read as a signed script is simply signed again.
    return undefined;
  }
}

/**
 * Signs every script (path relative to out/ -> unsigned bytes) and returns the signed bytes by path.
 * A script whose bytes in `previous` (the last build's output, by the same paths) hold the same content
 * with a valid signature by the same signer keeps those bytes; every other script is signed, and every
 * new signature is verified before it is returned. Throws SigningError, or Error when a new signature
 * does not verify.
 */
export async function signScripts(
  scripts: ReadonlyMap<string, Uint8Array>,
  signing: Signing,
  previous: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<Map<string, Uint8Array>> {
  const { signer } = signing;
  const verifyOptions = verifyOptionsOf(signing);
  // Scripts with the same bytes and the same kind of file (every package's Pester suite and harness) are
  // signed once: a signature covers only the content, so the signed bytes are the same for each of them.
  const fresh = new Map<string, Promise<Uint8Array>>();
  const signOne = async (path: string, bytes: Uint8Array): Promise<Uint8Array> => {
    const kept = keepable(path, bytes, previous.get(path), signer, verifyOptions);
    if (kept) return kept;
    const key = `${extname(path).toLowerCase()}\0${createHash('sha256').update(bytes).digest('hex')}`;
    let pending = fresh.get(key);
    if (!pending) {
      pending = (async () => {
        const signed = await signScript(bytes, path, signer, signing.options);
        const check = verifyScript(signed, path, verifyOptions);
        if (check.status !== 'Valid') throw new Error(`${path}: the new signature does not verify (${check.status}: ${check.message})`);
        return signed;
      })();
      fresh.set(key, pending);
    }
    return pending;
  };
  const entries = [...scripts];
  const signed = new Array<Uint8Array>(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next++;
      const [path, bytes] = entries[index]!;
      signed[index] = await signOne(path, bytes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
  return new Map(entries.map(([path], index) => [path, signed[index]!]));
}
