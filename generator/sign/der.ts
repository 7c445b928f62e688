/**
 * A small DER reader and writer: the bytes of an Authenticode signature must be exact (SET OF order,
 * copied issuer and serial, raw certificates), so they are built and walked here by hand instead of
 * through a schema library (docs/reference/authenticode.md 2.3, 4, 5.3).
 */

export class DerError extends Error {}

/** One tag-length-value element inside `source`. Only low tag numbers (< 31) occur in the formats read here. */
export interface Tlv {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the last content byte. */
  readonly end: number;
  readonly source: Uint8Array;
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

export function readTlv(source: Uint8Array, offset = 0, limit = source.length): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated element at offset ${offset}`);
  const tag = source[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag number at offset ${offset}`);
  let length = source[offset + 1]!;
  let contentStart = offset + 2;
  if (length === 0x80) throw new DerError(`indefinite length (BER) at offset ${offset}`);
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || contentStart + count > limit) throw new DerError(`bad length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + source[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`element at offset ${offset} runs past its container`);
  return { tag, start: offset, contentStart, end, source };
}

/** Parses a whole buffer that must hold exactly one element. */
export function parseDer(source: Uint8Array): Tlv {
  const tlv = readTlv(source, 0);
  if (tlv.end !== source.length) throw new DerError(`${source.length - tlv.end} trailing bytes after the element`);
  return tlv;
}

export function children(tlv: Tlv): Tlv[] {
  if ((tlv.tag & 0x20) === 0) throw new DerError(`element with tag 0x${tlv.tag.toString(16)} is not constructed`);
  const out: Tlv[] = [];
  let offset = tlv.contentStart;
  while (offset < tlv.end) {
    const child = readTlv(tlv.source, offset, tlv.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** The children of `tlv`, which must carry `tag`. */
export function expectChildren(tlv: Tlv, tag: number, what: string): Tlv[] {
  expectTag(tlv, tag, what);
  return children(tlv);
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv) throw new DerError(`${what}: missing`);
  if (tlv.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

export const contentOf = (tlv: Tlv): Uint8Array => tlv.source.subarray(tlv.contentStart, tlv.end);
export const encodingOf = (tlv: Tlv): Uint8Array => tlv.source.subarray(tlv.start, tlv.end);

export function readOid(tlv: Tlv): string {
  expectTag(tlv, TAG.oid, 'object identifier');
  const bytes = contentOf(tlv);
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

export function readInteger(tlv: Tlv): bigint {
  expectTag(tlv, TAG.integer, 'integer');
  const bytes = contentOf(tlv);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** UTCTime or GeneralizedTime (the forms DER allows: seconds, optional fraction, `Z`). */
export function readTime(tlv: Tlv): Date {
  const text = Buffer.from(contentOf(tlv)).toString('latin1');
  const match =
    tlv.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : tlv.tag === TAG.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text)
        : null;
  if (!match) throw new DerError(`not a DER time: ${JSON.stringify(text)}`);
  let year = Number(match[1]);
  if (tlv.tag === TAG.utcTime) year += year < 50 ? 2000 : 1900;
  const millis = match[7] ? Math.round(Number(match[7]) * 1000) : 0;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), millis));
}

// ---------------------------------------------------------------------------------------------- writing

/** Bytes a DER length takes (the short form below 0x80, else 0x8n and n big-endian bytes). */
function lengthSize(length: number): number {
  if (length < 0x80) return 1;
  let size = 1;
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) size += 1;
  return size;
}

/** Writes the tag and length of an element at `out[0..]`; returns the offset of its first content byte. */
function writeHeader(out: Uint8Array, tag: number, length: number): number {
  out[0] = tag;
  const size = lengthSize(length);
  if (size === 1) {
    out[1] = length;
    return 2;
  }
  out[1] = 0x80 | (size - 1);
  for (let i = size, rest = length; i > 1; i -= 1, rest = Math.floor(rest / 256)) out[i] = rest & 0xff;
  return size + 1;
}

/** One element over `parts`, written into a single allocation (no intermediate concatenation). */
export function element(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = Buffer.allocUnsafe(1 + lengthSize(length) + length);
  let offset = writeHeader(out, tag, length);
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const sequence = (...parts: readonly Uint8Array[]): Uint8Array => element(TAG.sequence, ...parts);

/** X.690 11.6: SET OF members sorted by their encodings, a prefix before the longer value. */
export function sortedForSet(parts: readonly Uint8Array[]): Uint8Array[] {
  return [...parts].sort((a, b) => Buffer.compare(a, b));
}

export const setOf = (...parts: readonly Uint8Array[]): Uint8Array => element(TAG.set, ...sortedForSet(parts));

/** `[n] EXPLICIT` (constructed context tag). */
export const explicit = (n: number, ...parts: readonly Uint8Array[]): Uint8Array => element(0xa0 | n, ...parts);

const oidCache = new Map<string, Uint8Array>();

/** An OBJECT IDENTIFIER element; encodings are cached (the same few OIDs are written for every file). Do not modify the result. */
export function oid(dotted: string): Uint8Array {
  let encoded = oidCache.get(dotted);
  if (!encoded) {
    encoded = encodeOid(dotted);
    if (oidCache.size < 1000) oidCache.set(dotted, encoded);
  }
  return encoded;
}

function encodeOid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => Number(p));
  if (parts.length < 2 || parts.some((p) => !Number.isSafeInteger(p) || p < 0)) throw new DerError(`bad OID ${dotted}`);
  const values = [parts[0]! * 40 + parts[1]!, ...parts.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const chunk: number[] = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift(0x80 | (rest & 0x7f));
    bytes.push(...chunk);
  }
  return element(TAG.oid, Uint8Array.from(bytes));
}

export function integer(value: bigint | number): Uint8Array {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 0x80) return Uint8Array.of(TAG.integer, 1, value);
  let v = BigInt(value);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (!(v === 0n && (bytes[0]! & 0x80) === 0) && !(v === -1n && (bytes[0]! & 0x80) !== 0));
  return element(TAG.integer, Uint8Array.from(bytes));
}

/** A positive INTEGER from unsigned big-endian bytes (serial numbers, nonces). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return element(TAG.integer, (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Uint8Array.of(0), trimmed]) : trimmed);
}

export const octetString = (bytes: Uint8Array): Uint8Array => element(TAG.octetString, bytes);
export const nullValue = (): Uint8Array => Uint8Array.of(TAG.null, 0);
export const boolean = (value: boolean): Uint8Array => Uint8Array.of(TAG.boolean, 1, value ? 0xff : 0);
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array => element(TAG.bitString, Uint8Array.of(unusedBits), bytes);
export const utf8String = (text: string): Uint8Array => element(TAG.utf8String, Buffer.from(text, 'utf8'));

/** UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5), whole seconds. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return element(TAG.utcTime, Buffer.from(digits.slice(2) + 'Z', 'latin1'));
  return element(TAG.generalizedTime, Buffer.from(digits + 'Z', 'latin1'));
}
