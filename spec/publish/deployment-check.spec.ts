import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { loadAndCheck } from '../../generator/build.ts';
import type { Catalog } from '../../generator/check/catalog.ts';
import { checkDeployment } from '../../generator/check/deployment.ts';
import { formatDiagnostic } from '../../generator/diagnostic.ts';
import { loadDeployment } from '../../generator/load/deployment.ts';

const FIXTURES = resolve('spec/fixtures/deployments');

describe('publish: the deployment check', function () {
  this.timeout(120_000);
  let catalog: Catalog;
  before(async () => {
    const checked = await loadAndCheck('remediations');
    assert.deepEqual(checked.diagnostics, []);
    catalog = checked.catalog;
  });

  const check = async (name: string) => {
    const result = await checkDeployment(await loadDeployment(resolve(FIXTURES, `${name}.ts`)), catalog, { today: '2026-12-03' });
    return { ...result, lines: result.diagnostics.map((d) => formatDiagnostic(d, FIXTURES)), noteLines: result.notes.map((d) => formatDiagnostic(d, FIXTURES)) };
  };

  it('reports every rule at its file:line:col, all together, and explains a user package on all devices', async () => {
    const { lines, noteLines } = await check('bad');
    const expect = [
      /^bad\.ts:6:15: .*scope tag 'Default' is not a scope tag id/,
      /^bad\.ts:9:7: .*package 'tsl' is not in the catalog; did you mean 'tls'\?/,
      /^bad\.ts:10:62: .*hourly schedule runs every 1 to 23 hours \(Graph refuses 24\)/,
      /^bad\.ts:16:67: .*'time' '25:00' is not a time of day/,
      /^bad\.ts:16:\d+: .*is detectOnly, so no assignment may run its remediation/,
      /^bad\.ts:17:11: .*group 'pilot' is already assigned by assign\[0\]/,
      /^bad\.ts:17:\d+: .*2020-01-01 is in the past/,
      /^bad\.ts:19:17: .*'allDevices' cannot be excluded/,
      /^bad\.ts:28:\d+: .*a filter needs its id or its name: add name: '<display name>'/,
      /^bad\.ts:29:\d+: .*a filter is named by its id or by its name, not both/,
    ];
    assert.equal(lines.length, expect.length, lines.join('\n'));
    for (const pattern of expect) assert.ok(lines.some((l) => pattern.test(l)), `${String(pattern)} in\n${lines.join('\n')}`);
    assert.equal(noteLines.length, 1);
    assert.match(noteLines[0]!, /^bad\.ts:23:\d+: .*runs as the signed-in user but is assigned to all devices/);
  });

  it('schema errors come first, in the catalog check\'s words', async () => {
    const { lines, deployment } = await check('schema-bad');
    assert.equal(deployment, undefined);
    assert.ok(lines.some((l) => /^schema-bad\.ts:8:\d+: .*'every' must be one of: once, hours, days|schedule/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^schema-bad\.ts:10:\d+: .*unknown property 'asign'.*did you mean 'assign'\?/.test(l)), lines.join('\n'));
  });

  it('a missing file says how to write one', async () => {
    const loaded = await loadDeployment(resolve(FIXTURES, 'nope.ts'));
    assert.match(loaded.diagnostics[0]!.message, /deployment file not found; write it with defineDeployment/);
  });
});
