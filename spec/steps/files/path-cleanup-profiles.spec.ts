/** pathCleanup in every user's profile from SYSTEM: each profile's own folders, signed-in users left alone when asked. */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import type { DeviceProfileProps } from '../../../generator/model/profile.ts';
import { pathCleanup, pathCleanupRoom } from '../../../generator/steps/files/path-cleanup.ts';
import { file, fileRoom } from '../../../generator/steps/files/file.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { stripBuild } from '../../support/summary-line.ts';

const MB = 1048576;
const CACHE = '%LOCALAPPDATA%\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams';
const cacheOf = (user: string): string => `C:\\Users\\${user}\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams`;

const issues = (props: Partial<Parameters<typeof pathCleanup>[0]>): string[] => {
  const found: string[] = [];
  pathCleanupRoom.check(pathCleanup({ id: 'c', folders: [CACHE], gate: 'always', cooldown: 'P1D', profiles: 'all', ...props }), (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

const device: DeviceProfileProps = {
  name: 'two-users',
  description: 'alice signed in, bob signed out; both with a Teams cache',
  userProfiles: [
    { sid: 'S-1-5-21-1004336348-1177238915-682003330-1001', path: 'C:\\Users\\alice', loaded: true },
    { sid: 'S-1-5-21-1004336348-1177238915-682003330-1002', path: 'C:\\Users\\bob' },
  ],
  fileSystem: [
    { path: `${cacheOf('alice')}\\EBWebView\\data_0`, length: 30 * MB },
    { path: `${cacheOf('bob')}\\EBWebView\\data_0`, length: 20 * MB },
    { path: `${cacheOf('bob')}\\Logs\\a.log`, length: MB },
    { path: 'C:\\Users\\bob\\AppData\\Local\\Other\\keep.bin', length: MB },
  ],
};

describe('step room: pathCleanup in every user profile (from SYSTEM)', function () {
  this.timeout(120_000);

  it('runs as SYSTEM for user folders; refuses machine folders and this session\'s processes with every profile', () => {
    assert.equal(pathCleanupRoom.contextOf(pathCleanup({ id: 'c', folders: [CACHE], gate: 'always', cooldown: 'P1D', profiles: 'all' })), 'system');
    assert.deepEqual(issues({}), []);
    assert.deepEqual(issues({ folders: ['%ProgramData%\\Contoso\\Cache'] }), ["profiles: profiles 'all' applies to folders in a user's profile (%LOCALAPPDATA%, %APPDATA%, %USERPROFILE%, %TEMP%); this step has none: remove profiles"]);
    assert.match(issues({ stopProcesses: ['ms-teams'] })[0]!, /^stopProcesses: stopProcesses ends this session's processes/);
  });

  const remediation = defineRemediation({
    id: 'teams-cache-all',
    displayName: 'Teams cache in every profile',
    description: 'The new Teams cache cleared for users who are signed out.',
    publisher: 'spec',
    context: 'system',
    steps: [pathCleanup({ id: 'clear-teams', folders: [CACHE], profiles: 'allSignedOut', gate: 'always', cooldown: 'P1D' })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });

  it('detection counts the profiles looked in and the one skipped; remediation deletes only bob\'s cache, not alice\'s (signed in) nor bob\'s other folders', async () => {
    const d = new Device(device, { continues: true });
    const detect = await d.run(scripts.detect);
    assert.equal(detect.exitCode, 1);
    assert.equal(stripBuild(detect.output[0]), 'NON-COMPLIANT teams-cache-all: 1 of 1 checks failed: clear-teams (is due (2 file(s), 21.0 MB in 1 profile(s), 1 skipped: alice (signed in)), want run once per cooldown)');
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    const left = JSON.stringify(fix.state.carried.FileSystem);
    assert.match(left, /alice\\\\AppData\\\\Local\\\\Packages\\\\MSTeams_8wekyb3d8bbwe\\\\LocalCache\\\\Microsoft\\\\MSTeams\\\\EBWebView\\\\data_0/);
    assert.doesNotMatch(left, /bob\\\\AppData\\\\Local\\\\Packages/);
    assert.match(left, /keep\.bin/);
    const again = await d.run(scripts.detect);
    assert.equal(stripBuild(again.output[0]), 'COMPLIANT teams-cache-all: all 1 checks passed');
  });
});

describe('step room: file in every user profile (from SYSTEM)', function () {
  this.timeout(120_000);
  const remediation = defineRemediation({
    id: 'config-every-profile',
    displayName: 'a JSON setting in every profile',
    description: "An app's update channel set in every user's config and the Default profile's.",
    publisher: 'spec',
    context: 'system',
    steps: [file({ id: 'channel', path: '%APPDATA%\\Contoso\\settings.json', json: { property: 'update.channel', value: 'stable' }, profiles: 'all', defaultProfile: true })],
  });
  let scripts: { detect: string; remediate: string };
  before(async () => { scripts = await intuneScripts(remediation); });
  const config = (user: string): string => `C:\\Users\\${user}\\AppData\\Roaming\\Contoso\\settings.json`;

  it('runs as SYSTEM; counts the profiles; remediation sets each wrong one and the Default profile\'s, keeping the right one; a second run changes nothing', async () => {
    assert.equal(fileRoom.contextOf(remediation.steps[0] as never), 'system');
    const d = new Device({
      ...device,
      fileSystem: [{ path: config('alice'), json: { update: { channel: 'stable' } } }, { path: config('bob'), json: { update: { channel: 'beta' } } }],
    }, { continues: true });
    const detect = await d.run(scripts.detect);
    assert.equal(stripBuild(detect.output[0]), 'NON-COMPLIANT config-every-profile: 1 of 1 settings wrong: channel (is 3 profile(s): 2 wrong (bob update.channel = "beta", Default file absent), 1 as wanted, want update.channel = "stable" in every profile)');
    const fix = await d.run(scripts.remediate);
    assert.equal(fix.exitCode, 0, fix.output.join('\n'));
    assert.deepEqual(fix.calls.filter((c) => c.Seam === 'Set-RgJsonProperty').map((c) => String(c.Arguments.Path)), [config('bob'), 'C:\\Users\\Default\\AppData\\Roaming\\Contoso\\settings.json']);
    const again = await d.run(scripts.remediate);
    assert.equal(stripBuild(again.output[0]), 'COMPLIANT config-every-profile: nothing to change, all 1 settings compliant');
  });
});
