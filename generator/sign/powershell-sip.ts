/**
 * The PowerShell subject interface package (SIP) rules: which text is hashed, where the signature block
 * sits and how it is written (docs/reference/authenticode.md 1.2-1.5).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { SigningError } from './signing-error.ts';

/** Extensions the PowerShell SIP signs with `# ` comment blocks. */
export const SCRIPT_EXTENSIONS = ['.ps1', '.psm1', '.psd1'] as const;

export type ScriptEncoding = 'utf16le' | 'utf16be' | 'utf8-bom' | 'no-bom';

/**
 * What to do with a BOM-less file that holds bytes >= 0x80. Windows decodes such a file in the
 * machine's ANSI code page unless its first 32 bytes look like UTF-8, so its hash depends on the locale.
 * - `error` (default): refuse;
 * - `add-bom`: check it is UTF-8, prepend a UTF-8 BOM, sign that;
 * - `utf8`: hash it as UTF-8, as osslsigncode and jsign do (may be HashMismatch on Windows).
 */
export type EncodingPolicy = 'error' | 'add-bom' | 'utf8';

const BEGIN = '\r\n# SIG # Begin signature block\r\n';
const END_LINE = '# SIG # End signature block';

export function assertScriptFile(fileName: string): void {
  const lower = fileName.toLowerCase();
  if (!SCRIPT_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    throw new SigningError('UnsupportedFileType', `${fileName}: only ${SCRIPT_EXTENSIONS.join(', ')} files can be signed (PowerShell SIP)`);
  }
}

export function detectEncoding(bytes: Uint8Array): ScriptEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  return 'no-bom';
}

const isUtf16 = (encoding: ScriptEncoding): boolean => encoding === 'utf16le' || encoding === 'utf16be';

/** ASCII text in the file's encoding (the block and its markers are ASCII). */
function encodeAscii(text: string, encoding: ScriptEncoding): Uint8Array {
  if (!isUtf16(encoding)) return Buffer.from(text, 'latin1');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'utf16be' ? bytes.swap16() : bytes;
}

/** The BEGIN marker in each encoding, encoded once. */
const markers = new Map<ScriptEncoding, Uint8Array>();
function beginMarker(encoding: ScriptEncoding): Uint8Array {
  let marker = markers.get(encoding);
  if (!marker) markers.set(encoding, (marker = encodeAscii(BEGIN, encoding)));
  return marker;
}

function decodeAscii(bytes: Uint8Array, encoding: ScriptEncoding): string {
  if (!isUtf16(encoding)) return Buffer.from(bytes).toString('latin1');
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return (encoding === 'utf16be' ? copy.swap16() : copy).toString('utf16le');
}

export interface ScriptParts {
  readonly encoding: ScriptEncoding;
  /** The script bytes before the block (the whole file when unsigned). */
  readonly content: Uint8Array;
  /** The DER signature from the block, if there is one. */
  readonly signature: Uint8Array | undefined;
}

