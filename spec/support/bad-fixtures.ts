import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './temp-catalog.ts';

export const BAD_FIXTURES = join(REPO, 'spec', 'fixtures', 'bad');

export interface BadFixture {
  readonly name: string;
  readonly dir: string;
  /** The exact diagnostic lines, file paths relative to the fixture folder. */
  readonly expected: readonly string[];
}

/** Every folder under spec/fixtures/bad/: a tiny catalog and the diagnostics it must produce. */
export function badFixtures(): BadFixture[] {
  return readdirSync(BAD_FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(BAD_FIXTURES, name);
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').split('\n').filter((line) => line.length > 0);
      return { name, dir, expected };
    });
}
