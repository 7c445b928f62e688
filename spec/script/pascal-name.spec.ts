import assert from 'node:assert/strict';
import { pascalName } from '../../generator/script/index.ts';

describe('pascalName', () => {
  it('splits the id on hyphens and capitalises each part', () => {
    assert.equal(pascalName('tls'), 'Tls');
    assert.equal(pascalName('onedrive-tls'), 'OnedriveTls');
    assert.equal(pascalName('onedrive-0x8004de40-user'), 'Onedrive0x8004de40User');
    assert.equal(pascalName('tls-12'), 'Tls12');
  });

  it('gives distinct ids distinct names only as far as the id rules allow, and is deterministic', () => {
    assert.equal(pascalName('a-b'), pascalName('a-b'));
    assert.notEqual(pascalName('ab'), pascalName('a-b'));
  });

  it('refuses what is not a remediation id', () => {
    for (const bad of ['', 'Tls', 'a--b', '-a', 'a-', 'a b', '1a']) assert.throws(() => pascalName(bad), /not a remediation id/);
  });
});
