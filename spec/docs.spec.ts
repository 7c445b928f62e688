/**
 * The project stands on its own references: no tracked file outside docs/ names the folder that used to sit
 * beside the project (dot-dot-slash "shared"), and every `docs/reference/<file>.md <section>` citation names a
 * file in docs/reference/ and a section heading that file has (see docs/reference/README.md for the convention).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './support/temp-catalog.ts';

const REFERENCE = join(REPO, 'docs', 'reference');

/**
 * Files still allowed to name the sibling folder, while the allowlist check against the full Windows PowerShell
 * 5.1 profile is being reworked (issue 16 item 1). Empty this list when that lands.
 */
const STILL_NAMING_SIBLING = new Set<string>([]);

/** The sibling folder, as a path (`../shared`, either slash) or as path.join arguments (`'..', 'shared'`). */
const SIBLING = /\.\.[/\\]shared\b|'\.\.'\s*,\s*'shared'/;

/** `docs/reference/<file>.md`, then optionally a section: `3.3`, `B.3`, `1.2-1.5`, `3`, `part 2`. */
const CITATION =
  /docs\/reference\/(?:\s*\n[\s*#/]*)?([A-Za-z0-9-]+\.md)`?(?:,?[ \t]*(?:\n[\s*#/]*)?(?:part[ \t]+(\d+)|([A-Z]\.\d+|\d{1,2}(?:\.\d{1,2})?)(?:-(\d{1,2}(?:\.\d{1,2})?))?)(?![\w.]?\d))?/g;

function tracked(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
}

/** The section numbers a reference file has: `## 1. Title` -> 1, `### 1.10 Title` -> 1.10, `### B.3 Title` -> B.3. */
export function sectionsOf(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}[ \t]+(?:Part[ \t]+)?([A-Z]\.\d+|\d+(?:\.\d+)*)\.?[ \t]/gm)) ids.add(m[1] ?? '');
  return ids;
}

/** The citations in `text` that name a missing reference file or section: `<where>: <citation>: <what>`. */
export function badCitations(where: string, text: string, references: Map<string, Set<string>>): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    const [whole, file, part, from, to] = m;
    const sections = file === undefined ? undefined : references.get(file);
    const cited = whole.replace(/\s+/g, ' ');
    if (!sections) {
      bad.push(`${where}: ${cited}: there is no docs/reference/${file}`);
      continue;
    }
    for (const id of [part, from, to]) {
      if (id !== undefined && !sections.has(id)) bad.push(`${where}: ${cited}: docs/reference/${file} has no section ${id}`);
    }
  }
  return bad;
}

function references(): Map<string, Set<string>> {
  return new Map(
    readdirSync(REFERENCE)
      .filter((name) => name.endsWith('.md'))
      .map((name) => [name, sectionsOf(readFileSync(join(REFERENCE, name), 'utf8'))]),
  );
}

describe('the project\'s own references (docs/reference)', () => {
  it('carries the seven references the code relies on, each indexed in docs/reference/README.md', () => {
    const index = readFileSync(join(REFERENCE, 'README.md'), 'utf8');
    for (const name of ['intune-configmgr.md', 'powershell.md', 'authenticode.md', 'graph-intune.md', 'pester.md', 'tls-inspection.md', 'user-profiles.md']) {
      assert.ok(existsSync(join(REFERENCE, name)), `docs/reference/${name} is missing`);
      assert.ok(index.includes(`(${name})`), `docs/reference/README.md does not link ${name}`);
    }
  });

  it('no tracked file outside docs/ names the sibling ../shared folder (but the listed ones, being reworked)', () => {
    const offenders = tracked()
      .filter((file) => !file.startsWith('docs/') && file !== 'spec/docs.spec.ts' && !STILL_NAMING_SIBLING.has(file))
      .filter((file) => existsSync(join(REPO, file)) && SIBLING.test(readFileSync(join(REPO, file), 'utf8')));
    assert.deepEqual(offenders, [], `these files name ../shared; cite docs/reference/<file>.md <section> instead`);
  });

  it('the exception list names only files that still need it', () => {
    const stale = [...STILL_NAMING_SIBLING].filter((file) => !existsSync(join(REPO, file)) || !SIBLING.test(readFileSync(join(REPO, file), 'utf8')));
    assert.deepEqual(stale, [], 'these no longer name ../shared: take them out of STILL_NAMING_SIBLING');
  });

  it('every docs/reference citation names an existing file and section', () => {
    const refs = references();
    const bad = tracked()
      .filter((file) => file !== 'spec/docs.spec.ts' && existsSync(join(REPO, file)))
      .flatMap((file) => badCitations(file, readFileSync(join(REPO, file), 'utf8'), refs));
    assert.deepEqual(bad, []);
  });

  it('the citation check finds a missing file, a missing section, a missing end of a range and a missing part', () => {
    const refs = new Map([['a.md', sectionsOf('# A\n## 1. One\n### 1.2 Two\n### B.3 Three\n')]]);
    assert.deepEqual(badCitations('x', 'see docs/reference/a.md 1.2, docs/reference/a.md B.3 and docs/reference/a.md part 1', refs), []);
    assert.deepEqual(badCitations('x', 'see docs/reference/b.md 1.2', refs), ['x: docs/reference/b.md 1.2: there is no docs/reference/b.md']);
    assert.deepEqual(badCitations('x', '(docs/reference/a.md 1.3)', refs), ['x: docs/reference/a.md 1.3: docs/reference/a.md has no section 1.3']);
    assert.deepEqual(badCitations('x', '(docs/reference/a.md 1.2-1.4)', refs), ['x: docs/reference/a.md 1.2-1.4: docs/reference/a.md has no section 1.4']);
    assert.deepEqual(badCitations('x', 'docs/reference/a.md` part 2', refs), ['x: docs/reference/a.md` part 2: docs/reference/a.md has no section 2']);
    assert.deepEqual(badCitations('x', ' * docs/reference/a.md\n * 1.9 (wrapped)', refs), ['x: docs/reference/a.md * 1.9: docs/reference/a.md has no section 1.9']);
  });
});
