/**
 * A small reader for the export job's download (docs/reference/graph-intune.md 3: a zip holding one CSV),
 * on Node's own zlib: the end-of-central-directory record is found in the file's last 64 KiB, the central
 * directory lists the entries, and the chosen entry is streamed (stored, or deflate through
 * `createInflateRaw`) straight from its offset, so a large export is never held whole. Its CRC-32 and size
 * are checked at the end of the stream. ZIP64, encrypted entries and methods other than stored and deflate
 * are refused with what to do instead (APPNOTE.TXT, PKWARE's .ZIP File Format Specification, sections 4.3.7,
 * 4.3.12 and 4.3.16 for the records read here).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localHeaderOffset: number;
  readonly flags: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipError extends Error {}

/** The entries of `file`'s central directory. */
export async function zipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    // The end record is 22 bytes plus a comment of at most 65,535.
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipError(`${file}: not a zip file (no end of central directory); pass the CSV inside it, or the zip as the export job gave it`);
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw new ZipError(`${file}: a ZIP64 archive, which remgen does not read; unzip it and pass the CSV with --from`);
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i += 1) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipError(`${file}: the zip's central directory is damaged (entry ${i + 1} of ${count}); download the export again`);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      entries.push({
        flags: dir.readUInt16LE(p + 8),
        method: dir.readUInt16LE(p + 10),
        crc: dir.readUInt32LE(p + 16),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localHeaderOffset: dir.readUInt32LE(p + 42),
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Checks the bytes that come out against the entry's CRC-32 and size as they pass. */
class Verify extends Transform {
  private crc = 0;
  private length = 0;
  constructor(private readonly entry: ZipEntry, private readonly file: string) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.length += chunk.length;
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.length !== this.entry.size || (this.crc >>> 0) !== (this.entry.crc >>> 0)) {
      done(new ZipError(`${this.file}: ${this.entry.name} is damaged (CRC-32 or size does not match); download the export again`));
      return;
    }
    done();
  }
}

/** The uncompressed bytes of one entry, as a stream. */
export async function openEntry(file: string, entry: ZipEntry): Promise<NodeJS.ReadableStream> {
  if (entry.flags & 0x1) throw new ZipError(`${file}: ${entry.name} is encrypted; remgen reads the export job's zip as Intune gives it`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${file}: ${entry.name} uses compression method ${entry.method}; remgen reads stored and deflated entries (unzip it and pass the CSV)`);
  const handle = await open(file, 'r');
  let start: number;
  try {
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, entry.localHeaderOffset);
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipError(`${file}: ${entry.name}'s local header is missing; download the export again`);
    start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  const raw = entry.compressedSize === 0 ? Readable.from([Buffer.alloc(0)]) : createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  const verify = new Verify(entry, file);
  const forward = (error: Error) => verify.destroy(error instanceof ZipError ? error : new ZipError(`${file}: ${entry.name} cannot be inflated (${error.message}); download the export again`));
  if (entry.method === 0) {
    raw.on('error', forward);
    return raw.pipe(verify);
  }
  // Large output chunks: the CSV reader's per-chunk work is then paid a sixteenth as often as with zlib's 16 KiB.
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  raw.on('error', forward);
  inflate.on('error', forward);
  return raw.pipe(inflate).pipe(verify);
}

/** The CSV inside an export zip: the one `.csv` entry (or the only entry). */
export async function csvEntry(file: string): Promise<NodeJS.ReadableStream> {
  const entries = (await zipEntries(file)).filter((e) => !e.name.endsWith('/'));
  const csv = entries.filter((e) => /\.csv$/i.test(e.name));
  const chosen = csv.length === 1 ? csv[0] : entries.length === 1 ? entries[0] : undefined;
  if (!chosen) throw new ZipError(`${file}: expected one CSV in the zip, found ${entries.length === 0 ? 'no entry' : entries.map((e) => e.name).join(', ')}; unzip it and pass the CSV you mean with --from`);
  return openEntry(file, chosen);
}
