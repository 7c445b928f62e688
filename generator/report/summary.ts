/**
 * The summary line, both directions. Every generated script ends with one line (the only output Intune
 * keeps: up to 2,048 characters, docs/reference/graph-intune.md 1), written by the runtime
 * (templates/targets/intune/detection.ps1 and remediation.ps1, templates/runtime/core.ps1 Format-RgFinding,
 * Get-RgSummaryName, Format-RgSummary) in the grammar below, and read back here by `remgen report`:
 *
 *   COMPLIANT <pkg>@<build>: all <n> <noun> <good>
 *   COMPLIANT <pkg>@<build>: nothing to change, all <n> <noun> <good>
 *   NON-COMPLIANT <pkg>@<build>: <k> of <n> <noun> <bad>: <finding>[; <finding>...]
 *   REMEDIATED <pkg>@<build>: fixed <k> of <n> <noun> (<step>, ...); all <good> now[; restart required to take effect]<notes>
 *   FAILED <pkg>@<build>: <k> of <n> <noun> still <bad>: <finding>[; ...][; restart recommended for the changes made (<step>, ...)]<notes>[ (WhatIf: nothing was changed)]
 *   ERROR <pkg>@<build>: <message>
 *
 *   <build>   = 7 lower-case hex digits: the package's build id, the same in its detection and remediation
 *               scripts; the first 7 hex of SHA-256 over those scripts with the id's slot unfilled
 *               (generator/script/build-id.ts; ARCHITECTURE.md "The build id"). `remgen build --json` and
 *               out/manifest.json record it per package.
 *   <finding> = <step> (is <actual>, want <expected>) | <step> (error: <message>)
 *   <notes>   = [; <k> action(s) taken: <step>, ...][; <step> in cooldown until yyyy-MM-dd HH:mm UTC ...]
 *   <noun> <good>/<bad> = settings compliant/wrong (every step a setting) | checks passed/failed
 *
 * A line without `@<build>` (`COMPLIANT <pkg>: ...`) is remgen's from a version before the build id: read
 * the same, its `build` absent. A line whose `@...` is not 7 hex digits is not this grammar (unrecognised).
 * The other way round, a `remgen report` from before build ids reads a line with one as not remgen's (its
 * package id stops at the `@`): counted, never mis-parsed.
 * A line longer than 2,048 characters is cut to 2,045 and `...`: the head, build id included, is always
 * kept. spec/report/summary.spec.ts parses every line the engine produced for the bundled profiles back into
 * the step results the scripts logged.
 */

/** What a summary line can say, in the runtime's words. */
export const SUMMARY_STATES = ['COMPLIANT', 'NON-COMPLIANT', 'REMEDIATED', 'FAILED', 'ERROR'] as const;
export type SummaryState = (typeof SUMMARY_STATES)[number];

/** Intune's limit, and how Format-RgSummary marks a line it cut. */
export const SUMMARY_MAX_LENGTH = 2048;
export const CUT_MARK = '...';

/** The two ways the runtime counts steps (Get-RgStepWording). */
export const WORDINGS = [
  { noun: 'settings', good: 'compliant', bad: 'wrong' },
  { noun: 'checks', good: 'passed', bad: 'failed' },
] as const;

/** One step the line names as not compliant. */
export interface Finding {
  readonly step: string;
  /** `is` and `want`, or the error the step's test (or set) threw. */
  readonly actual?: string;
  readonly expected?: string;
  readonly error?: string;
  /** The line was cut inside this finding: what is here is only its beginning. */
  readonly partial?: boolean;
}

export interface RemgenSummary {
  readonly kind: 'remgen';
  readonly state: SummaryState;
  readonly packageId: string;
  /** The build id after the package id; absent on a line of a remgen version before build ids. */
  readonly build?: string;
  /** Steps counted and steps not compliant (`k of n`); for REMEDIATED, k is the steps fixed. */
  readonly total?: number;
  readonly failing?: number;
  readonly findings: readonly Finding[];
  /** REMEDIATED: the steps that were changed. */
  readonly fixed: readonly string[];
  readonly actions: readonly string[];
  readonly cooldowns: readonly { readonly step: string; readonly until: string }[];
  /** A restart is needed (REMEDIATED) or recommended for the changes made (FAILED: these steps). */
  readonly restart: boolean;
  readonly restartSteps: readonly string[];
  readonly whatIf: boolean;
  /** ERROR: the message. */
  readonly message?: string;
  /** The line was cut at 2,048 characters; whatever came after the cut is unknown. */
  readonly truncated: boolean;
}

