import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFinding, lintFiles, rules } from '../../generator/lint/index.ts';
import { REPO } from '../support/temp-catalog.ts';

const FIXTURES = join(REPO, 'spec', 'fixtures', 'lint');

/** Fixtures are what a device would get: 7-bit ASCII, CRLF only. */
function assertAsciiCrlf(file: string): void {
  const bytes = readFileSync(file);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    assert.ok(b < 0x80, `${file}: byte ${i} is not ASCII`);
    if (b === 0x0a) assert.equal(bytes[i - 1], 0x0d, `${file}: byte ${i} is a bare LF`);
    if (b === 0x0d) assert.equal(bytes[i + 1], 0x0a, `${file}: byte ${i} is a bare CR`);
  }
}

describe('lint rules: every registered rule has a bad and a good fixture', function () {
  this.timeout(120_000);

  it('the registry names each rule once, in kebab-case, with a description', () => {
    const names = rules.map((r) => r.name);
    assert.deepEqual(names, [...new Set(names)], 'duplicate rule names');
    for (const rule of rules) {
      assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, rule.name);
      assert.ok(rule.description.length > 10, `${rule.name}: no description`);
    }
  });

  for (const rule of rules) {
    describe(rule.name, () => {
      const bad = join(FIXTURES, rule.name, 'bad.ps1');
      const good = join(FIXTURES, rule.name, 'good.ps1');

      it(`GIVEN spec/fixtures/lint/${rule.name}/bad.ps1 WHEN linted THEN ${rule.name} reports at least one finding`, async () => {
        assert.ok(existsSync(bad), `${rule.name} has no bad fixture: create spec/fixtures/lint/${rule.name}/bad.ps1`);
        assertAsciiCrlf(bad);
        const findings = (await lintFiles([bad], { rules: [rule] })).filter((f) => f.rule === rule.name);
        assert.ok(findings.length > 0, `${rule.name}: no finding in ${bad}`);
        for (const f of findings) {
          assert.ok(f.line >= 1 && f.column >= 1, formatFinding(f));
          assert.ok(f.message.length > 0, formatFinding(f));
        }
      });

      it(`GIVEN spec/fixtures/lint/${rule.name}/good.ps1 WHEN linted THEN ${rule.name} reports nothing and the file parses`, async () => {
        assert.ok(existsSync(good), `${rule.name} has no good fixture: create spec/fixtures/lint/${rule.name}/good.ps1`);
        assertAsciiCrlf(good);
        const findings = await lintFiles([good]);
        const own = findings.filter((f) => f.rule === rule.name || f.rule === 'parse-errors');
        assert.deepEqual(own.map(formatFinding), []);
      });

      // A variant for another file kind (a module's bad.psm1 and good.psm1): the rule judges it by its kind.
      for (const ext of ['psm1', 'psd1']) {
        const badVariant = join(FIXTURES, rule.name, `bad.${ext}`);
        const goodVariant = join(FIXTURES, rule.name, `good.${ext}`);
        if (!existsSync(badVariant) && !existsSync(goodVariant)) continue;
        it(`GIVEN spec/fixtures/lint/${rule.name}/bad.${ext} and good.${ext} WHEN linted THEN only the bad one has ${rule.name} findings`, async () => {
          for (const file of [badVariant, goodVariant]) {
            assert.ok(existsSync(file), `${rule.name}: a .${ext} variant needs both bad.${ext} and good.${ext}`);
            assertAsciiCrlf(file);
          }
          assert.ok((await lintFiles([badVariant], { rules: [rule] })).length > 0, `${rule.name}: no finding in ${badVariant}`);
          const own = (await lintFiles([goodVariant])).filter((f) => f.rule === rule.name || f.rule === 'parse-errors');
          assert.deepEqual(own.map(formatFinding), []);
        });
      }
    });
  }
});
