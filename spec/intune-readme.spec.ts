import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadAndCheck } from '../generator/build.ts';
import type { Catalog } from '../generator/check/catalog.ts';
import type { Signing } from '../generator/sign/index.ts';
import { synthesize } from '../generator/synthesize.ts';
import { selfSignedSigner } from './sign/support/signer.ts';
import { REPO } from './support/temp-catalog.ts';

/** Issue 9, first run, point 9: the package README says how the scripts are signed and what to enter in the portal. */
describe('intune target: the package README', function () {
  this.timeout(60_000);
  const catalogRoot = join(REPO, 'remediations');
  let catalog: Catalog;
  before(async () => {
    const checked = await loadAndCheck(catalogRoot);
    assert.deepEqual(checked.diagnostics, []);
    catalog = checked.catalog;
  });

  /** The README of tls, signed with `signing` or unsigned. */
  async function readme(signing?: Signing): Promise<string> {
    const synthesis = await synthesize(catalog, { catalogRoot, ids: ['tls'], generatorVersion: '0.0.0-test', ...(signing ? { signing } : {}) });
    return Buffer.from(synthesis.files.get('intune/tls/README.md')!).toString('latin1').replaceAll('\r\n', '\n');
  }
  const contoso = selfSignedSigner('Contoso Code Signing');
  const row = (setting: string, choice: string): RegExp => new RegExp(`^\\| ${setting} \\| ${choice} \\|`, 'm');

  it('lists the portal values to enter: name, description, publisher, and the three settings with the right choice', async () => {
    const tls = catalog.remediations.find((r) => r.remediation.id === 'tls')!.remediation;
    const text = await readme({ signer: contoso });
    assert.ok(text.includes(`- Name: \`${tls.displayName}\`\n`));
    assert.ok(text.includes(`- Description: \`${tls.description.replace(/\s+/g, ' ').trim()}\`\n`));
    assert.ok(text.includes(`- Publisher: \`${tls.publisher}\`\n`));
    assert.match(text, row('Run this script using the logged-on credentials', 'No'));
    assert.match(text, row('Enforce script signature check', 'Yes'));
    assert.match(text, row('Run script in 64-bit PowerShell', 'Yes'));
  });

  it('signed with the development certificate: says so, how to trust it (the trust script) and how to sign with your own', async () => {
    const text = await readme({ signer: selfSignedSigner('remgen development code signing (lab)'), development: true });
    assert.match(text, /signed with the remgen DEVELOPMENT certificate `CN=remgen development code signing \(lab\)`/);
    assert.match(text, /run\s+`\.remgen\/trust-remgen-dev\.ps1`/);
    assert.match(text, /sign with your own code-signing certificate:\s+`remgen build --pfx codesign\.pfx` \(or `--cert cert\.pem --key key\.pem`\)/);
    assert.match(text, row('Enforce script signature check', 'Yes'));
  });

  it('signed with your certificate: names it and what the device must trust, no development wording', async () => {
    const text = await readme({ signer: contoso });
    assert.ok(text.includes(`Both scripts are signed by \`CN=Contoso Code Signing\` (thumbprint \`${contoso.thumbprint}\`)`), text);
    assert.doesNotMatch(text, /DEVELOPMENT|development certificate|trust-remgen-dev/);
  });

  it('unsigned: the signature check stays off, and it says how to sign', async () => {
    const text = await readme();
    assert.match(text, row('Enforce script signature check', 'No'));
    assert.match(text, /This build is unsigned .* To sign it, rebuild with\s+your code-signing certificate/s);
  });

  it('the example summary lines match the package (12 of 12 for tls, not 2 of 10)', async () => {
    const steps = catalog.remediations.find((r) => r.remediation.id === 'tls')!.remediation.steps.length;
    assert.equal(steps, 12);
    const text = await readme();
    const build = /`COMPLIANT tls@([0-9a-f]{7}): all 12 settings compliant`/.exec(text)?.[1];
    assert.ok(build, 'the example line carries the build id');
    assert.ok(text.includes(`\`NON-COMPLIANT tls@${build}: 12 of 12 settings wrong: ...\``));
    assert.ok(text.includes(`\`${build}\` is this build's id`));
    assert.deepEqual([...text.matchAll(/(\d+) of (\d+)/g)].map((m) => m[0]), ['12 of 12']);
  });
});
