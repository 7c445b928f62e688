/**
 * Summary lines in specs. The scripts print `STATE <pkg>@<build>: ...` (generator/report/summary.ts); a
 * spec about what a line says compares it without the build id (`stripBuild`), which this helper checks is there
 * and well formed; the id itself is tested in spec/report/build-id.spec.ts. Recorded lines
 * (profiles/expected.json) are kept without the id: `recorded` gives them as this build prints them.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Expectations } from '../../generator/model/expectation.ts';
import { parseSummary, withBuildId, withoutBuildId } from '../../generator/report/summary.ts';
import { synthesize } from '../../generator/synthesize.ts';
import { REPO } from './temp-catalog.ts';

const HEAD = /^(COMPLIANT|NON-COMPLIANT|REMEDIATED|FAILED|ERROR) ([a-z0-9-]+)@([0-9a-f]{7}): /;

/**
 * A line the engine printed (or logged), with its build id checked and taken off: `STATE <pkg>: ...`.
 * `build`, when given, is the id it must carry. Fails when the line is not remgen's or has no id.
 */
export function stripBuild(line: string | undefined, build?: string): string {
  assert.ok(line !== undefined, 'a summary line');
  const at = line.search(/(COMPLIANT|NON-COMPLIANT|REMEDIATED|FAILED|ERROR) [a-z0-9-]+[@:]/);
  assert.ok(at >= 0, `a summary line: ${line}`);
  const head = HEAD.exec(line.slice(at));
  assert.ok(head, `the summary line carries a build id (<pkg>@<7 hex>): ${line}`);
  if (build !== undefined) assert.equal(head[3], build, `the build id of ${line}`);
  return line.slice(0, at) + withoutBuildId(line.slice(at));
}

/** The build id of a line (`tls@3f9a0c1` -> `3f9a0c1`). */
export function buildOf(line: string): string {
  const parsed = parseSummary(line);
  assert.ok(parsed.kind === 'remgen' && parsed.build !== undefined, `a line with a build id: ${line}`);
  return parsed.build;
}

let bundled: Promise<Map<string, string>> | undefined;

/** The bundled catalog's Intune build ids by package id, as `remgen build` makes them (in memory, unsigned). */
export function bundledBuilds(): Promise<Map<string, string>> {
  bundled ??= (async () => {
    const catalogRoot = join(REPO, 'remediations');
    const { catalog, diagnostics } = await loadAndCheck(catalogRoot);
    assert.deepEqual(diagnostics, []);
    const synthesis = await synthesize({ ...catalog, expectations: undefined }, { catalogRoot, targets: ['intune'] });
    return new Map(synthesis.packages.map((p) => [p.remediation.id, synthesis.builds.get(p.dir)!]));
  })();
  return bundled;
}

/**
 * profiles/expected.json with every recorded summary as the bundled catalog's build prints it (the package's
 * build id put back after its id): the engine's own lines, for the report's fixtures.
 */
export async function recorded(): Promise<Expectations> {
  const builds = await bundledBuilds();
  const expected = JSON.parse(readFileSync(join(REPO, 'remediations/profiles/expected.json'), 'utf8')) as Expectations;
  return Object.fromEntries(Object.entries(expected).map(([pkg, profiles]) => [
    pkg,
    Object.fromEntries(Object.entries(profiles).map(([name, cycle]) => [name, { ...cycle, summaries: cycle.summaries.map((line) => withBuildId(line, builds.get(pkg)!)) }])),
  ]));
}

/** Text with many lines (a log, a CLI's output) with every summary line's build id taken off; at least one must be there. */
export function stripBuilds(text: string): string {
  const ids = /((?:COMPLIANT|NON-COMPLIANT|REMEDIATED|FAILED|ERROR) [a-z0-9-]+)@[0-9a-f]{7}: /g;
  assert.match(text, ids, `summary lines with build ids in: ${text}`);
  return text.replace(ids, '$1: ');
}
