import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Synthesis } from '../generator/synthesize.ts';
import { planWrite, writeOutput } from '../generator/write/index.ts';

/**
 * The write stage compares what out/ holds with what the build makes, and reads back what it wrote, a chunk
 * (64 KiB) at a time. A difference anywhere, the first byte of a later chunk or the last byte of the file, is
 * one; a file that only starts like the new one is one too.
 */

const CHUNK = 64 * 1024;

function script(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = i % 80 === 78 ? 0x0d : i % 80 === 79 ? 0x0a : 0x41 + (i % 26);
  return bytes;
}

const synthesisOf = (files: ReadonlyMap<string, Uint8Array>): Synthesis => ({ files, entries: [], packages: [], builds: new Map(), generatorVersion: '0.0.0-spec' });
const statusOf = async (out: string, files: ReadonlyMap<string, Uint8Array>, path: string): Promise<string | undefined> =>
  (await planWrite(out, synthesisOf(files), { partial: false })).reports.find((report) => report.path === path)?.status;

describe('write stage: out/ compared and read back a chunk at a time', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'remgen-write-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const big = script(3 * CHUNK + 100);
  const files = new Map([['intune/pkg/tests/big.ps1', big], ['intune/pkg/small.ps1', script(10)], ['empty.txt', new Uint8Array(0)]]);

  it('writes every file, in folders of several depths, byte for byte; a second look finds each unchanged', async () => {
    const out = join(root, 'out');
    const reports = await writeOutput(out, synthesisOf(files), { partial: false });
    assert.deepEqual(reports.filter((r) => r.path !== 'manifest.json').map((r) => [r.path, r.status]).sort(), [...files.keys()].map((path) => [path, 'created']).sort());
    for (const [path, bytes] of files) assert.ok(readFileSync(join(out, path)).equals(Buffer.from(bytes)), path);
    for (const path of files.keys()) assert.equal(await statusOf(out, files, path), 'unchanged', path);
  });

  for (const [what, offset] of [
    ['the first byte', 0],
    ['the last byte of the first chunk', CHUNK - 1],
    ['the first byte of the second chunk', CHUNK],
    ['the first byte of the last chunk', 3 * CHUNK],
    ['the last byte', 3 * CHUNK + 99],
  ] as const) {
    it(`a file that differs only in ${what} is updated`, async () => {
      const out = join(root, 'out');
      await writeOutput(out, synthesisOf(files), { partial: false });
      const changed = Uint8Array.from(big);
      changed[offset] = changed[offset] === 0x41 ? 0x42 : 0x41;
      assert.equal(await statusOf(out, new Map([...files, ['intune/pkg/tests/big.ps1', changed]]), 'intune/pkg/tests/big.ps1'), 'updated');
      const reports = await writeOutput(out, synthesisOf(new Map([...files, ['intune/pkg/tests/big.ps1', changed]])), { partial: false });
      assert.equal(reports.find((r) => r.path === 'intune/pkg/tests/big.ps1')?.status, 'updated');
      assert.ok(readFileSync(join(out, 'intune/pkg/tests/big.ps1')).equals(Buffer.from(changed)));
    });
  }

  it('a file one byte longer or shorter than the new one is updated; a folder where the file goes is as if nothing were there', async () => {
    const out = join(root, 'out');
    mkdirSync(join(out, 'intune', 'pkg', 'tests', 'big.ps1'), { recursive: true });
    assert.equal(await statusOf(out, files, 'intune/pkg/tests/big.ps1'), 'created');
    rmSync(out, { recursive: true });
    mkdirSync(join(out, 'intune', 'pkg', 'tests'), { recursive: true });
    writeFileSync(join(out, 'intune', 'pkg', 'tests', 'big.ps1'), Buffer.concat([Buffer.from(big), Buffer.from('x')]));
    assert.equal(await statusOf(out, files, 'intune/pkg/tests/big.ps1'), 'updated');
    writeFileSync(join(out, 'intune', 'pkg', 'tests', 'big.ps1'), Buffer.from(big).subarray(0, big.length - 1));
    assert.equal(await statusOf(out, files, 'intune/pkg/tests/big.ps1'), 'updated');
  });

  it('a new file with the same bytes as another new one is a hard link to it; when one of them changes, only that one does', async () => {
    const out = join(root, 'out');
    const twins = new Map([...files, ['intune/a/tests/Invoke-RgSimulation.ps1', big], ['intune/b/tests/Invoke-RgSimulation.ps1', big]]);
    await writeOutput(out, synthesisOf(twins), { partial: false });
    const inode = (path: string): number => statSync(join(out, path)).ino;
    assert.equal(inode('intune/a/tests/Invoke-RgSimulation.ps1'), inode('intune/pkg/tests/big.ps1'));
    assert.equal(inode('intune/b/tests/Invoke-RgSimulation.ps1'), inode('intune/pkg/tests/big.ps1'));
    assert.notEqual(inode('intune/pkg/small.ps1'), inode('intune/pkg/tests/big.ps1'));
    const changed = Uint8Array.from(big);
    changed[CHUNK] = changed[CHUNK] === 0x41 ? 0x42 : 0x41;
    const kept = inode('intune/a/tests/Invoke-RgSimulation.ps1');
    const reports = await writeOutput(out, synthesisOf(new Map([...twins, ['intune/b/tests/Invoke-RgSimulation.ps1', changed]])), { partial: false });
    assert.equal(reports.find((r) => r.path === 'intune/b/tests/Invoke-RgSimulation.ps1')?.status, 'updated');
    assert.equal(reports.find((r) => r.path === 'intune/a/tests/Invoke-RgSimulation.ps1')?.status, 'unchanged');
    assert.ok(readFileSync(join(out, 'intune/b/tests/Invoke-RgSimulation.ps1')).equals(Buffer.from(changed)));
    assert.ok(readFileSync(join(out, 'intune/a/tests/Invoke-RgSimulation.ps1')).equals(Buffer.from(big)), 'the others keep their bytes');
    assert.ok(readFileSync(join(out, 'intune/pkg/tests/big.ps1')).equals(Buffer.from(big)));
    assert.equal(inode('intune/a/tests/Invoke-RgSimulation.ps1'), kept);
  });

  it('a new package folder beside the previous build\'s (hard-linked into the staging tree) is made, the old ones kept', async () => {
    const out = join(root, 'out');
    await writeOutput(out, synthesisOf(files), { partial: false });
    const kept = statSync(join(out, 'intune/pkg/small.ps1')).ino;
    const more = new Map([...files, ['intune/other/tests/deep/a.ps1', script(5)], ['configmgr/other/b.ps1', script(7)]]);
    const reports = await writeOutput(out, synthesisOf(more), { partial: false });
    assert.equal(reports.find((r) => r.path === 'intune/other/tests/deep/a.ps1')?.status, 'created');
    assert.equal(reports.find((r) => r.path === 'configmgr/other/b.ps1')?.status, 'created');
    assert.equal(statSync(join(out, 'intune/pkg/small.ps1')).ino, kept, 'an unchanged file keeps its inode');
    assert.ok(readFileSync(join(out, 'intune/other/tests/deep/a.ps1')).equals(Buffer.from(script(5))));
  });
});
