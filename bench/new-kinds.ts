/**
 * The generated detection's own time in the engine for each kind added by issue 18 (part 1: scheduled tasks,
 * file; part 2: service, apps, processes, commands, cleanup, AppX) and issue 19 part 1 (Defender, local users and
 * groups, Windows features), on a healthy simulated device: the median of 9 warm runs minus the median of the no-op harness (a
 * script that only exits) on the same device. Run: npx tsx bench/new-kinds.ts [text a kind's name contains]
 */
import { createHash } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEngine } from '../generator/engine/index.ts';
import { simulate } from '../generator/engine/simulate.ts';
import type { DeviceProfileProps } from '../generator/model/profile.ts';
import { defineRemediation } from '../generator/descriptor/remediation.ts';
import { appUninstall, appxPackage, command, file, installedApp, pathCleanup, process as processProbe, processStop, scheduledTask, scheduledTaskRan, scheduledTaskRun, service, serviceRestart, endpoints, type Step } from '../generator/steps/index.ts';
import { defender, defenderSignatureUpdate, defenderStatus, entraSid, localGroupMember, localUser, windowsFeature } from '../generator/steps/index.ts';
import { SIMULATED_MACHINE_SID } from '../generator/model/profile.ts';
import { intuneScripts } from '../spec/support/engine.ts';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const SYNC = { taskPath: '\\Contoso\\', taskName: 'Sync' };
const CONFIG = '<agent/>\r\n';
const cases: { kind: string; steps: Step[]; device: DeviceProfileProps }[] = [
  { kind: 'scheduledTask', steps: [scheduledTask({ id: 't', ...SYNC, state: 'enabled' })], device: { name: 'h', description: 'healthy', scheduledTasks: [{ path: SYNC.taskPath, name: SYNC.taskName }] } },
  {
    kind: 'scheduledTaskRan + scheduledTaskRun',
    steps: [scheduledTaskRan({ id: 'r', ...SYNC, withinHours: 24 }), scheduledTaskRun({ id: 'a', ...SYNC, withinHours: 24, gate: { probes: ['r'] }, cooldown: 'PT12H' })],
    device: { name: 'h', description: 'healthy', clock: '2026-12-01T08:00:00Z', scheduledTasks: [{ path: SYNC.taskPath, name: SYNC.taskName, lastRunTime: '2026-12-01T06:00:00Z' }] },
  },
  {
    kind: 'file (sha256)',
    steps: [file({ id: 'f', path: 'C:\\ProgramData\\Contoso\\agent.xml', sha256: createHash('sha256').update(CONFIG).digest('hex'), source: 'https://downloads.contoso.com/agent.xml' })],
    device: { name: 'h', description: 'healthy', fileSystem: [{ path: 'C:\\ProgramData\\Contoso\\agent.xml', content: CONFIG }] },
  },
  {
    kind: 'file (json)',
    steps: [file({ id: 'f', path: '%ProgramData%\\Contoso\\settings.json', json: { property: 'update.channel', value: 'stable' } })],
    device: { name: 'h', description: 'healthy', fileSystem: [{ path: '%ProgramData%\\Contoso\\settings.json', json: { update: { channel: 'stable' } } }] },
  },
  // Part 2 (branch rooms).
  { kind: 'service', steps: [service({ id: 's', serviceName: 'Spooler', startType: 'automatic', status: 'running' })], device: { name: 'h', description: 'healthy', services: [{ name: 'Spooler', status: 'Running', startType: 'Automatic' }] } },
  {
    kind: 'serviceRestart (gated by endpoints)',
    steps: [endpoints({ id: 'e', endpoints: [{ host: 'localhost', port: 8443 }] }), serviceRestart({ id: 'r', serviceName: 'ContosoAgent', gate: { probes: ['e'] }, cooldown: 'PT4H' })],
    device: { name: 'h', description: 'healthy', endpoints: [{ hostName: 'localhost', port: 8443, reachable: true }], services: [{ name: 'ContosoAgent', status: 'Running', startType: 'Automatic' }] },
  },
  {
    kind: 'installedApp + appUninstall (40 uninstall entries)',
    steps: [installedApp({ id: 'p', displayName: 'Contoso Agent', state: 'absent', belowVersion: '5.2' }), appUninstall({ id: 'u', displayName: 'Contoso Agent', belowVersion: '5.2', gate: { probes: ['p'] }, cooldown: 'P1D' })],
    device: { name: 'h', description: 'healthy', installedApps: Array.from({ length: 40 }, (_, i) => ({ displayName: `App ${i}`, displayVersion: '1.0', key: `App${i}`, scope: i % 2 ? 'machine32' as const : 'machine64' as const })) },
  },
  { kind: 'process + processStop', steps: [processProbe({ id: 'p', processName: 'Teams', state: 'notRunning' }), processStop({ id: 's', processName: 'Teams', gate: { probes: ['p'] }, cooldown: 'PT1H' })], device: { name: 'h', description: 'healthy' } },
  { kind: 'command', steps: [command({ id: 'c', program: 'w32tm.exe', arguments: ['/query', '/source'], stdoutPattern: 'time' })], device: { name: 'h', description: 'healthy', commands: [{ filePath: 'w32tm.exe', argumentList: ['/query', '/source'], exitCode: 0, output: ['time.windows.com'] }] } },
  {
    kind: 'pathCleanup (gated by command, 20 files)',
    steps: [command({ id: 'c', program: 'sc.exe', arguments: ['query', 'Spooler'], stdoutPattern: 'RUNNING' }), pathCleanup({ id: 'p', folders: ['%SystemRoot%\\System32\\spool\\PRINTERS'], gate: { probes: ['c'] }, cooldown: 'PT1H' })],
    device: { name: 'h', description: 'healthy', commands: [{ filePath: 'sc.exe', argumentList: ['query', 'Spooler'], exitCode: 0, output: ['STATE : 4 RUNNING'] }], fileSystem: Array.from({ length: 20 }, (_, i) => ({ path: `C:\\WINDOWS\\System32\\spool\\PRINTERS\\${i}.SPL`, length: 1024 })) },
  },
  { kind: 'appxPackage (all users, provisioned)', steps: [appxPackage({ id: 'a', name: 'Microsoft.BingNews', scope: 'allUsers', provisioned: true, state: 'absent' })], device: { name: 'h', description: 'healthy', appxPackages: [{ name: 'Microsoft.WindowsStore', provisioned: true }] } },
  // Issue 19, part 1 (branch vocab-a).
  {
    kind: 'defender (3 preferences)', steps: [defender({ id: 'd', realTimeMonitoring: true, puaProtection: 'enabled', cloudProtection: 'advanced' })],
    device: { name: 'h', description: 'healthy', defender: { preferences: { PUAProtection: 1 } } },
  },
  {
    kind: 'defenderStatus + defenderSignatureUpdate', steps: [defenderStatus({ id: 's', maxSignatureAgeDays: 3 }), defenderSignatureUpdate({ id: 'u', gate: { probes: ['s'] }, cooldown: 'PT12H' })],
    device: { name: 'h', description: 'healthy', defender: { signatureAgeDays: 0 } },
  },
  { kind: 'localUser (by RID)', steps: [localUser({ id: 'u', rid: 500, enabled: false })], device: { name: 'h', description: 'healthy', localUsers: [{ name: 'Administrator', rid: 500, enabled: false }, { name: 'support', rid: 1001 }] } },
  {
    kind: 'localGroupMember (exactly, 4 members)', steps: [localGroupMember({ id: 'g', group: 'S-1-5-32-544', members: [entraSid('5e7c1b52-93a4-4f1e-a0d2-6b8c3f9e1a47'), 'AzureAD\\alex@contoso.com'], mode: 'exactly' })],
    device: {
      name: 'h', description: 'healthy', accounts: [{ name: 'AzureAD\\alex@contoso.com', sid: 'S-1-12-1-1842391048-1277498031-1937615531-2911094533' }],
      localGroups: [{ sid: 'S-1-5-32-544', name: 'Administrators', members: [{ sid: `${SIMULATED_MACHINE_SID}-500` }, { sid: entraSid('5e7c1b52-93a4-4f1e-a0d2-6b8c3f9e1a47') }, { sid: 'S-1-12-1-1842391048-1277498031-1937615531-2911094533' }, { sid: 'S-1-5-21-2000478354-1960408961-1801674531-512' }] }],
    },
  },
  {
    kind: 'windowsFeature (150 features listed)', steps: [windowsFeature({ id: 'f', feature: 'NetFx3', state: 'enabled' })],
    device: { name: 'h', description: 'healthy', windowsFeatures: [...Array.from({ length: 149 }, (_, i) => ({ name: `Feature-${i}`, state: 'Disabled' })), { name: 'NetFx3', state: 'Enabled' }] },
  },
];

const engine = getEngine();
const only = process.argv[2];
const noop = join(mkdtempSync(join(tmpdir(), 'remgen-bench-')), 'noop.ps1');
writeFileSync(noop, 'exit 0\r\n');
for (const c of cases.filter((k) => !only || k.kind.includes(only))) {
  const { detect } = await intuneScripts(defineRemediation({ id: 'bench-kind', displayName: 'bench', description: 'bench', publisher: 'bench', context: 'system', steps: c.steps }));
  const time = async (script: string): Promise<number> => {
    await simulate(engine, script, c.device);
    const ms: number[] = [];
    for (let i = 0; i < 9; i++) ms.push((await simulate(engine, script, c.device)).ms);
    return median(ms);
  };
  const base = await time(noop);
  const run = await simulate(engine, detect, c.device);
  if (run.exitCode !== 0) throw new Error(`${c.kind}: not compliant on the healthy device: ${run.output.join(' ')}`);
  const own = await time(detect);
  console.log(`${c.kind}: detect.ps1 ${own} ms, no-op harness ${base} ms, own ${own - base} ms`);
}
process.exit(0);
