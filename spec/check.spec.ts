import { strict as assert } from 'node:assert';
import { BUNDLED_PACKAGES } from './support/catalog.ts';
import { join } from 'node:path';
import { checkCatalog } from '../generator/check/index.ts';
import { formatDiagnostic } from '../generator/diagnostic.ts';
import { suggest } from '../generator/check/suggest.ts';
import { validateDescriptor } from '../generator/check/schema.ts';
import { loadCatalog, type LoadResult } from '../generator/load/index.ts';
import { defineBundle, defineRemediation, registryValue } from '../generator/descriptor/index.ts';
import { badFixtures } from './support/bad-fixtures.ts';
import { REPO } from './support/temp-catalog.ts';

describe('check: malformed descriptors in spec/fixtures/bad/', function () {
  this.timeout(30_000);
  const fixtures = badFixtures();

  it('there are at least 22 fixtures, each expecting at least one error', () => {
    assert.ok(fixtures.length >= 22, `only ${fixtures.length} fixtures`);
    for (const fixture of fixtures) assert.ok(fixture.expected.length > 0, `${fixture.name}/expected.txt is empty`);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: reports exactly expected.txt, located at the offending property`, async () => {
      const { catalog, diagnostics } = await checkCatalog(await loadCatalog(fixture.dir));
      assert.deepEqual(diagnostics.map((d) => formatDiagnostic(d, fixture.dir)), fixture.expected);
      // A file that has any error never reaches the planner.
      const bad = new Set(diagnostics.map((d) => d.file));
      for (const entry of catalog.remediations) assert.ok(!bad.has(entry.file), `${entry.remediation.id} passed although its file has errors`);
    });
  }
});

describe('check: the tls catalog', () => {
  it('GIVEN remediations/ WHEN checked THEN there is no diagnostic and every bundled package is in the catalog once, with its file and bundle', async () => {
    const { catalog, diagnostics } = await checkCatalog(await loadCatalog(join(REPO, 'remediations')));
    assert.deepEqual(diagnostics, []);
    const found = catalog.remediations.map((r) => [r.remediation.id, r.file, r.bundle ?? '']).sort();
    assert.deepEqual(found, BUNDLED_PACKAGES.map((p) => [p.id, join(REPO, 'remediations', p.file), p.bundle ?? '']));
    assert.deepEqual(catalog.bundles.map((b) => b.bundle.id), ['onedrive-0x8004de40']);
  });
});

const step = registryValue({ id: 'flag', path: 'HKLM:\\SOFTWARE\\Contoso', name: 'Flag', type: 'DWord', value: 1 });
const remediation = (id: string, context: 'system' | 'user' = 'system') => defineRemediation({
  id, displayName: id, description: 'd', publisher: 'p', context,
  steps: [context === 'system' ? step : registryValue({ ...step, path: 'HKCU:\\Software\\Contoso' })],
});

describe('check: catalog model', () => {
  it('GIVEN a remediation exported by its file and listed in a bundle THEN it is one remediation, from its own file, in the bundle', async () => {
    const device = remediation('zeta');
    const user = remediation('alpha', 'user');
    const bundle = defineBundle({ id: 'fix', displayName: 'Fix', description: 'd', remediations: [device, user] });
    const loaded: LoadResult = {
      files: ['/c/bundle.ts', '/c/zeta.ts'],
      diagnostics: [],
      exports: [
        { file: '/c/bundle.ts', exportName: 'default', value: bundle as unknown as LoadResult['exports'][number]['value'] },
        { file: '/c/zeta.ts', exportName: 'default', value: device as unknown as LoadResult['exports'][number]['value'] },
      ],
    };
    const { catalog, diagnostics } = await checkCatalog(loaded);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(catalog.remediations.map((r) => [r.remediation.id, r.file, r.bundle]), [
      ['alpha', '/c/bundle.ts', 'fix'],
      ['zeta', '/c/zeta.ts', 'fix'],
    ]);
    assert.deepEqual(catalog.bundles.map((b) => b.bundle.id), ['fix']);
  });

  it('keeps the loader diagnostics and sorts everything by file and line', async () => {
    const loaded: LoadResult = {
      files: [],
      exports: [],
      diagnostics: [{ file: '/c/b.ts', line: 3, column: 1, message: 'second' }, { file: '/c/a.ts', line: 9, column: 2, message: 'first' }],
    };
    const { diagnostics } = await checkCatalog(loaded);
    assert.deepEqual(diagnostics.map((d) => d.message), ['first', 'second']);
  });
});

describe('check: schema messages', () => {
  it('suggests the closest name only for near misses', () => {
    assert.equal(suggest('valu', ['value', 'view']), 'value');
    assert.equal(suggest('nmae', ['name', 'path']), 'name');
    assert.equal(suggest('System', ['system', 'user']), 'system');
    assert.equal(suggest('colour', ['path', 'name']), undefined);
  });

  it('lists the known properties when nothing is close', () => {
    const findings = validateDescriptor({ ...remediation('x'), steps: [{ ...step, colour: 'red' }] });
    assert.deepEqual(findings, [{
      path: ['steps', 0, 'colour'],
      message: "unknown property 'colour' in step 'flag'; known properties: defaultProfile, id, name, path, profiles, restartRequired, state, title, type, value, view",
    }]);
  });

  it('names a step without a usable id by its position', () => {
    const findings = validateDescriptor({ ...remediation('x'), steps: [step, { kind: 'registryValue', path: 'HKLM:\\SOFTWARE\\X', name: 'n', type: 'DWord', value: 1 }] });
    assert.deepEqual(findings, [{ path: ['steps', 1], message: "missing required property 'id' in step 2" }]);
  });
});
