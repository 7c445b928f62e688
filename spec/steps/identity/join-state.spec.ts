/** joinState: a probe room (dsregcmd /status read by its name tokens; never changes anything). */
import { strict as assert } from 'node:assert';
import { defineRemediation } from '../../../generator/descriptor/remediation.ts';
import { formatFinding, lintFiles } from '../../../generator/lint/index.ts';
import { joinState, joinStateRoom } from '../../../generator/steps/identity/join-state.ts';
import { Device, intuneScripts } from '../../support/engine.ts';
import { AUTH_FAILED, DOMAIN_ONLY, ENTRA, HYBRID, HYBRID_OLD, PRT_MISSING, REGISTERED, status } from './join-fixtures.ts';
import { stripBuild } from '../../support/summary-line.ts';

const issues = (step: Parameters<typeof joinStateRoom.check>[0]): string[] => {
  const found: string[] = [];
  joinStateRoom.check(step, (path, message) => found.push(`${path.join('.')}: ${message}`));
  return found;
};

describe('step room: joinState (probe)', () => {
  it('defaults to any Entra join with the PRT checked (as the user); either context; refuses an unknown want', () => {
    const step = joinState({ id: 'joined' });
    assert.equal(step.kind, 'joinState');
    assert.deepEqual(joinStateRoom.toData(step), { Want: 'any-entra', Prt: true });
    assert.deepEqual(joinStateRoom.toData(joinState({ id: 'joined', want: 'hybrid', prt: false })), { Want: 'hybrid', Prt: false });
    assert.equal(joinStateRoom.contextOf(step), 'any');
    assert.equal(joinStateRoom.category, 'probe');
    assert.equal(joinStateRoom.title(step), 'Device is Entra joined or hybrid joined');
    assert.deepEqual(issues(step), []);
    assert.deepEqual(issues(joinState({ id: 'joined', want: 'azure' as never })), ["want: want \"azure\" is not a join: use 'entra', 'hybrid', 'any-entra'"]);
    assert.match(joinStateRoom.explain(step).detects, /^dsregcmd \/status shows the device Entra joined or hybrid joined with DeviceAuthStatus SUCCESS/);
  });
});

