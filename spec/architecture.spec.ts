/**
 * The shape of generator/: imports run one way, down the pipeline. Read from the import statements of the
 * sources, so a change that adds an upward arrow or a circle fails here.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO } from './support/temp-catalog.ts';

const GENERATOR = join(REPO, 'generator');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** generator-relative file -> generator-relative files it imports (value or type imports alike). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(GENERATOR)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g), ...text.matchAll(/import\('(\.[^']+)'\)/g)]
      .map((m) => relative(GENERATOR, resolve(dirname(file), m[1]!)).replaceAll('\\', '/'))
      .filter((target) => target.endsWith('.ts'));
    graph.set(relative(GENERATOR, file).replaceAll('\\', '/'), [...new Set(targets)]);
  }
  return graph;
}

const area = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, ''));

describe('architecture: imports run one way', () => {
  const graph = importGraph();
  const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));

  it('reads a real graph (the check can fail)', () => {
    assert.ok(graph.size > 60, `${graph.size} files`);
    assert.ok(edges.some((e) => e.from === 'steps/registry/registry-value.ts' && e.to === 'steps/registry/registry-location.ts'));
  });

  it('has no circles', () => {
    const state = new Map<string, 'active' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'active') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'active');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('model knows nothing above it; rooms know only the model, render helpers and their shared modules', () => {
    const bad = edges.filter(({ from, to }) =>
      (area(from) === 'model' && area(to) !== 'model') ||
      (area(from) === 'steps' && !['model', 'steps', 'render'].includes(area(to))));
    assert.deepEqual(bad, []);
  });

  it('a room imports no other room: rooms share helpers through modules of their own', () => {
    // A room is a file that defines one (`export const <kind>Room`); every other file under steps/ is a shared module.
    const isRoom = (file: string): boolean => area(file) === 'steps' && /\nexport const \w+Room\b/.test(readFileSync(join(GENERATOR, file), 'utf8'));
    assert.ok([...graph.keys()].filter(isRoom).length >= 3, 'rooms are recognised');
    const bad = edges.filter(({ from, to }) => isRoom(from) && isRoom(to));
    assert.deepEqual(bad, []);
  });

  it('an earlier stage never imports a later one (load < check < plan < script < targets < sign < synthesize < write < build < publish < cli)', () => {
    const order = ['load', 'check', 'plan', 'script', 'targets', 'sign', 'synthesize', 'write', 'build', 'publish', 'cli'];
    const bad = edges.filter(({ from, to }) => {
      const a = order.indexOf(area(from));
      const b = order.indexOf(area(to));
      return a >= 0 && b >= 0 && b > a;
    });
    assert.deepEqual(bad, []);
  });

  it('nothing outside generator/targets/ imports a particular target', () => {
    const bad = edges.filter(({ from, to }) => area(from) !== 'targets' && area(to) === 'targets' && !['targets/index.ts', 'targets/target.ts'].includes(to));
    assert.deepEqual(bad, []);
  });
});
