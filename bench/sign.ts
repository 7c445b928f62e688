/**
 * Signing benchmark: 1000 generated scripts (about 2 KB each, ASCII, CRLF) signed with one RSA-2048
 * code-signing key, in the same run:
 *
 *   remgen 1 thread     signScript in this process, files read and written
 *   remgen N threads    the same split over worker_threads (N = available CPUs)
 *   osslsigncode serial 1000 x `osslsigncode sign` one after another (the per-file tool the spec compares with)
 *   osslsigncode N par  the same with N processes at a time (same parallelism as remgen N threads)
 *
 * A sample of remgen's outputs is checked with `osslsigncode verify`, so the figures are for real signatures.
 * Run alone: `npx tsx bench/sign.ts`; or `npm run bench -- --only sign`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
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
}

async function signFiles(job: Job): Promise<void> {
  const signer = await loadSigner({ cert: job.cert, key: job.key });
  const signingTime = new Date(1700000000 * 1000);
  for (const file of job.files) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    await writeFile(join(job.outDir, name), await signScript(await readFile(file), name, signer, { signingTime }));
  }
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

function inWorkers(job: Job, threads: number): Promise<void> {
  const shares = Array.from({ length: threads }, (_, t) => job.files.filter((_, i) => i % threads === t));
  return Promise.all(
    shares.map(
      (files) =>
        new Promise<void>((resolve, reject) => {
          // The worker registers tsx itself (as bin/remgen.js does), then loads this file.
          const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
          const worker = new Worker(boot, { eval: true, workerData: { ...job, files } });
          worker.once('message', () => resolve());
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  ).then(() => undefined);
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

    const one = await timed(() => signFiles({ cert, key, files, outDir: oneDir }));
    const many = await timed(() => inWorkers({ cert, key, files, outDir: manyDir }, threads));
    const osslSign = (outDir: string) => (file: string) =>
      run('osslsigncode', ['sign', '-certs', cert, '-key', key, '-time', '1700000000', '-in', file, '-out', join(outDir, file.slice(file.lastIndexOf('/') + 1))]);
    const ossl = await timed(() => pool(files, 1, osslSign(osslDir)));
    const osslPar = await timed(() => pool(files, threads, osslSign(osslParDir)));

    // Real signatures: osslsigncode verifies a sample, and both tools produced the same bytes.
    let checked = 'ok';
    for (const i of [0, 499, 999]) {
      const name = `script-${String(i).padStart(4, '0')}.ps1`;
      const { stdout } = await run('osslsigncode', ['verify', '-CAfile', cert, '-in', join(manyDir, name)]);
      if (!/Signature verification: ok/.test(stdout)) checked = `FAILED: osslsigncode rejected ${name}`;
      if (!readFileSync(join(manyDir, name)).equals(readFileSync(join(osslDir, name)))) checked = `FAILED: ${name} differs from osslsigncode's`;
    }
    const ratio = ossl / many;
    const perFile = (ms: number): string => (ms / FILES).toFixed(2);
    const command = 'npx tsx bench/sign.ts';
    return [
      { name: 'remgen sign, 1 thread', figures: { files: FILES, 'wall ms': Math.round(one), 'ms/file': perFile(one), check: checked, command } },
      { name: `remgen sign, ${threads} worker threads`, figures: { files: FILES, 'wall ms': Math.round(many), 'ms/file': perFile(many), check: checked, command } },
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
  await signFiles(workerData as Job);
  parentPort!.postMessage('done');
} else if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const results = await benchSign();
  for (const r of results) console.log(`${r.name}: ${JSON.stringify(r.figures)}`);
}
