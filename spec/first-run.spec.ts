import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remgen, scratchProject } from './support/temp-catalog.ts';

/** Issue 9, "First run, tried as a new user would": each rough edge, as a new user meets it. */
describe('first run, as a new user would try it', function () {
  this.timeout(120_000);
  let project: ReturnType<typeof scratchProject>;
  beforeEach(() => {
    project = scratchProject();
  });
  afterEach(() => project.dispose());

  it('a TypeScript syntax error in a descriptor is reported at its file:line:col with the compiler\'s message', () => {
    writeFileSync(join(project.catalog, 'bad.ts'), [
      "import { defineRemediation, registryValue } from 'remgen';",
      'export default defineRemediation({',
      "  id: 'bad', displayName: 'Bad', description: 'x', publisher: 'x', context: 'system',",
      '  steps: [',
      "    registryValue({ id: 'a', path: 'HKLM:\\\\SOFTWARE\\\\Contoso', name: 'A', type: 'DWord', value: 1 }",
      '  ],',
      '});',
      '',
    ].join('\n'));
    const run = remgen(['build', '--catalog', 'catalog', '--no-sign'], project.root);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^catalog\/bad\.ts:6:3: error: does not compile: Expected "\)" but found "\]"$/m);
  });
});