/** Splits a script into content and signature; a marker followed by anything but a well-formed block throws. */
export function splitScript(bytes: Uint8Array, fileName: string): ScriptParts {
  const encoding = detectEncoding(bytes);
  const marker = beginMarker(encoding);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buffer.lastIndexOf(marker);
  while (at > 0 && isUtf16(encoding) && at % 2 !== 0) at = buffer.lastIndexOf(marker, at - 1);
  if (at < 0) return { encoding, content: bytes, signature: undefined };
  const tail = decodeAscii(bytes.subarray(at + marker.length), encoding);
  const lines = tail.split('\r\n');
  const endIndex = lines.indexOf(END_LINE);
  const malformed = (why: string): never => {
    throw new SigningError('MalformedSignatureBlock', `${fileName}: the signature block is malformed (${why}); remove it or re-sign the original script`);
  };
  if (endIndex < 0) malformed('no "# SIG # End signature block" line');
  if (!/^[\r\n]{0,2}$/.test(lines.slice(endIndex + 1).join('\r\n'))) malformed('text after the end line');
  const body = lines.slice(0, endIndex);
  if (body.length === 0) malformed('no base64 lines');
  let base64 = '';
  for (const line of body) {
    if (!/^# [A-Za-z0-9+/=]*$/.test(line)) malformed(`unexpected line ${JSON.stringify(line.slice(0, 40))}`);
    base64 += line.slice(2);
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) malformed('invalid base64');
  return { encoding, content: bytes.subarray(0, at), signature: Buffer.from(base64, 'base64') };
}

/** True when a BOM-less file holds a byte >= 0x80 (its hash would depend on the Windows code page). */
export function isAmbiguous(content: Uint8Array, encoding: ScriptEncoding): boolean {
  return encoding === 'no-bom' && !isAscii(content);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const littleEndian = endianness() === 'LE';

/** ASCII bytes as UTF-16LE code units: each byte followed by a zero byte. */
function widenAscii(content: Uint8Array): Uint8Array {
  const out = new Uint8Array(content.length * 2);
  if (littleEndian) new Uint16Array(out.buffer).set(content);
  else for (let i = 0; i < content.length; i += 1) out[2 * i] = content[i]!;
  return out;
}

/**
 * The bytes the digest is taken over: the decoded text (BOM kept as U+FEFF) as UTF-16LE code units.
 * BOM-less bytes are decoded as UTF-8, the rule osslsigncode and jsign apply; for ASCII, and for every
 * file remgen itself signs by default, this equals what Windows computes.
 */
export function hashInput(content: Uint8Array, encoding: ScriptEncoding, strict = false): Uint8Array {
  if (encoding === 'utf16le') return content;
  if (encoding === 'utf16be') return Buffer.from(content).swap16();
  if (isAscii(content)) return widenAscii(content);
  try {
    const text = (strict ? strictUtf8 : lenientUtf8).decode(content);
    return Buffer.from(text, 'utf16le');
  } catch {
    throw new SigningError('InvalidText', 'the script is not valid UTF-8');
  }
}

/** How many ASCII bytes {@link hashInputDigest} widens at a time, into one buffer it keeps. */
const WIDEN_CHUNK = 64 * 1024;
let widened: Uint16Array | undefined;

/**
 * The digest of {@link hashInput}'s bytes. ASCII content (every script remgen renders) is widened to UTF-16LE
 * a chunk at a time into one reused buffer, so a script is not copied into a new buffer twice its size to be
 * hashed; anything else is hashed as hashInput gives it. Throws as hashInput does.
 */
export function hashInputDigest(algorithm: string, content: Uint8Array, encoding: ScriptEncoding, strict = false): Buffer {
  const hash = createHash(algorithm);
  if (encoding === 'utf16le' || encoding === 'utf16be' || !littleEndian || !isAscii(content)) return hash.update(hashInput(content, encoding, strict)).digest();
  widened ??= new Uint16Array(WIDEN_CHUNK);
  const bytes = new Uint8Array(widened.buffer);
  for (let at = 0; at < content.length; at += WIDEN_CHUNK) {
    const part = content.subarray(at, at + WIDEN_CHUNK);
    widened.set(part);
    // update() has read the chunk when it returns, so the buffer can take the next one.
    hash.update(bytes.subarray(0, part.length * 2));
  }
  return hash.digest();
}

/**
 * Content ready for signing under the encoding policy: unchanged, or with a UTF-8 BOM in front. Throws
 * for a BOM-less non-ASCII file under `error`, and for invalid text.
 */
export function applyEncodingPolicy(parts: ScriptParts, fileName: string, policy: EncodingPolicy): ScriptParts {
  if ((parts.encoding === 'utf16le' || parts.encoding === 'utf16be') && parts.content.length % 2 !== 0) {
    throw new SigningError('InvalidText', `${fileName}: a UTF-16 file with an odd number of bytes`);
  }
  if (!isAmbiguous(parts.content, parts.encoding) || policy === 'utf8') return parts;
  if (policy === 'error') {
    throw new SigningError(
      'AmbiguousEncoding',
      `${fileName}: has non-ASCII characters but no byte order mark. Windows PowerShell reads such a file in the ` +
        `machine's ANSI code page (unless its first 32 bytes look like UTF-8), so the hash Windows computes depends ` +
        `on the device's locale and the signature would fail with HashMismatch on some devices. Save the file as ` +
        `UTF-8 with BOM (or UTF-16LE), or pass --add-bom to have remgen add a UTF-8 BOM before signing.`,
    );
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(parts.content);
  } catch {
    throw new SigningError('InvalidText', `${fileName}: --add-bom needs UTF-8 text, and this file is not valid UTF-8`);
  }
  return { ...parts, encoding: 'utf8-bom', content: Buffer.concat([Uint8Array.of(0xef, 0xbb, 0xbf), parts.content]) };
}

/** `content` followed by the signature block, written in the file's encoding. */
export function appendSignatureBlock(content: Uint8Array, encoding: ScriptEncoding, signature: Uint8Array): Uint8Array {
  const base64 = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64');
  let block = BEGIN;
  for (let i = 0; i < base64.length; i += 64) block += `# ${base64.slice(i, i + 64)}\r\n`;
  block += `${END_LINE}\r\n`;
  const width = isUtf16(encoding) ? 2 : 1;
  const out = Buffer.allocUnsafe(content.length + block.length * width);
  out.set(content, 0);
  out.write(block, content.length, isUtf16(encoding) ? 'utf16le' : 'latin1');
  if (encoding === 'utf16be') out.subarray(content.length).swap16();
  return out;
}