/**
 * What a line is: remgen's, in the grammar above; remgen's state word and a package this catalog has, but not
 * this grammar (another remgen version, or a line changed on the way); empty; or someone else's output.
 */
export type ParsedSummary =
  | RemgenSummary
  | { readonly kind: 'unrecognised'; readonly packageId: string; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'foreign'; readonly text: string };

export interface ParseOptions {
  /** The step ids of each package the catalog knows (package id -> step ids): findings are split by them. */
  readonly steps?: ReadonlyMap<string, readonly string[]>;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ID = '[A-Za-z0-9][A-Za-z0-9_.-]*';
// The build id is taken loosely (anything up to the colon) so that a malformed one is unrecognised, not foreign.
const HEAD = new RegExp(`^(${SUMMARY_STATES.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|')}) (${ID})(?:@([^\\s:]*))?: (.*)$`, 's');
const BUILD = /^[0-9a-f]{7}$/;

/** A line without its build id (`STATE <pkg>: ...`), as profiles/expected.json records lines; other text as it is. */
export function withoutBuildId(line: string): string {
  return line.replace(new RegExp(`^((?:${SUMMARY_STATES.map(escapeRegExp).join('|')}) ${ID})@[0-9a-f]{7}: `), '$1: ');
}

/** A line of this grammar without build id, with `build` put after its package id (the inverse of withoutBuildId). */
export function withBuildId(line: string, build: string): string {
  const head = HEAD.exec(line);
  if (!head || head[3] !== undefined) return line;
  return `${head[1]} ${head[2]}@${build}: ${head[4]}`;
}
const COUNTS = `(\\d+) of (\\d+) (${WORDINGS.map((w) => w.noun).join('|')})`;

/** Splits `a, b, c` step lists. */
const stepList = (text: string): string[] => text.split(', ').map((s) => s.trim()).filter(Boolean);

/**
 * The findings of `text` (`<step> (is ..., want ...); <step> (error: ...)`), split where a known step of the
 * package (or, without the catalog, anything shaped like a step id) begins a finding.
 */
const findingStarts = new WeakMap<readonly string[], RegExp>();
const ANY_FINDING_START = new RegExp(`(?:^|; )(${ID}) \\((is |error: )`, 'g');

/** Where findings begin: at one of the package's step ids (longest first), compiled once per id list. */
function findingStart(stepIds: readonly string[] | undefined): RegExp {
  if (!stepIds || stepIds.length === 0) return ANY_FINDING_START;
  let start = findingStarts.get(stepIds);
  if (!start) {
    start = new RegExp(`(?:^|; )(${[...stepIds].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')}) \\((is |error: )`, 'g');
    findingStarts.set(stepIds, start);
  }
  return start;
}

export function parseFindings(text: string, stepIds: readonly string[] | undefined, cut: boolean): Finding[] {
  const start = findingStart(stepIds);
  const starts: { index: number; bodyAt: number; step: string; form: string }[] = [];
  for (const m of text.matchAll(start)) {
    starts.push({ index: m.index, bodyAt: m.index + m[0].length, step: m[1]!, form: m[2]! });
  }
  const findings: Finding[] = [];
  starts.forEach((s, i) => {
    const last = i === starts.length - 1;
    const end = last ? text.length : starts[i + 1]!.index;
    let body = text.slice(s.bodyAt, end);
    const partial = last && cut;
    if (!partial) {
      if (!body.endsWith(')')) return; // not a whole finding: leave it out rather than guess
      body = body.slice(0, -1);
    }
    if (s.form === 'error: ') {
      findings.push({ step: s.step, error: body, ...(partial ? { partial } : {}) });
      return;
    }
    const want = body.indexOf(', want ');
    if (want < 0) {
      findings.push({ step: s.step, actual: body, ...(partial ? { partial } : {}) });
      return;
    }
    findings.push({ step: s.step, actual: body.slice(0, want), expected: body.slice(want + ', want '.length), ...(partial ? { partial } : {}) });
  });
  return findings;
}

const COOLDOWN_NOTE = new RegExp(`; (${ID}) in cooldown until (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) UTC$`);
const NOUNS = WORDINGS.map((w) => w.noun).join('|');
const GOODS = WORDINGS.map((w) => w.good).join('|');
const BADS = WORDINGS.map((w) => w.bad).join('|');
const COMPLIANT_BODY = new RegExp(`^(?:nothing to change, )?all (\\d+) (${NOUNS}) (${GOODS})$`);
const NON_COMPLIANT_BODY = new RegExp(`^${COUNTS} (${BADS}): (.*)$`, 's');
const REMEDIATED_BODY = new RegExp(`^fixed ${COUNTS} \\(([^)]*)\\); all (${GOODS}) now(; restart required to take effect)?$`);
const FAILED_BODY = new RegExp(`^${COUNTS} still (${BADS}): (.*)$`, 's');

/** The notes at the end of a REMEDIATED or FAILED line, taken off from the end in the reverse of the order written. */
function takeNotes(rest: string): { rest: string; actions: string[]; cooldowns: { step: string; until: string }[]; whatIf: boolean; restartSteps: string[] } {
  let whatIf = false;
  if (rest.endsWith(' (WhatIf: nothing was changed)')) {
    whatIf = true;
    rest = rest.slice(0, -' (WhatIf: nothing was changed)'.length);
  }
  const cooldowns: { step: string; until: string }[] = [];
  for (;;) {
    const m = COOLDOWN_NOTE.exec(rest);
    if (!m) break;
    cooldowns.unshift({ step: m[1]!, until: m[2]! });
    rest = rest.slice(0, m.index);
  }
  let actions: string[] = [];
  const acted = /; (\d+) action\(s\) taken: ([^;]*)$/.exec(rest);
  if (acted) {
    actions = stepList(acted[2]!);
    rest = rest.slice(0, acted.index);
  }
  let restartSteps: string[] = [];
  const restart = /; restart recommended for the changes made \(([^)]*)\)$/.exec(rest);
  if (restart) {
    restartSteps = stepList(restart[1]!);
    rest = rest.slice(0, restart.index);
  }
  return { rest, actions, cooldowns, whatIf, restartSteps };
}

