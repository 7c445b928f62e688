import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOsslsigncode, osslVerify } from './sign/support/tools.ts';
import { remgen, scratchProject, REPO } from './support/temp-catalog.ts';
import { BUNDLED_FILES, BUNDLED_SIGNED } from './support/catalog.ts';

describe('remgen build, signed (the default)', function () {
  this.timeout(120_000);
  let project: ReturnType<typeof scratchProject>;
  let caFile: string;

  before(async () => {
    await ensureOsslsigncode();
    project = scratchProject(join(REPO, 'remediations'));
  });
  after(() => project.dispose());

  it('GIVEN no certificate WHEN build runs THEN it creates a development certificate, says so loudly, and signs', () => {
    const run = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /NO SIGNING CERTIFICATE CONFIGURED: created a DEVELOPMENT code-signing certificate/);
    assert.doesNotMatch(run.stdout, /DEVELOPMENT/);
    assert.match(run.stdout, new RegExp(`Summary: ${BUNDLED_FILES.length} files: ${BUNDLED_FILES.length} created, 0 updated, 0 unchanged; signed by CN=remgen development code signing`));
    assert.deepEqual(readdirSync(join(project.root, '.remgen')).sort(), ['dev-signing-key.pem', 'dev-signing.cer', 'trust-remgen-dev.ps1']);
    caFile = join(project.root, 'dev.pem');
    execFileSync('openssl', ['x509', '-inform', 'der', '-in', join(project.root, '.remgen', 'dev-signing.cer'), '-out', caFile]);
  });

  it('every signed file in out/ verifies with osslsigncode, and the manifest and Graph body say signed', async () => {
    const manifest = JSON.parse(readFileSync(join(project.out, 'manifest.json'), 'utf8')) as {
      signing: { status: string; thumbprint: string };
      files: { path: string; signed: boolean }[];
    };
    assert.equal(manifest.signing.status, 'signed');
    assert.match(manifest.signing.thumbprint, /^[0-9A-F]{40}$/);
    const signed = manifest.files.filter((f) => f.signed).map((f) => f.path);
    assert.deepEqual(signed, BUNDLED_SIGNED);
    for (const path of signed) {
      const result = await osslVerify(join(project.out, path), caFile);
      assert.ok(result.ok, `${path}: ${result.output}`);
    }
    const body = JSON.parse(readFileSync(join(project.out, 'intune/tls/deviceHealthScript.json'), 'utf8')) as Record<string, string | boolean>;
    assert.equal(body.enforceSignatureCheck, true);
    assert.ok(Buffer.from(body.detectionScriptContent as string, 'base64').equals(readFileSync(join(project.out, 'intune/tls/detect.ps1'))));
    assert.match(readFileSync(join(project.out, 'intune/tls/README.md'), 'utf8'), /\| Enforce script signature check \| Yes \|/);
  });

  it('a second build keeps every signed file as it is (no new signing time, same inode and mtime), without a banner', () => {
    const files = ['intune/tls/detect.ps1', 'intune/tls/remediate.ps1', 'intune/tls/deviceHealthScript.json', 'configmgr/tls/discovery.ps1', 'configmgr/tls/Import-Tls.ps1', 'module/tls/Tls/Tls.psm1', 'module/tls/Tls/Tls.psd1', 'manifest.json'];
    const facts = (): string[] => files.map((path) => {
      const stat = statSync(join(project.out, path), { bigint: true });
      return `${path} ${stat.ino} ${stat.mtimeNs} ${readFileSync(join(project.out, path)).toString('base64')}`;
    });
    const before = facts();
    const run = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(facts(), before);
    assert.doesNotMatch(run.stdout + run.stderr, /NO SIGNING CERTIFICATE/);
    assert.match(run.stdout, new RegExp(`${BUNDLED_FILES.length} files: 0 created, 0 updated, ${BUNDLED_FILES.length} unchanged`));
    assert.equal(remgen(['build', '--catalog', 'catalog', '--out', 'out', '--check'], project.root).status, 0);
  });

  it('a tampered signed script is stale for --check and re-signed by build', async () => {
    const detect = join(project.out, 'intune/tls/detect.ps1');
    const bytes = readFileSync(detect);
    bytes[100] = bytes[100] === 0x41 ? 0x42 : 0x41;
    writeFileSync(detect, bytes);
    assert.equal((await osslVerify(detect, caFile)).ok, false);
    const check = remgen(['build', '--catalog', 'catalog', '--out', 'out', '--check'], project.root);
    assert.equal(check.status, 2);
    assert.match(check.stdout, /stale\s+out\/intune\/tls\/detect\.ps1/);
    const run = remgen(['build', '--catalog', 'catalog', '--out', 'out'], project.root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /updated\s+out\/intune\/tls\/detect\.ps1/);
    assert.ok((await osslVerify(detect, caFile)).ok);
  });

  it('a wrong signing option is a usage error that writes nothing', () => {
    const run = remgen(['build', '--catalog', 'catalog', '--out', 'out2', '--cert', 'nope.pem'], project.root);
    assert.equal(run.status, 3, run.stdout + run.stderr);
    assert.match(run.stderr, /nothing was written to out2\//);
    assert.throws(() => readdirSync(join(project.root, 'out2')));
  });
});
