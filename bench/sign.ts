/**
 * Signing benchmark: 1000 generated scripts (about 4.4 KB each, ASCII, CRLF) signed with one RSA-2048
 * code-signing key, in the same run:
 *
 *   remgen 1 thread     load the signer, then read, signScript and write each file, in this process
 *   remgen N threads    the same with this thread and N - 1 worker_threads taking files from one shared
 *                       counter (N = available CPUs); worker start-up is inside the timed region
 *   osslsigncode serial 1000 x `osslsigncode sign` one after another (the per-file tool the spec compares with)
 *   osslsigncode N par  the same with N processes at a time (same parallelism as remgen N threads)
 *
 * A sample of remgen's outputs is checked with `osslsigncode verify`, so the figures are for real signatures.
 * Run alone: `npx tsx bench/sign.ts`; or `npm run bench -- --only sign`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadSigner, signScript } from '../generator/sign/index.ts';
import type { BenchResult } from './result.ts';

const run = promisify(execFile);
const FILES = 1000;
const GOAL = 10;

interface Job {
  readonly cert: string;
  readonly key: string;
  readonly files: readonly string[];
  readonly outDir: string;
  /** Shared next-file counter (Int32 at index 0) when several threads take files from one list. */
  readonly next?: SharedArrayBuffer;
}

/**
 * What one `osslsigncode sign -in F -out G` run does, in-process: load the signer, then for each file read
 * it, sign it, write the result. Sync file I/O: one read and one write per file, like osslsigncode's; the
 * promise API would add two thread-pool round trips per file (about 0.4 ms, more than the signing itself).
 * With `next`, files are taken from a shared counter, so threads that start late simply take fewer.
 */
async function signFiles(job: Job): Promise<Phases> {
  const phases: Phases = { signed: 0, load: 0, read: 0, sign: 0, write: 0 };
  let mark = process.hrtime.bigint();
  const lap = (phase: Exclude<keyof Phases, 'signed'>): void => {
    const now = process.hrtime.bigint();
    phases[phase] += Number(now - mark) / 1e6;
    mark = now;
  };
  const signer = await loadSigner({ cert: job.cert, key: job.key });
  const signingTime = new Date(1700000000 * 1000);
  const counter = job.next ? new Int32Array(job.next) : undefined;
  lap('load');
  for (let i = 0; ; i += 1) {
    const index = counter ? Atomics.add(counter, 0, 1) : i;
    if (index >= job.files.length) return phases;
    const file = job.files[index]!;
    const name = file.slice(file.lastIndexOf('/') + 1);
    const bytes = readFileSync(file);
    lap('read');
    const signed = await signScript(bytes, name, signer, { signingTime });
    lap('sign');
    writeFileSync(join(job.outDir, name), signed);
    lap('write');
    phases.signed += 1;
  }
}

/** Where one thread's time went, in ms (`signed`: files it signed). */
interface Phases {
  signed: number;
  load: number;
  read: number;
  sign: number;
  write: number;
}

