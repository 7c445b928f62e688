import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generatePrecompiled, PRECOMPILED_FILE, templateNames } from '../scripts/precompile-templates.ts';
import { templateFunction, templateSource } from '../generator/render/templates.ts';

describe('render: precompiled handlebars templates', function () {
  this.timeout(60_000);

  it('generator/render/templates.precompiled.cjs is what npm run templates makes of templates/**/*.hbs', async () => {
    assert.ok(readFileSync(PRECOMPILED_FILE, 'utf8') === (await generatePrecompiled()), 'precompiled templates are stale: run npm run templates');
  });

  it('every template is served precompiled while its source is the one it was compiled from', () => {
    assert.ok(templateNames().length >= 8);
    for (const name of templateNames()) assert.equal(templateFunction(name, templateSource(name)).precompiled, true, name);
  });

  it('a template whose source changed is compiled from the source, never served stale', () => {
    const name = 'targets/intune/readme.md.hbs';
    const fresh = templateFunction(name, 'Edited line {{mdText displayName}}\n');
    assert.equal(fresh.precompiled, false);
    assert.equal(fresh.render({ displayName: 'Shown' }), 'Edited line Shown\n');
  });

  it('the changed source is linted before it is compiled: a raw {{x}} is refused', () => {
    const name = 'targets/intune/readme.md.hbs';
    assert.throws(() => templateFunction(name, `{{displayName}}\n${templateSource(name)}`), /raw '\{\{displayName\}\}'/);
  });
});
