/**
 * remgen report --html: the page opened in a real headless Chromium (Debian's, installed by the set-up when
 * missing; spec/support/chromium.ts). It must load without a console error or a single network request, and
 * its charts, read back from the DOM, must draw the numbers `--json` gives for the same source. Screenshots are
 * kept in spec/artifacts/report-html/ (git-ignored). The sources are made of the lines the engine recorded for
 * the bundled profiles.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Expectations } from '../../generator/model/expectation.ts';
import { DEVICE_STATES, type FleetReport, type PackageReport } from '../../generator/report/fleet.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../support/chromium.ts';
import { remgen } from '../support/temp-catalog.ts';
import { recorded } from '../support/summary-line.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = join(REPO, 'spec', 'artifacts', 'report-html');
// The engine's recorded lines as this build prints them (build ids put back: spec/support/summary-line.ts).
const expected: Expectations = await recorded();
const cell = (v: string): string => `"${v.replaceAll('"', '""')}"`;

/** What the page drew, read from its SVG and table. */
interface Drawn {
  devices: number;
  states: { state: string; value: number; width: number; shown: number }[];
  total: number;
  steps: { step: string; before: number; after: number; beforeWidth: number; afterWidth: number }[];
  max: number;
  room: number;
  trend: { series: string; points: { date: string; value: number; cy: number }[] }[];
  trendMax: number;
  errors: { message: string; devices: number }[];
}

/**
 * Read in the page. Kept as plain JavaScript text: tsx compiles this file with esbuild's keepNames, whose
 * `__name` helper does not exist inside the page.
 */
const READ_DRAWING = `(id) => {
  const section = [...document.querySelectorAll('section.package')].find((s) => s.dataset.package === id);
  const num = (el, name) => Number(el.getAttribute(name));
  const stateSvg = section.querySelector('svg.states');
  const stepSvg = section.querySelector('svg.steps');
  const trendSvg = section.querySelector('svg.trend');
  return {
    devices: Number(section.dataset.devices),
    total: num(stateSvg, 'data-total'),
    states: [...stateSvg.querySelectorAll('rect.state')].map((r) => ({ state: r.getAttribute('data-state'), value: num(r, 'data-value'), width: num(r, 'width'), shown: r.getBoundingClientRect().width })),
    steps: [...(stepSvg ? stepSvg.querySelectorAll('g.step') : [])].map((g) => ({
      step: g.getAttribute('data-step'),
      before: num(g.querySelector('rect.before'), 'data-value'),
      after: num(g.querySelector('rect.after'), 'data-value'),
      beforeWidth: num(g.querySelector('rect.before'), 'width'),
      afterWidth: num(g.querySelector('rect.after'), 'width'),
    })),
    max: stepSvg ? num(stepSvg, 'data-max') : 0,
    room: stepSvg ? num(stepSvg, 'data-room') : 0,
    trendMax: trendSvg ? num(trendSvg, 'data-max') : 0,
    trend: [...(trendSvg ? trendSvg.querySelectorAll('g.series') : [])].map((g) => ({
      series: g.getAttribute('data-series'),
      points: [...g.querySelectorAll('circle.point')].map((c) => ({ date: c.getAttribute('data-date'), value: num(c, 'data-value'), cy: num(c, 'cy') })),
    })),
    errors: [...section.querySelectorAll('table.errors tbody tr')].map((tr) => ({ message: tr.querySelector('td.message').textContent, devices: num(tr.querySelector('td.devices'), 'data-value') })),
  };
}`;

async function drawn(page: Page, pkg: string): Promise<Drawn> {
  return page.evaluate<Drawn>(`(${READ_DRAWING})(${JSON.stringify(pkg)})`);
}

function sameDrawing(d: Drawn, p: PackageReport, top: number): void {
  assert.equal(d.devices, p.devices);
  // state bars: every state the JSON counts, with its number, its width its share of 720
  assert.deepEqual(d.states.map((s) => [s.state, s.value]), DEVICE_STATES.filter((s) => p.states[s] > 0).map((s) => [s, p.states[s]]));
  for (const s of d.states) {
    assert.ok(Math.abs(s.width - (s.value / d.total) * 720) < 0.01, `${p.packageId} ${s.state}: width ${s.width}`);
    assert.ok(s.shown > 0, 'drawn on screen');
  }
  // failing steps: the JSON's top steps in its order, bars as long as their share of the largest
  assert.deepEqual(d.steps.map((s) => [s.step, s.before, s.after]), p.steps.slice(0, top).map((s) => [s.step, s.before, s.after]));
  for (const s of d.steps) {
    assert.ok(Math.abs(s.beforeWidth - (s.before / d.max) * d.room) < 0.01);
    assert.ok(Math.abs(s.afterWidth - (s.after / d.max) * d.room) < 0.01);
  }
  // errors table
  assert.deepEqual(d.errors, p.errors.map((e) => ({ message: e.message, devices: e.devices })));
}