/** Reads one summary line (a device's detection or remediation output). Never throws. */
export function parseSummary(line: string | null | undefined, options: ParseOptions = {}): ParsedSummary {
  const text = (line ?? '').replace(/^\uFEFF/, '').trim();
  if (text === '') return { kind: 'empty' };
  const head = HEAD.exec(text);
  if (!head) return { kind: 'foreign', text };
  const state = head[1] as SummaryState;
  const packageId = head[2]!;
  const build = head[3];
  const known = options.steps?.get(packageId);
  if (options.steps && !known) return { kind: 'foreign', text };
  if (build !== undefined && !BUILD.test(build)) return { kind: 'unrecognised', packageId, text };
  // Format-RgSummary cuts a longer line to exactly the limit, the last three characters the mark.
  const truncated = text.length === SUMMARY_MAX_LENGTH && text.endsWith(CUT_MARK);
  let body = head[4]!;
  if (truncated) body = body.slice(0, -CUT_MARK.length);
  const unrecognised = { kind: 'unrecognised', packageId, text } as const;
  const base = { kind: 'remgen', state, packageId, ...(build !== undefined ? { build } : {}), findings: [] as Finding[], fixed: [] as string[], actions: [] as string[], cooldowns: [] as { step: string; until: string }[], restart: false, restartSteps: [] as string[], whatIf: false, truncated } as const;

  if (state === 'ERROR') return { ...base, message: body };
  if (state === 'COMPLIANT') {
    const m = COMPLIANT_BODY.exec(body);
    return m ? { ...base, total: Number(m[1]), failing: 0 } : unrecognised;
  }
  if (state === 'NON-COMPLIANT') {
    const m = NON_COMPLIANT_BODY.exec(body);
    if (!m) return truncated ? { ...base, findings: [] } : unrecognised;
    return { ...base, failing: Number(m[1]), total: Number(m[2]), findings: parseFindings(m[5]!, known, truncated) };
  }
  // REMEDIATED and FAILED carry notes after what they say; a cut line may have lost them.
  const notes = truncated ? { rest: body, actions: [], cooldowns: [], whatIf: false, restartSteps: [] } : takeNotes(body);
  if (state === 'REMEDIATED') {
    const m = REMEDIATED_BODY.exec(notes.rest);
    if (!m) return unrecognised;
    return { ...base, ...notes, failing: 0, total: Number(m[2]), fixed: stepList(m[4]!), restart: m[6] !== undefined };
  }
  const m = FAILED_BODY.exec(notes.rest);
  if (!m) return unrecognised;
  return { ...base, ...notes, restart: notes.restartSteps.length > 0, failing: Number(m[1]), total: Number(m[2]), findings: parseFindings(m[5]!, known, truncated) };
}