describe('step room: joinState, in the engine', function () {
  this.timeout(120_000);
  const remediation = (context: 'user' | 'system', want?: 'entra' | 'hybrid') => defineRemediation({
    id: 'join-room',
    displayName: 'joinState room',
    description: 'A probe of the Entra join.',
    publisher: 'spec',
    context,
    steps: [joinState({ id: 'joined', ...(want ? { want } : {}) })],
  });
  let user: { detect: string; remediate: string };
  let system: { detect: string; remediate: string };
  let hybrid: { detect: string; remediate: string };
  let entra: { detect: string; remediate: string };
  before(async () => {
    [user, system, hybrid, entra] = await Promise.all([
      intuneScripts(remediation('user')), intuneScripts(remediation('system')), intuneScripts(remediation('system', 'hybrid')), intuneScripts(remediation('user', 'entra')),
    ]);
  });
  const on = (output: readonly string[], exitCode = 0) => new Device({ name: 'join', description: 'spec', commands: [{ ...status(output), exitCode }] });

  it('the generated scripts pass the Windows PowerShell 5.1 lint rules', async () => {
    const findings = await lintFiles([user.detect, user.remediate, system.detect]);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  it('hybrid joined with a PRT, as the user: compliant; dsregcmd /status read once through the native seam', async () => {
    const run = await on(HYBRID).run(user.detect);
    assert.equal(run.exitCode, 0, run.output.join('\n'));
    assert.equal(stripBuild(run.output[0]), 'COMPLIANT join-room: all 1 checks passed');
    const calls = run.calls.filter((c) => c.Seam === 'Invoke-RgNativeCommand');
    assert.deepEqual(calls.map((c) => [c.Arguments.FilePath, c.Arguments.ArgumentList]), [['dsregcmd.exe', ['/status']]]);
    assert.ok(run.log.some((l) => l.includes('joined: compliant (hybrid joined (DomainName CONTOSO), DeviceAuthStatus SUCCESS, AzureAdPrt YES)')));
  });

  it('Entra joined (cloud only): compliant for any-entra and entra, not for hybrid', async () => {
    assert.equal((await on(ENTRA).run(user.detect)).exitCode, 0);
    assert.equal((await on(ENTRA).run(entra.detect)).exitCode, 0);
    const run = await on(ENTRA).run(hybrid.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /joined \(is Entra joined, want hybrid joined, DeviceAuthStatus SUCCESS\)/);
    const cloud = await on(HYBRID).run(entra.detect);
    assert.match(cloud.output[0]!, /joined \(is hybrid joined \(DomainName CONTOSO\), want Entra joined \(not domain joined\), DeviceAuthStatus SUCCESS, AzureAdPrt YES\)/);
  });

  it('domain joined only: not compliant, said in words', async () => {
    const run = await on(DOMAIN_ONLY).run(system.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /joined \(is domain joined only, not Entra joined \(DomainName CONTOSO\), want Entra joined or hybrid joined, DeviceAuthStatus SUCCESS\)/);
  });

  it('Entra registered (workplace joined) only: not compliant', async () => {
    const run = await on(REGISTERED).run(user.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /joined \(is Entra registered \(workplace joined\) only, AzureAdPrt NO \(no primary refresh token for the user\), want/);
  });

  it('DeviceAuthStatus FAILED: not compliant with the reason dsregcmd gives, even as SYSTEM', async () => {
    const run = await on(AUTH_FAILED).run(system.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /joined \(is hybrid joined \(DomainName CONTOSO\), DeviceAuthStatus FAILED\. Device is either disabled or deleted, want/);
  });

  it('PRT missing: fails as the user; as SYSTEM the PRT is not checked (SYSTEM sees its own SSO state), and that is logged', async () => {
    const asUser = await on(PRT_MISSING).run(user.detect);
    assert.equal(asUser.exitCode, 1);
    assert.match(asUser.output[0]!, /joined \(is hybrid joined \(DomainName CONTOSO\), AzureAdPrt NO \(no primary refresh token for the user\), want Entra joined or hybrid joined, DeviceAuthStatus SUCCESS, AzureAdPrt YES\)/);
    const asSystem = await on(PRT_MISSING).run(system.detect);
    assert.equal(asSystem.exitCode, 0, asSystem.output.join('\n'));
    assert.ok(asSystem.log.some((l) => l.includes('the primary refresh token is not checked under SYSTEM')));
  });

  it('before 21H1 (no DeviceAuthStatus line): passes, reported as not reported', async () => {
    const run = await on(HYBRID_OLD).run(system.detect);
    assert.equal(run.exitCode, 0);
    assert.ok(run.log.some((l) => l.includes('DeviceAuthStatus not reported')));
  });

  it('an output it cannot read (translated labels, an error, a timeout) fails the check; it is never read as "not joined"', async () => {
    const translated = HYBRID.map((l) => l.replace('AzureAdJoined : YES', 'AzureAdVerknuepft : JA').replace('DomainJoined : YES', 'DomaeneVerknuepft : JA'));
    const run = await on(translated).run(system.detect);
    assert.equal(run.exitCode, 1);
    assert.match(run.output[0]!, /joined \(is dsregcmd \/status output not recognised \(exit code 0, \d+ lines, no YES\/NO AzureAdJoined and DomainJoined\)/);
    const failed = await on(['The system cannot find the file specified.'], 1).run(system.detect);
    assert.match(failed.output[0]!, /joined \(is dsregcmd \/status output not recognised \(exit code 1, 1 lines/);
    const slow = await new Device({ name: 'slow', description: 'spec', commands: [{ ...status(HYBRID), timedOut: true }] }).run(system.detect);
    assert.match(slow.output[0]!, /joined \(is dsregcmd \/status did not finish within 120 seconds/);
  });

  it('the remediation changes nothing and fails while the join is wrong', async () => {
    const run = await on(DOMAIN_ONLY).run(system.remediate);
    assert.equal(run.exitCode, 1);
    assert.deepEqual(run.calls.filter((c) => c.Seam === 'Write-RgRegistryData'), []);
    assert.match(stripBuild(run.output[0]), /^FAILED join-room: 1 of 1 checks still failed: joined/);
  });
});