describe('remgen report --html in headless Chromium', function () {
  this.timeout(900_000);
  const dir = mkdtempSync(join(tmpdir(), 'remgen-report-html-'));
  let browser: Browser;

  before(async () => {
    const executablePath = ensureChromium((line) => console.log(`      ${line}`));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  /** Opens the page offline: every request but the file itself is counted (and aborted); console errors collected. */
  async function open(file: string, shot: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 820, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: true });
    assert.ok(statSync(join(ARTIFACTS, shot)).size > 10_000, 'a screenshot with something on it');
    return { page, problems, requests };
  }

  it('a three-package export: state bars, failing steps and top errors drawn with the JSON\'s numbers, offline and without console errors', async () => {
    const header = ['PolicyId', 'DeviceId', 'PreRemediationDetectionScriptOutput', 'PostRemediationDetectionScriptOutput', 'RemediationStatus', 'DeviceName', 'OSVersion', 'UPN', 'DetectionStatus', 'PreRemediationDetectionScriptError'];
    const rows = [header.join(',')];
    // Devices whose script did not get to write a line: Intune's error column (the agent's words, not remgen's),
    // tied to their package by the policy id.
    for (const [n, message] of [[3, 'Script execution timed out, <after 3600 s> & "killed"'], [1, 'The signature of the script could not be verified']] as const) {
      for (let c = 0; c < n; c += 1) rows.push(['tls', `e${n}-${c}`, '', '', 'unknown', `PC-E${n}${c}`, '10.0.19045.5131', '', 'scriptError', cell(message)].join(','));
    }
    let i = 0;
    for (const pkg of ['tls', 'clock', 'onedrive-0x8004de40-device']) {
      for (const cycle of Object.values(expected[pkg]!)) {
        // a few copies each, so the bars are not all equal
        for (let c = 0; c <= i % 3; c += 1) {
          const post = cycle.summaries.length > 1 ? cycle.summaries.at(-1)! : '';
          rows.push([pkg, `d${i}-${c}`, cell(cycle.summaries[0]!), cell(post), post ? 'success' : 'skipped', `PC-${i}-${c}`, i % 2 ? '10.0.19045.5131' : '10.0.22631.4460', 'u@contoso.com', cycle.detect === 0 ? 'success' : 'fail', ''].join(','));
        }
        i += 1;
      }
    }
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, `\uFEFF${rows.join('\r\n')}\r\n`);
    const html = join(dir, 'fleet.html');
    const run = remgen(['report', '--from', csv, '--json', '--top', '4', '--html', html], REPO);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as FleetReport;
    assert.equal(report.packages.length, 3);
    const text = readFileSync(html, 'utf8');
    assert.doesNotMatch(text, /<script|<link|<img|\bsrc=|\bhref=|@import|url\(/i, 'nothing the page could fetch');

    const { page, problems, requests } = await open(html, 'export-three-packages.png');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    for (const p of report.packages) sameDrawing(await drawn(page, p.packageId), p, 4);
    const tls = report.packages.find((p) => p.packageId === 'tls')!;
    assert.deepEqual(tls.errors[0], { message: 'Script execution timed out, <after 3600 s> & "killed"', devices: 3 }, 'escaped, not mis-drawn');
    assert.equal(tls.states['script error'], 4);
    assert.ok(report.packages.some((p) => p.steps.length > 4), 'the chart shows the top 4 of more');
    await page.close();
  });

  it('the trend from Graph\'s history is a line per series through the JSON\'s daily numbers', async () => {
    const cycle = expected.clock!['onedrive-0x8004de40-skewed-clock']!;
    const healthy = expected.clock!['onedrive-0x8004de40-healthy']!;
    const history = [
      { date: '2026-11-26T00:00:00Z', remediatedDeviceCount: 14, noIssueDeviceCount: 120, detectFailedDeviceCount: 6 },
      { date: '2026-11-27T00:00:00Z', remediatedDeviceCount: 9, noIssueDeviceCount: 131, detectFailedDeviceCount: 4 },
      { date: '2026-11-28T00:00:00Z', remediatedDeviceCount: 11, noIssueDeviceCount: 133, detectFailedDeviceCount: 5 },
      { date: '2026-11-29T00:00:00Z', remediatedDeviceCount: 4, noIssueDeviceCount: 150, detectFailedDeviceCount: 1 },
    ];
    const dump = join(dir, 'clock.json');
    writeFileSync(dump, JSON.stringify({
      value: [
        { id: '1', detectionState: 'fail', remediationState: 'success', preRemediationDetectionScriptOutput: cycle.summaries[0], postRemediationDetectionScriptOutput: cycle.summaries.at(-1), managedDevice: { deviceName: 'PC-1', osVersion: '10.0.22631.4460' } },
        { id: '2', detectionState: 'success', remediationState: 'skipped', preRemediationDetectionScriptOutput: healthy.summaries[0], managedDevice: { deviceName: 'PC-2' } },
      ],
      history: { historyData: history },
    }));
    const html = join(dir, 'clock.html');
    const run = remgen(['report', '--from', dump, '--json', '--html', html], REPO);
    assert.equal(run.status, 0, run.stderr);
    const p = (JSON.parse(run.stdout) as FleetReport).packages[0]!;
    const { page, problems, requests } = await open(html, 'trend-clock.png');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    const d = await drawn(page, p.packageId);
    sameDrawing(d, p, 5);
    assert.deepEqual(d.trend.map((s) => s.series), ['noIssue', 'remediated', 'detectFailed']);
    assert.equal(d.trendMax, Math.max(...p.trend!.flatMap((t) => [t.noIssue, t.remediated, t.detectFailed])));
    for (const s of d.trend) {
      assert.deepEqual(s.points.map((x) => [x.date, x.value]), p.trend!.map((t) => [t.date, t[s.series as 'noIssue']]));
      // plotted height is the value's share of the maximum (plot area 166 high, from y 10)
      for (const x of s.points) assert.ok(Math.abs(x.cy - (10 + 166 - (x.value / d.trendMax) * 166)) < 0.01, `${s.series} ${x.date}: cy ${x.cy}`);
    }
    // the line falls where the JSON falls: fewer detection failures on the last day than the first
    const failed = d.trend.find((s) => s.series === 'detectFailed')!.points;
    assert.ok(failed.at(-1)!.cy > failed[0]!.cy);
    await page.close();
  });
});
