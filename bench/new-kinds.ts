/**
 * The generated detection's own time in the engine for each kind added by issue 18 (part 1: scheduled tasks,
 * file), on a healthy simulated device: the median of 9 warm runs minus the median of the no-op harness (a
 * script that only exits) on the same device. Run: npx tsx bench/new-kinds.ts
 */
import { createHash } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEngine } from '../generator/engine/index.ts';
import { simulate } from '../generator/engine/simulate.ts';
import type { DeviceProfileProps } from '../generator/model/profile.ts';
import { defineRemediation } from '../generator/descriptor/remediation.ts';
import { file, scheduledTask, scheduledTaskRan, scheduledTaskRun, type Step } from '../generator/steps/index.ts';
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
];

const engine = getEngine();
const noop = join(mkdtempSync(join(tmpdir(), 'remgen-bench-')), 'noop.ps1');
writeFileSync(noop, 'exit 0\r\n');
for (const c of cases) {
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
