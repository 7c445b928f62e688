/** registryValue in the engine: Test-/Set-RgRegistryValue as generated, against simulated registries. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { RegistryEntry } from '../../../generator/model/profile.ts';
import { registryValue } from '../../../generator/steps/registry/registry-value.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const KEY = 'HKLM\\SOFTWARE\\Contoso\\Values';
const path = 'HKLM:\\SOFTWARE\\Contoso\\Values';
const remediation = defineRemediation({
  id: 'value-room',
  displayName: 'registryValue room',
  description: 'One registryValue step of each kind.',
  publisher: 'spec',
  context: 'system',
  steps: [
    registryValue({ id: 'dword', path, name: 'D', type: 'DWord', value: 4294967295 }),
    registryValue({ id: 'qword', path, name: 'Q', type: 'QWord', value: '18446744073709551615' }),
    registryValue({ id: 'text', path, name: 'S', type: 'String', value: "it's \u2018quoted\u2019 $(no) `n" }),
    registryValue({ id: 'expand', path, name: 'E', type: 'ExpandString', value: '%SystemRoot%\\x' }),
    registryValue({ id: 'multi', path, name: 'M', type: 'MultiString', value: ['a', 'b c'] }),
  ],
});

const good: RegistryEntry[] = [
  { path: KEY, name: 'D', kind: 'DWord', value: 4294967295 },
  { path: KEY, name: 'Q', kind: 'QWord', value: '18446744073709551615' },
  { path: KEY, name: 'S', kind: 'String', value: "it's \u2018quoted\u2019 $(no) `n" },
  { path: KEY, name: 'E', kind: 'ExpandString', value: '%SystemRoot%\\x' },
  { path: KEY, name: 'M', kind: 'MultiString', value: ['a', 'b c'] },
];

describe('step room: registryValue, in the engine', function () {
  this.timeout(120_000);
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('all five kinds as wanted (max DWord, max QWord, quotes and $() kept literally): compliant', async () => {
    const run = await new Device({ name: 'v', description: 'spec', registry: good }).run(scripts.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT value-room: all 5 settings compliant');
  });

  it('no key: every step "missing (no key)"; remediation creates the key and all values, exactly', async () => {
    const d = new Device({ name: 'v', description: 'spec' });
    const detect = await d.run(scripts.detect);
    assert.match(stripBuild(detect.output[0]), /^NON-COMPLIANT value-room: 5 of 5 settings wrong: dword \(is missing \(no key\), want DWord 4294967295 \(0xFFFFFFFF\)\)/);
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    const byName = Object.fromEntries(fix.state.registry.map((e) => [e.name, [e.kind, e.value]]));
    assert.deepEqual(byName, Object.fromEntries(good.map((e) => [e.name, [e.kind, e.kind === 'QWord' ? Number(e.value) : e.value]])));
  });

  it('wrong kinds and wrong data are each reported with what is there', async () => {
    const wrong: RegistryEntry[] = [
      { path: KEY, name: 'D', kind: 'String', value: '4294967295' },
      { path: KEY, name: 'Q', kind: 'QWord', value: 1 },
      { path: KEY, name: 'S', kind: 'String', value: "it's 'quoted' $(no) `n" },
      { path: KEY, name: 'E', kind: 'String', value: '%SystemRoot%\\x' },
      { path: KEY, name: 'M', kind: 'MultiString', value: ['a', 'b', 'c'] },
    ];
    const run = await new Device({ name: 'v', description: 'spec', registry: wrong }).run(scripts.detect);
    const line = run.output[0]!;
    assert.match(stripBuild(line), /^NON-COMPLIANT value-room: 5 of 5 settings wrong: /);
    assert.match(line, /dword \(is String '4294967295', want DWord 4294967295/);
    assert.match(line, /qword \(is QWord 1 \(0x1\), want QWord 18446744073709551615 \(0xFFFFFFFFFFFFFFFF\)\)/);
    assert.match(line, /text \(is String 'it's 'quoted' \$\(no\) `n', want String 'it's \?quoted\? \$\(no\) `n'\)/, 'typographic quotes differ from ASCII ones; the summary is ASCII');
    assert.match(line, /multi \(is MultiString \['a', 'b', 'c'\], want MultiString \['a', 'b c'\]\)/);
  });
});
