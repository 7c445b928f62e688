import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import signCommand from '../../generator/cli/commands/sign.ts';
import verifyCommand from '../../generator/cli/commands/verify.ts';
import { testPki, type TestPki } from './support/pki.ts';
import { SAMPLES } from './support/samples.ts';
import { ensureOsslsigncode, osslVerify } from './support/tools.ts';

/** Runs a command handler with stdout/stderr captured. */
async function run(handler: (args: never) => Promise<number> | number, args: object): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = (chunk: string) => ((out += chunk), true);
  process.stderr.write = (chunk: string) => ((err += chunk), true);
  try {
    const code = await handler(args as never);
    return { code, out, err };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

describe('sign: remgen sign and remgen verify commands', function () {
  let pki: TestPki;
  let work: string;
  const signArgs = { sign: true, hash: 'sha256', addBom: false };

  before(async function () {
    await ensureOsslsigncode();
    pki = await testPki();
    work = mkdtempSync(join(tmpdir(), 'remgen-cli-'));
  });

  it('signs files in place with a PFX whose password is in an environment variable; verify exits 0 for all valid', async function () {
    const files = SAMPLES.slice(0, 3).map((s) => {
      const file = join(work, s.name);
      writeFileSync(file, s.bytes);
      return file;
    });
    process.env['REMGEN_CLI_TEST_PASSWORD'] = pki.password;
    const signed = await run(signCommand.handler, { ...signArgs, files, pfx: pki.rsa.pfx3des, passwordEnv: 'REMGEN_CLI_TEST_PASSWORD' });
    assert.equal(signed.code, 0, signed.err);
    assert.match(signed.out, /Summary: 3 files signed, 0 failed/);
    assert.ok(!signed.out.includes(pki.password) && !signed.err.includes(pki.password));
    for (const file of files) assert.ok((await osslVerify(file, pki.rootPem)).ok);

    const verified = await run(verifyCommand.handler, { files, ca: [pki.rootPem], json: true });
    assert.equal(verified.code, 0, verified.err);
    const results = JSON.parse(verified.out) as { file: string; status: string }[];
    assert.deepEqual(results.map((r) => r.status), ['Valid', 'Valid', 'Valid']);
  });

  it('verify exits 1 when any file is not valid and prints one status line per file on stdout', async function () {
    const good = join(work, 'good.ps1');
    const unsigned = join(work, 'unsigned.ps1');
    writeFileSync(unsigned, SAMPLES[0]!.bytes);
    writeFileSync(good, SAMPLES[0]!.bytes);
    assert.equal((await run(signCommand.handler, { ...signArgs, files: [good], cert: pki.rsa.chain, key: pki.rsa.key })).code, 0);
    const result = await run(verifyCommand.handler, { files: [good, unsigned], ca: [pki.rootPem], json: false });
    assert.equal(result.code, 1);
    assert.match(result.out, /^Valid\s+.*good\.ps1/m);
    assert.match(result.out, /^NotSigned\s+.*unsigned\.ps1/m);
    assert.match(result.out, /Summary: 1 file valid, 1 not valid/);
    assert.equal(result.err, '');
  });

  it('leaves a file untouched when signing fails (unreachable TSA), exits 1 and names the file; option mistakes exit 3', async function () {
    const file = join(work, 'keep.ps1');
    writeFileSync(file, SAMPLES[0]!.bytes);
    const result = await run(signCommand.handler, {
      ...signArgs, files: [file], cert: pki.rsa.chain, key: pki.rsa.key, timestampUrl: ['http://127.0.0.1:9/'],
    });
    assert.equal(result.code, 1);
    assert.match(result.err, /keep\.ps1: no timestamp authority answered/);
    assert.ok(readFileSync(file).equals(SAMPLES[0]!.bytes), 'unchanged');
    assert.deepEqual(readdirSync(work).filter((n) => n.endsWith('.tmp')), [], 'no temporary files left');

    const usage = await run(signCommand.handler, { ...signArgs, files: [file], cert: pki.rsa.chain });
    assert.equal(usage.code, 3);
    assert.match(usage.err, /--cert and --key go together/);

    const wrong = await run(signCommand.handler, { ...signArgs, files: [file], pfx: pki.rsa.pfxAes, passwordFile: join(pki.dir, 'ext.cnf') });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /wrong password for the PFX file/);
  });

  it('without a configured certificate, signs with the development certificate and says so loudly', async function () {
    const project = mkdtempSync(join(tmpdir(), 'remgen-cli-dev-'));
    const file = join(project, 'a.ps1');
    writeFileSync(file, SAMPLES[0]!.bytes);
    const cwd = process.cwd();
    process.chdir(project);
    try {
      const result = await run(signCommand.handler, { ...signArgs, files: [file] });
      assert.equal(result.code, 0, result.err);
      assert.match(result.err, /NO SIGNING CERTIFICATE CONFIGURED: created a DEVELOPMENT code-signing certificate/);
      const cer = join(project, '.remgen', 'dev-signing.cer');
      const verified = await run(verifyCommand.handler, { files: [file, join(project, '.remgen', 'trust-remgen-dev.ps1')], ca: [cer], json: false });
      assert.equal(verified.code, 0, verified.err);
    } finally {
      process.chdir(cwd);
    }
  });
});
