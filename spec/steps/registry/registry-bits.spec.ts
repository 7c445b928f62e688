import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryBits, registryBitsRoom } from '../../../generator/steps/registry/registry-bits.ts';
import { TEMPLATE_ROOT } from '../../../generator/render/templates.ts';

const issues = (step: Parameters<typeof registryBitsRoom.check>[0]): string[] => {
  const found: string[] = [];
  registryBitsRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const base = { id: 'b', path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp', name: 'DefaultSecureProtocols' } as const;

describe('step room: registryBits', () => {
  it('the factory tags the step; defaults reach the step table', () => {
    const step = registryBits({ ...base, set: 0x800 });
    assert.equal(step.kind, 'registryBits');
    assert.deepEqual(registryBitsRoom.toData(step), {
      Hive: 'HKLM', SubKey: 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp', Name: 'DefaultSecureProtocols',
      View: 64, RestartRequired: false, Set: 0x800, Clear: 0, WhenAbsent: 0,
    });
  });

  it('accepts set and clear masks that do not overlap', () => {
    assert.deepEqual(issues(registryBits({ ...base, set: 0x800, clear: 0xa8, whenAbsent: 0xa00 })), []);
    assert.deepEqual(issues(registryBits({ ...base, set: 0xffffffff })), []);
  });

  it('refuses overlapping masks, empty masks and masks beyond a DWord', () => {
    assert.deepEqual(issues(registryBits({ ...base, set: 0x880, clear: 0x80 })), ['clear: set and clear share bits 0x80; a bit cannot be both']);
    assert.deepEqual(issues(registryBits({ ...base })), [': a registryBits step needs a non-zero set or clear mask']);
    assert.deepEqual(issues(registryBits({ ...base, set: 0x100000000 })), ['set: set 4294967296 does not fit a DWord mask: use a whole number from 0 to 4294967295 (0xFFFFFFFF)']);
    assert.equal(issues(registryBits({ ...base, set: 1, whenAbsent: -1 })).length, 1);
  });

  it('explains itself in plain words', () => {
    assert.deepEqual(registryBitsRoom.explain(registryBits({ ...base, set: 0x800, clear: 0x8, whenAbsent: 0xa00, view: 32 })), {
      detects: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp\\DefaultSecureProtocols (32-bit view) has bits 0x800 set and bits 0x8 cleared',
      changes: 'sets bits 0x800 and clears bits 0x8, keeping every other bit (starting from 0xA00 when the value is missing)',
    });
  });

  it('its PowerShell half keeps the other bits: it reads, masks and writes a DWord through the seams', () => {
    const script = [registryBitsRoom.script, registryBitsRoom.setScript!].map((f) => readFileSync(join(TEMPLATE_ROOT, 'steps', f), 'utf8')).join('\n');
    const defined = [...script.matchAll(/^function ([A-Za-z-]+)/gm)].map((m) => m[1]);
    assert.deepEqual(defined, [registryBitsRoom.functions.test, registryBitsRoom.functions.set]);
    assert.match(script, /\$new = \(\$base -bor \[int64\]\$Step\.Set\) -band \(\$mask -bxor \[int64\]\$Step\.Clear\)/);
    assert.doesNotMatch(script, /Microsoft\.Win32\.Registry|ItemProperty/);
  });
});

describe('registry locations (shared by the registry rooms)', () => {
  const pathIssues = (path: string, view?: 32 | 64): string[] => issues(registryBits({ ...base, path, set: 1, ...(view ? { view } : {}) }));
  it('accepts HKLM:\\ and HKCU:\\ paths, including key names with a slash', () => {
    assert.deepEqual(pathIssues('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\AES 128/128'), []);
    assert.deepEqual(pathIssues('HKCU:\\Software\\Microsoft'), []);
  });
  it('says what to write instead of a malformed path', () => {
    assert.deepEqual(pathIssues('HKEY_LOCAL_MACHINE\\SOFTWARE\\X'), ["path: registry path must start with HKLM:\\ or HKCU:\\; write 'HKLM:\\SOFTWARE\\X'"]);
    assert.deepEqual(pathIssues('HKLM\\SOFTWARE\\X'), ["path: registry path must start with HKLM:\\ or HKCU:\\ (hive, colon, backslash); got 'HKLM\\SOFTWARE\\X'"]);
    assert.deepEqual(pathIssues('HKLM:\\SOFTWARE\\X\\'), ["path: registry path must not end with a backslash; write 'HKLM:\\SOFTWARE\\X'"]);
    assert.equal(pathIssues('HKLM:\\SOFTWARE\\\\X').length, 1);
    assert.equal(pathIssues('HKCR:\\x').length, 1);
    assert.deepEqual(pathIssues('HKLM:\\SOFTWARE\\WOW6432Node\\X'), ['path: registry path names Wow6432Node; remove it and set view: 32, so the script reaches the 32-bit view on any host']);
    assert.deepEqual(pathIssues('HKCU:\\Software\\X', 32), ['view: view: 32 applies to HKLM only; remove it for an HKCU path']);
  });
});
