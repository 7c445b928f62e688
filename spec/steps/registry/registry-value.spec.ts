import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryValue, registryValueRoom, qwordDecimal } from '../../../generator/steps/registry/registry-value.ts';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';

const issues = (step: Parameters<typeof registryValueRoom.check>[0]): string[] => {
  const found: string[] = [];
  registryValueRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const base = { id: 'v', path: 'HKLM:\\SOFTWARE\\Contoso', name: 'Flag' } as const;

describe('step room: registryValue', () => {
  it('the factory tags the step and keeps the props', () => {
    const step = registryValue({ ...base, type: 'DWord', value: 1 });
    assert.deepEqual(step, { kind: 'registryValue', ...base, type: 'DWord', value: 1 });
    assert.ok(Object.isFrozen(step));
  });

  it('runs in system context for HKLM and user context for HKCU', () => {
    assert.equal(registryValueRoom.contextOf(registryValue({ ...base, type: 'DWord', value: 1 })), 'system');
    assert.equal(registryValueRoom.contextOf(registryValue({ ...base, path: 'HKCU:\\Software\\Contoso', type: 'DWord', value: 1 })), 'user');
  });

  it('accepts every value kind at its limits', () => {
    assert.deepEqual(issues(registryValue({ ...base, type: 'DWord', value: 0 })), []);
    assert.deepEqual(issues(registryValue({ ...base, type: 'DWord', value: 0xffffffff })), []);
    assert.deepEqual(issues(registryValue({ ...base, type: 'QWord', value: '0xFFFFFFFFFFFFFFFF' })), []);
    assert.deepEqual(issues(registryValue({ ...base, type: 'String', value: '' })), []);
    assert.deepEqual(issues(registryValue({ ...base, type: 'ExpandString', value: '%SystemRoot%\\x' })), []);
    assert.deepEqual(issues(registryValue({ ...base, type: 'MultiString', value: ['a', 'b'] })), []);
  });

  it('refuses values that do not fit their kind, saying what fits', () => {
    assert.deepEqual(issues(registryValue({ ...base, type: 'DWord', value: 0x100000000 })), [
      'value: value 4294967296 does not fit a DWord: use a whole number from 0 to 4294967295 (0xFFFFFFFF)',
    ]);
    assert.equal(issues(registryValue({ ...base, type: 'DWord', value: -1 })).length, 1);
    assert.equal(issues(registryValue({ ...base, type: 'DWord', value: 1.5 })).length, 1);
    assert.equal(issues(registryValue({ ...base, type: 'DWord', value: '1' })).length, 1);
    assert.equal(issues(registryValue({ ...base, type: 'QWord', value: '0x1FFFFFFFFFFFFFFFF' })).length, 1);
    assert.deepEqual(issues(registryValue({ ...base, type: 'MultiString', value: ['a', ''] })), ['value: a MultiString cannot hold an empty string; remove the empty entries']);
    assert.deepEqual(issues(registryValue({ ...base, type: 'String', value: 5 })), ['value: value must be a string for type String']);
  });

  it('QWord data reaches PowerShell as an unsigned decimal string', () => {
    assert.equal(qwordDecimal('0xFFFFFFFFFFFFFFFF'), '18446744073709551615');
    assert.equal(qwordDecimal(42), '42');
    assert.equal(qwordDecimal(-1), undefined);
    const data = registryValueRoom.toData(registryValue({ ...base, type: 'QWord', value: '0x10' }));
    assert.deepEqual(data, { Hive: 'HKLM', SubKey: 'SOFTWARE\\Contoso', Name: 'Flag', View: 64, RestartRequired: false, Type: 'QWord', Value: '16' });
  });

  it('the 32-bit view and restart flag reach the step table', () => {
    const data = registryValueRoom.toData(registryValue({ ...base, type: 'DWord', value: 1, view: 32, restartRequired: true }));
    assert.equal(data.View, 32);
    assert.equal(data.RestartRequired, true);
  });

  it('explains itself in plain words', () => {
    const step = registryValue({ ...base, type: 'DWord', value: 255 });
    assert.deepEqual(registryValueRoom.explain(step), {
      detects: 'HKLM:\\SOFTWARE\\Contoso\\Flag (64-bit view) is the DWord 255 (0xFF)',
      changes: 'sets it to the DWord 255 (0xFF), creating the key if it is missing',
    });
  });

  it('its PowerShell half defines exactly the functions the room names, and reaches the registry only through the seams', () => {
    const script = [registryValueRoom.script, registryValueRoom.setScript!].map((f) => readFileSync(join(TEMPLATE_ROOT, 'steps', f), 'utf8')).join('\n');
    const defined = [...script.matchAll(/^function ([A-Za-z-]+)/gm)].map((m) => m[1]);
    assert.ok(defined.includes(registryValueRoom.functions.test));
    assert.ok(defined.includes(registryValueRoom.functions.set));
    assert.doesNotMatch(script, /Microsoft\.Win32\.Registry|ItemProperty/);
    assert.match(script, /Get-RgRegistryData/);
    assert.match(script, /Write-RgRegistryData/);
    assert.match(script, /\$PSCmdlet\.ShouldProcess/);
  });
});
