/**
 * The output gate: every text file remgen writes is 7-bit ASCII with CRLF line breaks, no BOM and no
 * trailing whitespace. Windows PowerShell 5.1 reads a BOM-less file in the ANSI code page and Intune
 * wants signed scripts without a BOM, so ASCII is the one encoding that is right everywhere
 * (docs/reference/powershell.md B.4).
 */
export class OutputGateError extends Error {
  constructor(readonly file: string, readonly offset: number, readonly reason: string) {
    super(`${file}: byte offset ${offset}: ${reason}`);
  }
}

/** LF and CR LF become CR LF; descriptor data cannot hold a raw line break (the escaper encodes it). */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Anything the gate refuses, as one pattern over the text (one character per byte): a character outside tab,
 * CR, LF and printable ASCII; a CR not before an LF; an LF not after a CR; a space or tab at a line's end.
 * A clean file (every file of a good build) is accepted by this one native scan; only a file that matches
 * is walked byte by byte, to name the first problem and its offset.
 */
const REFUSED = /[^\t\r\n\x20-\x7e]|\r(?!\n)|(?<!\r)\n|[ \t](?:\r|$)/;

/** Throws {@link OutputGateError} naming the file and the first offending byte offset. */
export function checkOutputBytes(file: string, bytes: Uint8Array): void {
  if (!REFUSED.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))) return;
  findProblem(file, bytes);
}

function findProblem(file: string, bytes: Uint8Array): void {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new OutputGateError(file, 0, 'starts with a UTF-8 byte order mark');
  }
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b > 0x7f) throw new OutputGateError(file, i, `non-ASCII byte 0x${b.toString(16).toUpperCase()}`);
    if (b === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) throw new OutputGateError(file, i, 'line feed without carriage return (lines must end in CRLF)');
    if (b === 0x0d && bytes[i + 1] !== 0x0a) throw new OutputGateError(file, i, 'carriage return without line feed');
    if ((b === 0x20 || b === 0x09) && (i + 1 === bytes.length || bytes[i + 1] === 0x0d)) {
      let start = i;
      while (start > 0 && (bytes[start - 1] === 0x20 || bytes[start - 1] === 0x09)) start -= 1;
      throw new OutputGateError(file, start, 'trailing whitespace at the end of a line');
    }
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) {
      throw new OutputGateError(file, i, `control character 0x${b.toString(16).padStart(2, '0')}`);
    }
  }
}

/**
 * What the gate refuses in text with LF line breaks that is about to become CR LF (what every template and
 * escaper produces): a character outside tab, LF and printable ASCII (so any CR too), or a space or tab before
 * an LF. Text this does not match, and that does not end in a space or tab, becomes a CR LF file that
 * {@link REFUSED} does not match either; any other text takes the full path below.
 */
const REFUSED_LF = /[^\t\n\x20-\x7e]|[ \t]\n/;

/**
 * A Buffer as a plain Uint8Array: a view of the same memory when the Buffer has its ArrayBuffer to itself
 * (any text over a few KiB), so a rendered script is not copied once more; a copy of a small Buffer, which
 * lives in Node's shared pool.
 */
function ownBytes(buffer: Buffer): Uint8Array {
  return buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength ? new Uint8Array(buffer.buffer) : new Uint8Array(buffer);
}

/** Text to bytes through the gate; the first problem in the file is the one reported. */
export function gatedBytes(file: string, text: string): Uint8Array {
  const last = text.charCodeAt(text.length - 1);
  if (!REFUSED_LF.test(text) && last !== 0x20 && last !== 0x09) {
    // No CR in the text, so LF -> CR LF is a split and a join (several times faster than the regex replace).
    return ownBytes(Buffer.from(text.split('\n').join('\r\n'), 'latin1'));
  }
  const crlf = toCrlf(text);
  if (!REFUSED.test(crlf)) return ownBytes(Buffer.from(crlf, 'latin1'));
  // One byte per UTF-16 unit; anything above 0x7F becomes a non-ASCII byte at the same offset, so the
  // scan below reports problems in file order and the offsets are those of the ASCII file this must be.
  const bytes = new Uint8Array(crlf.length);
  for (let i = 0; i < crlf.length; i += 1) {
    const code = crlf.charCodeAt(i);
    bytes[i] = code > 0xff ? 0x80 : code;
  }
  try {
    checkOutputBytes(file, bytes);
  } catch (error) {
    const code = error instanceof OutputGateError ? crlf.charCodeAt(error.offset) : 0;
    if (code > 0xff) {
      throw new OutputGateError(file, (error as OutputGateError).offset, `non-ASCII character U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    throw error;
  }
  return bytes;
}
