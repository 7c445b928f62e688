/**
 * `remgen report --html FILE`: the report as one self-contained page an admin can send to a colleague. Charts
 * are inline SVG drawn here from the same FleetReport `--json` prints (no script, no font, no image, no CDN; a
 * Content-Security-Policy of `default-src 'none'` keeps the page from fetching anything). Every mark carries
 * the number it draws (`data-value`), so spec/report/html.spec.ts reads the charts back from the DOM in
 * headless Chromium and compares them with the JSON.
 */
import { DEVICE_STATES, linesInWords, type DeviceState, type FleetReport, type PackageReport, type TrendPoint } from './fleet.ts';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const n = (value: number): string => value.toLocaleString('en-US');
const devicesWord = (count: number): string => `${n(count)} device${count === 1 ? '' : 's'}`;
/** Coordinates with at most two decimals, so the page stays small and the numbers exact enough to compare. */
const f = (value: number): string => String(Math.round(value * 100) / 100);

/** One colour per device state, distinguishable in print too (the legend names them). */
const STATE_COLOURS: Record<DeviceState, string> = {
  'without issues': '#2e7d32',
  remediated: '#66bb6a',
  recurred: '#ffa726',
  failed: '#c62828',
  'with issues': '#ef6c00',
  'script error': '#6a1b9a',
  pending: '#90a4ae',
  'not applicable': '#cfd8dc',
  'not remgen output': '#795548',
};

const WIDTH = 720;

function stateBar(p: PackageReport): string {
  const total = DEVICE_STATES.reduce((sum, s) => sum + p.states[s], 0);
  let x = 0;
  const segments = DEVICE_STATES.filter((s) => p.states[s] > 0).map((s) => {
    const w = total > 0 ? (p.states[s] / total) * WIDTH : 0;
    const rect = `<rect class="state" data-state="${escapeHtml(s)}" data-value="${p.states[s]}" x="${f(x)}" y="0" width="${f(w)}" height="28" fill="${STATE_COLOURS[s]}"><title>${escapeHtml(s)}: ${n(p.states[s])}</title></rect>`;
    x += w;
    return rect;
  });
  const legend = DEVICE_STATES.filter((s) => p.states[s] > 0)
    .map((s) => `<li><span class="swatch" style="background:${STATE_COLOURS[s]}"></span>${escapeHtml(s)} <b>${n(p.states[s])}</b></li>`).join('');
  return `<svg class="chart states" data-total="${total}" viewBox="0 0 ${WIDTH} 28" width="${WIDTH}" height="28" role="img" aria-label="devices by state">${segments.join('')}</svg><ul class="legend">${legend}</ul>`;
}

function stepChart(p: PackageReport, top: number): string {
  const steps = p.steps.slice(0, top);
  if (steps.length === 0) return '<p class="none">No step failed on any device.</p>';
  const max = Math.max(1, ...steps.map((s) => Math.max(s.before, s.after)));
  const label = 220;
  const room = WIDTH - label - 60;
  const row = 34;
  const bars = steps.map((s, i) => {
    const y = i * row;
    const before = (s.before / max) * room;
    const after = (s.after / max) * room;
    return `<g class="step" data-step="${escapeHtml(s.step)}">`
      + `<text x="${label - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(s.step)}</text>`
      + `<rect class="bar before" data-value="${s.before}" x="${label}" y="${y + 2}" width="${f(before)}" height="13" fill="#c62828"><title>${escapeHtml(s.step)}: ${n(s.before)} before remediation</title></rect>`
      + `<text class="count" x="${f(label + before + 4)}" y="${y + 13}">${n(s.before)}</text>`
      + `<rect class="bar after" data-value="${s.after}" x="${label}" y="${y + 17}" width="${f(after)}" height="13" fill="#ef9a9a"><title>${escapeHtml(s.step)}: ${n(s.after)} after remediation</title></rect>`
      + `<text class="count" x="${f(label + after + 4)}" y="${y + 28}">${n(s.after)}</text></g>`;
  });
  const height = steps.length * row;
  return `<svg class="chart steps" data-max="${max}" data-room="${room}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="failing steps">${bars.join('')}</svg>`
    + '<p class="key"><span class="swatch" style="background:#c62828"></span>devices failing before remediation <span class="swatch" style="background:#ef9a9a"></span>after</p>'
    + (p.steps.length > top ? `<p class="more">and ${n(p.steps.length - top)} more step(s) in the JSON report</p>` : '');
}

const SERIES: readonly { key: keyof Omit<TrendPoint, 'date'>; name: string; colour: string }[] = [
  { key: 'noIssue', name: 'without issues', colour: '#2e7d32' },
  { key: 'remediated', name: 'remediated', colour: '#1565c0' },
  { key: 'detectFailed', name: 'detection failed', colour: '#c62828' },
];

