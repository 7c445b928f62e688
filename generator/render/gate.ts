/**
 * The output gate: every text file remgen writes is 7-bit ASCII with CRLF line breaks, no BOM and no
 * trailing whitespace. Windows PowerShell 5.1 reads a BOM-less file in the ANSI code page and Intune
 * wants signed scripts without a BOM, so ASCII is the one encoding that is right everywhere
 * (../shared/reference/powershell.md B.4).
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

/** Throws {@link OutputGateError} naming the file and the first offending byte offset. */
export function checkOutputBytes(file: string, bytes: Uint8Array): void {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new OutputGateError(file, 0, 'starts with a UTF-8 byte order mark');
  }
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b > 0x7f) throw new OutputGateError(file, i, `non-ASCII byte 0x${b.toString(16).toUpperCase()}`);
    if (b === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) throw new OutputGateError(file, i, 'line feed without carriage return (lines must end in CRLF)');
    if (b === 0x0d && bytes[i + 1] !== 0x0a) throw new OutputGateError(file, i, 'carriage return without line feed');
    if ((b === 0x20 || b === 0x09) && (i + 1 === bytes.length || bytes[i + 1] === 0x0d)) {
      throw new OutputGateError(file, i, 'trailing whitespace at the end of a line');
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) throw new OutputGateError(file, i, `control character 0x${b.toString(16).padStart(2, '0')}`);
  }
}

/** Text to bytes through the gate. */
export function gatedBytes(file: string, text: string): Uint8Array {
  const bytes = Buffer.from(toCrlf(text), 'latin1');
  // latin1 keeps one byte per code unit, so a stray non-ASCII character still fails the gate below.
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 0xff) {
      throw new OutputGateError(file, Buffer.byteLength(toCrlf(text.slice(0, i)), 'latin1'), `non-ASCII character U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }
  checkOutputBytes(file, bytes);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
