/**
 * The sign stage of the pipeline (render -> sign -> finish -> write): every script of the build signed in
 * memory. It never touches the file system; what the previous build wrote is given to it as data.
 */
import { X509Certificate } from 'node:crypto';
import { extname } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { Signer } from './keys.ts';
import { signScriptParts, stripSignature, type SignOptions } from './sign-script.ts';
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
 * With timestamps, at most this many scripts are signed at once: each asks a TSA over the network, and a
 * public TSA should not get a build's every request at the same moment. Without, every script starts as soon
 * as it is given: the RSA or ECDSA operation runs on libuv's thread pool (the callback form of crypto.sign,
 * generator/sign/keys.ts), so it proceeds on the other core while this thread renders the next package.
 */
const TIMESTAMP_CONCURRENCY = 8;

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

/** Scripts given one by one as the build renders them, signed as they come; {@link SigningSession.done} gives them all. */
export interface SigningSession {
  /** Starts signing `bytes` (path relative to out/) when a slot is free; returns at once. */
  add(path: string, bytes: Uint8Array): void;
  /**
   * Every script given, signed, by path in the order given. Rejects with the error of the first script (in
   * that order) that failed, once every script started has ended.
   */
  done(): Promise<Map<string, Uint8Array>>;
}

/**
 * A signing session: a script whose bytes in `previous` (the last build's output, by the same paths) hold
 * the same content with a valid signature by the same signer keeps those bytes; every other script is
 * signed, and every new signature is verified before it is returned. Scripts with the same bytes and the
 * same kind of file (every package's Pester suite and harness) are signed once: a signature covers only the
 * content, so the signed bytes are the same for each of them. Errors are SigningError, or Error when a new
 * signature does not verify.
 */
export function startSigning(signing: Signing, previous: ReadonlyMap<string, Uint8Array> = new Map()): SigningSession {
  const { signer } = signing;
  const verifyOptions = verifyOptionsOf(signing);
  const limit = signing.options?.timestampUrls?.length ? TIMESTAMP_CONCURRENCY : Number.POSITIVE_INFINITY;
  // The scripts being signed by kind of file and length; a script with the same bytes as one of them shares its signature.
  const fresh = new Map<string, Array<{ readonly bytes: Buffer; readonly pending: Promise<Uint8Array> }>>();
  const signOne = async (path: string, bytes: Uint8Array): Promise<Uint8Array> => {
    const kept = keepable(path, bytes, previous.get(path), signer, verifyOptions);
    if (kept) return kept;
    const key = `${extname(path).toLowerCase()}\0${bytes.length}`;
    const same = fresh.get(key) ?? [];
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const found = same.find((other) => other.bytes.equals(view));
    if (found) return found.pending;
    const pending = (async () => {
      const { signed, content, hash, digest } = await signScriptParts(bytes, path, signer, signing.options);
      const check = verifyScript(signed, path, { ...verifyOptions, signedContent: { content, hash, digest } });
      if (check.status !== 'Valid') throw new Error(`${path}: the new signature does not verify (${check.status}: ${check.message})`);
      return signed;
    })();
    same.push({ bytes: view, pending });
    fresh.set(key, same);
    return pending;
  };
  const given: Array<{ readonly path: string; readonly bytes: Uint8Array; signed?: Uint8Array; error?: { readonly reason: unknown } }> = [];
  let started = 0;
  let running = 0;
  let settle: (() => void) | undefined;
  const pump = (): void => {
    while (running < limit && started < given.length) {
      const item = given[started++]!;
      running += 1;
      signOne(item.path, item.bytes).then(
        (signed) => { item.signed = signed; },
        (reason: unknown) => { item.error = { reason }; },
      ).finally(() => {
        running -= 1;
        pump();
      });
    }
    if (running === 0 && started === given.length) settle?.();
  };
  return {
    add(path, bytes) {
      given.push({ path, bytes });
      pump();
    },
    async done() {
      await new Promise<void>((resolveAll) => {
        settle = resolveAll;
        pump();
      });
      const failed = given.find((item) => item.error !== undefined);
      if (failed) throw failed.error!.reason;
      return new Map(given.map((item) => [item.path, item.signed!]));
    },
  };
}

/** Signs every script (path relative to out/ -> unsigned bytes) at once: {@link startSigning} given them all. */
export async function signScripts(
  scripts: ReadonlyMap<string, Uint8Array>,
  signing: Signing,
  previous: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<Map<string, Uint8Array>> {
  const session = startSigning(signing, previous);
  for (const [path, bytes] of scripts) session.add(path, bytes);
  return session.done();
}