function script(i: number): string {
  const lines = [`<#`, `.SYNOPSIS`, `    Generated benchmark script ${i}.`, `#>`, `#Requires -Version 5.1`, `Set-StrictMode -Version 3.0`, `$ErrorActionPreference = 'Stop'`];
  for (let n = 0; n < 40; n += 1) lines.push(`$value${n} = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Bench\\${i}' -Name 'Item${n}' -ErrorAction SilentlyContinue`);
  lines.push('exit 0');
  return lines.join('\r\n') + '\r\n';
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function pool<T>(items: readonly T[], width: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

/**
 * `threads` threads over one file list: this thread starts signing at once while `threads - 1` workers
 * boot (tsx register, module load, key load) and join in as soon as they are ready, all taking files from
 * one shared counter. Worker start-up is inside the timed region; it no longer idles the other threads.
 * Returns how many files each thread signed (this thread first).
 */
async function inThreads(job: Job, threads: number): Promise<Phases[]> {
  const next = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<Phases>((resolve, reject) => {
        // The worker registers tsx itself (as bin/remgen.js does), then loads this file.
        const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
        const worker = new Worker(boot, { eval: true, workerData: { ...job, next } });
        worker.once('message', resolve);
        worker.once('error', reject);
        // After a message the promise is settled and this reject is a no-op.
        worker.once('exit', (code) => reject(new Error(code === 0 ? 'worker ended without a result' : `worker exited ${code}`)));
      }),
  );
  const own = await signFiles({ ...job, next });
  return [own, ...(await Promise.all(workers))];
}

export async function benchSign(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'remgen-bench-sign-'));
  try {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '7', '-subj', '/CN=remgen bench signer',
      '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature', '-addext', 'extendedKeyUsage=codeSigning']);
    const inDir = join(dir, 'in');
    mkdirSync(inDir);
    const files = Array.from({ length: FILES }, (_, i) => {
      const file = join(inDir, `script-${String(i).padStart(4, '0')}.ps1`);
      writeFileSync(file, script(i));
      return file;
    });
    const threads = availableParallelism();
    const outputs = ['one', 'many', 'ossl', 'osslpar'].map((name) => {
      const out = join(dir, name);
      mkdirSync(out);
      return out;
    });
    const [oneDir, manyDir, osslDir, osslParDir] = outputs as [string, string, string, string];

    let phases: Phases | undefined;
    const one = await timed(async () => (phases = await signFiles({ cert, key, files, outDir: oneDir })));
    let shares: Phases[] = [];
    const many = await timed(async () => (shares = await inThreads({ cert, key, files, outDir: manyDir }, threads)));
    const osslSign = (outDir: string) => (file: string) =>
      run('osslsigncode', ['sign', '-certs', cert, '-key', key, '-time', '1700000000', '-in', file, '-out', join(outDir, file.slice(file.lastIndexOf('/') + 1))]);
    const ossl = await timed(() => pool(files, 1, osslSign(osslDir)));
    const osslPar = await timed(() => pool(files, threads, osslSign(osslParDir)));

    // Real signatures: every remgen output is byte-identical to osslsigncode's, and osslsigncode verifies a sample.
    let checked = 'ok';
    for (const [i, file] of files.entries()) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      const expected = readFileSync(join(osslDir, name));
      for (const dir of [oneDir, manyDir]) if (!readFileSync(join(dir, name)).equals(expected)) checked = `FAILED: ${join(dir, name)} differs from osslsigncode's`;
      if (i % 499 !== 0) continue;
      const { stdout } = await run('osslsigncode', ['verify', '-CAfile', cert, '-in', join(manyDir, name)]);
      if (!/Signature verification: ok/.test(stdout)) checked = `FAILED: osslsigncode rejected ${name}`;
    }
    const ratio = ossl / many;
    const perFile = (ms: number, digits = 2): string => (ms / FILES).toFixed(digits);
    const command = 'npx tsx bench/sign.ts';
    return [
      {
        name: 'remgen sign, 1 thread',
        figures: {
          files: FILES, 'wall ms': Math.round(one), 'ms/file': perFile(one),
          // The same run split by phase: loadSigner once, then per file readFileSync, signScript, writeFileSync.
          'load ms': phases!.load.toFixed(1), 'read ms/file': perFile(phases!.read, 3), 'signScript ms/file': perFile(phases!.sign, 3), 'write ms/file': perFile(phases!.write, 3),
          check: checked, command,
        },
      },
      {
        name: `remgen sign, ${threads} threads`,
        figures: { files: FILES, 'wall ms': Math.round(many), 'ms/file': perFile(many), 'files per thread': shares.map((share) => share.signed).join('+'), check: checked, command },
      },
      { name: 'osslsigncode sign x1000, serial', figures: { files: FILES, 'wall ms': Math.round(ossl), 'ms/file': perFile(ossl), command } },
      { name: `osslsigncode sign x1000, ${threads} at a time`, figures: { files: FILES, 'wall ms': Math.round(osslPar), 'ms/file': perFile(osslPar), command } },
      {
        name: 'ratio',
        figures: {
          'serial osslsigncode / remgen threads': ratio.toFixed(1),
          'serial osslsigncode / remgen 1 thread': (ossl / one).toFixed(1),
          'parallel osslsigncode / remgen threads': (osslPar / many).toFixed(1),
          goal: `>= ${GOAL}x (serial osslsigncode / remgen threads): ${ratio >= GOAL ? 'MET' : 'MISSED'}`,
          command,
        },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!isMainThread) {
  parentPort!.postMessage(await signFiles(workerData as Job));
} else if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const results = await benchSign();
  for (const r of results) console.log(`${r.name}: ${JSON.stringify(r.figures)}`);
}
