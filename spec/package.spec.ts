import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './support/temp-catalog.ts';

describe('package.json', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, string>; bin: Record<string, string> };

  it('every export and bin names a file that exists', () => {
    for (const [name, file] of [...Object.entries(pkg.exports), ...Object.entries(pkg.bin)]) {
      assert.ok(existsSync(join(REPO, file)), `${name} -> ${file} does not exist`);
    }
  });
});
