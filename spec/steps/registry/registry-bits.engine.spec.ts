/** registryBits in the engine: Test-/Set-RgRegistryBits as generated, against simulated registries. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { registryBits } from '../../../generator/steps/registry/registry-bits.ts';
import { Device, intuneScripts } from '../../support/engine.ts';

const KEY = 'HKLM\\SOFTWARE\\Contoso\\Bits';
const remediation = defineRemediation({
  id: 'bits-room',
  displayName: 'registryBits room',
  description: 'One registryBits step.',
  publisher: 'spec',
  context: 'system',
  steps: [registryBits({ id: 'mask', path: 'HKLM:\\SOFTWARE\\Contoso\\Bits', name: 'Mask', set: 0x800, clear: 0x0a, whenAbsent: 0xa00 })],
});

const device = (value?: { kind: 'DWord' | 'String'; value: number | string }) =>
  new Device({ name: 'bits', description: 'spec', keys: [KEY], registry: value ? [{ path: KEY, name: 'Mask', ...value }] : [] });

describe('step room: registryBits, in the engine', function () {
  this.timeout(120_000);
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  const cases: { name: string; start?: { kind: 'DWord' | 'String'; value: number | string }; compliant: boolean; after: number }[] = [
    { name: 'set bits on and clear bits off: compliant', start: { kind: 'DWord', value: 0x8f0 }, compliant: true, after: 0x8f0 },
    { name: 'a set bit off', start: { kind: 'DWord', value: 0x0f0 }, compliant: false, after: 0x8f0 },
    { name: 'a clear bit on', start: { kind: 'DWord', value: 0x802 }, compliant: false, after: 0x800 },
    { name: 'missing: starts from whenAbsent', compliant: false, after: 0xa00 },
    { name: 'wrong kind (String): starts from whenAbsent', start: { kind: 'String', value: '2048' }, compliant: false, after: 0xa00 },
    { name: 'the high bit of the DWord is kept', start: { kind: 'DWord', value: 0x80000008 }, compliant: false, after: 0x80000800 },
  ];
  for (const c of cases) {
    it(`${c.name}: detection ${c.compliant ? 'exits 0' : 'exits 1'}; remediation leaves 0x${c.after.toString(16).toUpperCase()}`, async () => {
      const d = device(c.start);
      const detect = await d.run(scripts.detect);
      assert.equal(detect.exitCode, c.compliant ? 0 : 1, detect.output.join('\n'));
      const fix = await d.run(scripts.remediate);
      assert.equal(fix.exitCode, 0, fix.output.join('\n'));
      const value = fix.state.registry.find((e) => e.name === 'Mask');
      assert.deepEqual(value && { kind: value.kind, value: value.value }, { kind: 'DWord', value: c.after });
      assert.equal(fix.calls.filter((x) => x.Seam === 'Write-RgRegistryData').length, c.compliant ? 0 : 1);
    });
  }
});
