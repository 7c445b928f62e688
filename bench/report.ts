/**
 * The report at scale (issue 22): a synthetic export of 100,000 device runs, made from the summary lines the
 * engine recorded for the bundled profiles (remediations/profiles/expected.json), read and counted by
 * `remgen report`'s code in a fresh process, against the same file read by the plain CSV reader alone in the
 * same run. Goal: under 3 s and 300 MiB. `npm run bench -- --only report`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAndCheck } from '../generator/build.ts';
import type { Expectations } from '../generator/model/expectation.ts';
import { withBuildId } from '../generator/report/summary.ts';
import { synthesize } from '../generator/synthesize.ts';
import { REPO, runNode } from './build.ts';
import type { BenchResult } from './result.ts';

export const REPORT_DEVICES = 100_000;
const GOAL_MS = 3000;
const GOAL_MIB = 300;

/**
 * The export: the export job's columns, each device one of the recorded cycles (pre and post detection lines),
 * each line with the build id the bundled catalog's Intune package has now (recorded lines are kept without it).
 */
export async function writeSyntheticExport(file: string, devices = REPORT_DEVICES): Promise<void> {
  const expected = JSON.parse(readFileSync(join(REPO, 'remediations/profiles/expected.json'), 'utf8')) as Expectations;
  const catalogRoot = join(REPO, 'remediations');
  const { catalog } = await loadAndCheck(catalogRoot);
  const synthesis = await synthesize({ ...catalog, expectations: undefined }, { catalogRoot, targets: ['intune'] });
  const builds = new Map(synthesis.packages.map((p) => [p.remediation.id, synthesis.builds.get(p.dir) ?? '']));
  const built = (pkg: string, line: string | undefined): string => (line ? withBuildId(line, builds.get(pkg)!) : '');
  const cycles = Object.entries(expected).flatMap(([pkg, profiles]) => Object.values(profiles).map((c) => ({ pkg, pre: built(pkg, c.summaries[0]), post: c.summaries.length > 1 ? built(pkg, c.summaries.at(-1)) : '' })));
  const cell = (v: string): string => `"${v.replaceAll('"', '""')}"`;
  const lines = ['PolicyId,DeviceId,PreRemediationDetectionScriptOutput,PostRemediationDetectionScriptOutput,PreRemediationDetectionScriptError,RemediationScriptErrorDetails,RemediationStatus,DeviceName,OSVersion,UPN,DetectionStatus'];
  for (let i = 0; i < devices; i += 1) {
    const c = cycles[(i * 7919) % cycles.length]!;
    lines.push([c.pkg, `dev-${i}`, cell(c.pre), cell(c.post), '', '', c.post ? 'success' : 'skipped', `PC-${i}`, i % 3 ? '10.0.22631.4460' : '10.0.19045.5131', `user${i}@contoso.com`, c.post ? 'fail' : 'success'].join(','));
  }
  writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchReport(options: { readonly runs: number; readonly log: (line: string) => void }): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'remgen-bench-report-'));
  try {
    const file = join(dir, 'DeviceRunStates.csv');
    await writeSyntheticExport(file);
    const mib = statSync(file).size / 1024 / 1024;
    // The export job's download: the same CSV zipped (Info-ZIP, deflate), read as it unzips.
    const zip = join(dir, 'DeviceRunStates.zip');
    execFileSync('zip', ['-q', '-j', zip, file]);
    const zipMib = statSync(zip).size / 1024 / 1024;
    const results: BenchResult[] = [];
    let baseline: number | undefined;
    for (const mode of ['plain', 'aggregate', 'zip'] as const) {
      const times: number[] = [];
      const rss: number[] = [];
      for (let i = 0; i <= options.runs; i += 1) {
        const run = await runNode(['--import', 'tsx', join(REPO, 'bench', 'report-read.ts'), mode === 'zip' ? 'aggregate' : mode, mode === 'zip' ? zip : file]);
        if (run.status !== 0) throw new Error(`report-read ${mode}: exit ${run.status}: ${run.stderr.slice(-400)}`);
        if (i > 0) {
          times.push(run.ms);
          rss.push(run.rssKiB / 1024);
        }
        options.log(`  report ${mode} run ${i}/${options.runs}: ${Math.round(run.ms)} ms`);
      }
      const ms = median(times);
      const peak = Math.max(...rss);
      if (mode === 'plain') baseline = ms;
      results.push({
        name: mode === 'plain' ? `baseline: plain CSV read of ${REPORT_DEVICES.toLocaleString('en-US')} devices` : `remgen report: ${REPORT_DEVICES.toLocaleString('en-US')} devices read, parsed, counted${mode === 'zip' ? ' from the export zip' : ''}`,
        figures: {
          'median ms': Math.round(ms),
          'peak RSS MiB': peak.toFixed(1),
          'file MiB': (mode === 'zip' ? zipMib : mib).toFixed(1),
          ...(mode !== 'plain' && baseline !== undefined ? { 'x baseline': (ms / baseline).toFixed(2), goal: `< ${GOAL_MS} ms and < ${GOAL_MIB} MiB: ${ms < GOAL_MS && peak < GOAL_MIB ? 'met' : 'MISSED'}` } : {}),
          command: `node --import tsx bench/report-read.ts ${mode === 'zip' ? 'aggregate <export.zip>' : `${mode} <export.csv>`}`,
        },
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