function trendChart(trend: readonly TrendPoint[] | undefined): string {
  if (!trend || trend.length === 0) return '<p class="none">No remediation history in this source (the live report and a JSON dump with Graph\'s history have one; an export CSV does not).</p>';
  const height = 200;
  const left = 50;
  const bottom = 24;
  const plotW = WIDTH - left - 10;
  const plotH = height - bottom - 10;
  const max = Math.max(1, ...trend.flatMap((t) => SERIES.map((s) => t[s.key])));
  const xOf = (i: number): number => left + (trend.length === 1 ? plotW / 2 : (i / (trend.length - 1)) * plotW);
  const yOf = (v: number): number => 10 + plotH - (v / max) * plotH;
  const lines = SERIES.map((s) => {
    const points = trend.map((t, i) => `${f(xOf(i))},${f(yOf(t[s.key]))}`).join(' ');
    const dots = trend.map((t, i) => `<circle class="point" data-date="${escapeHtml(t.date)}" data-value="${t[s.key]}" cx="${f(xOf(i))}" cy="${f(yOf(t[s.key]))}" r="3" fill="${s.colour}"><title>${escapeHtml(t.date)}: ${n(t[s.key])} ${s.name}</title></circle>`).join('');
    return `<g class="series" data-series="${s.key}"><polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="2"/>${dots}</g>`;
  });
  const axis = `<line x1="${left}" y1="${10 + plotH}" x2="${left + plotW}" y2="${10 + plotH}" stroke="#999"/><line x1="${left}" y1="10" x2="${left}" y2="${10 + plotH}" stroke="#999"/>`
    + `<text x="${left - 6}" y="14" text-anchor="end">${n(max)}</text><text x="${left - 6}" y="${10 + plotH}" text-anchor="end">0</text>`
    + `<text x="${left}" y="${height - 6}">${escapeHtml(trend[0]!.date)}</text><text x="${left + plotW}" y="${height - 6}" text-anchor="end">${escapeHtml(trend.at(-1)!.date)}</text>`;
  const key = SERIES.map((s) => `<span class="swatch" style="background:${s.colour}"></span>${s.name}`).join(' ');
  return `<svg class="chart trend" data-max="${max}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="trend over the remediation history">${axis}${lines.join('')}</svg><p class="key">${key}</p>`;
}

function errorTable(p: PackageReport): string {
  if (p.errors.length === 0) return '<p class="none">No error came back.</p>';
  const rows = p.errors.map((e) => `<tr><td class="message">${escapeHtml(e.message)}</td><td class="devices" data-value="${e.devices}">${n(e.devices)}</td></tr>`).join('');
  return `<table class="errors"><thead><tr><th>error</th><th>devices</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function section(p: PackageReport, top: number): string {
  const values = p.steps.slice(0, top).flatMap((s) => s.values.slice(0, 1).map((v) => `<li><b>${escapeHtml(s.step)}</b>: ${escapeHtml(v.value.length > 200 ? `${v.value.slice(0, 197)}...` : v.value)} (${devicesWord(v.devices)})</li>`)).join('');
  const acted = p.actions.length > 0 ? `<p>Actions run: ${p.actions.map((a) => `${escapeHtml(a.step)} on ${n(a.devices)}`).join(', ')}</p>` : '';
  const cooled = p.cooldowns.length > 0 ? `<p>Skipped for cooldown: ${p.cooldowns.map((a) => `${escapeHtml(a.step)} on ${n(a.devices)}`).join(', ')}</p>` : '';
  const os = p.failuresByOs.length > 0 ? `<p>Not without issues, by OS version: ${p.failuresByOs.map((o) => `${escapeHtml(o.osVersion)} ${n(o.devices)}`).join(', ')}</p>` : '';
  const words = linesInWords(p);
  const lines = words ? `<p class="lines">Lines: ${escapeHtml(words)}</p>` : '';
  return `<section class="package" data-package="${escapeHtml(p.packageId)}" data-devices="${p.devices}">
<h2>${escapeHtml(p.packageId)} <small>${devicesWord(p.devices)}</small></h2>
<h3>Devices by state</h3>
${stateBar(p)}
<h3>Failing steps</h3>
${stepChart(p, top)}
${values ? `<ul class="values">${values}</ul>` : ''}
${acted}${cooled}${os}${lines}
<h3>Trend</h3>
${trendChart(p.trend)}
<h3>Top errors</h3>
${errorTable(p)}
</section>`;
}

const STYLE = `body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:780px}
h1{font-size:20px}h2{font-size:17px;border-top:1px solid #ddd;padding-top:12px}h2 small{font-weight:normal;color:#666}
h3{font-size:14px;margin:14px 0 6px}svg text{font-size:12px;fill:#333}
.legend,.values{padding-left:0;list-style:none}.legend li{display:inline-block;margin-right:12px}
.swatch{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;vertical-align:middle}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
td.devices{text-align:right}.none{color:#666}`;

export function renderHtml(report: FleetReport, options: { readonly source: string; readonly top: number }): string {
  const title = `remgen report: ${n(report.devices)} device runs, ${n(report.packages.length)} package(s)`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body data-devices="${report.devices}" data-unattributed="${report.unattributed}">
<h1>${escapeHtml(title)}</h1>
<p>From ${escapeHtml(options.source)}${report.unattributed ? `; ${n(report.unattributed)} device run(s) with no remgen output` : ''}.</p>
${report.packages.map((p) => section(p, options.top)).join('\n')}
</body>
</html>
`;
}
