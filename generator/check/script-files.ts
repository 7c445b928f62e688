import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Remediation } from '../descriptor/remediation.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { getEngine } from '../engine/index.ts';
import { lintStepFile, runtimeFileFunctions } from '../lint/step-file.ts';
import { seamNames } from '../lint/support.ts';
import type { LintFinding } from '../lint/rule.ts';
import { isScriptStep, type ScriptHalf, type ScriptSource } from '../steps/custom/script-common.ts';
import type { Finding } from './finding.ts';
import type { Rooms } from './rules.ts';

/**
 * The script steps' own files (generator/steps/custom/): each half read from beside the descriptor, parsed by
 * PowerShell's own parser (the engine host) and held to the lint rules remgen's output passes
 * (generator/lint/step-file.ts), each finding at its line and column in the admin's file. A remediation whose
 * files pass comes back with each script step carrying its `source` (function, synopsis, text), which the
 * render stage embeds into the one signed script; its descriptor hash then covers the files too.
 */
export interface ScriptFilesResult {
  /** Findings about the descriptor (a missing file, a seam declared unsimulated), by property path. */
  readonly findings: Finding[];
  /** Findings in the admin's files, located there. */
  readonly diagnostics: Diagnostic[];
  /** The remediation with its script steps resolved; use it only when both lists are empty. */
  readonly remediation: Remediation;
}

/** The functions a half can call: the runtime the generated script carries for it. */
function runtimeFor(files: readonly string[]): Set<string> {
  return new Set(['core.ps1', 'platform.ps1', ...files].flatMap((f) => runtimeFileFunctions(f)));
}

export async function checkScriptFiles(remediation: Remediation, descriptorFile: string, rooms: Rooms): Promise<ScriptFilesResult> {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const seams = new Set(seamNames().map((s) => s.toLowerCase()));
  const functions = new Map<string, { text: string; file: string }>();
  const located = new Map<string, { finding: LintFinding; half: string; steps: { index: number; id: string }[] }>();
  const steps = await Promise.all(remediation.steps.map(async (step, index) => {
    if (!isScriptStep(step)) return step;
    const room = rooms.get(step.kind)!;
    (step.unsimulated ?? []).forEach((name, n) => {
      if (seams.has(name.toLowerCase())) findings.push({ path: ['steps', index, 'unsimulated', n], message: `step '${step.id}': ${name} is one of remgen's seams: it simulates; remove it from unsimulated` });
      else if (/^[A-Za-z]+-Rg/i.test(name)) findings.push({ path: ['steps', index, 'unsimulated', n], message: `step '${step.id}': ${name} is a remgen name, not a Windows command; remove it from unsimulated` });
    });
    const testRuntime = runtimeFor([...room.runtime, 'actions.ps1', 'registry.ps1']);
    const setRuntime = runtimeFor([...room.runtime, 'actions.ps1', 'registry.ps1', ...(room.setRuntime ?? []), 'registry-write.ps1']);
    const setOnly = new Set([...setRuntime].filter((n) => !testRuntime.has(n)));
    const halves: Partial<Record<'test' | 'set', ScriptHalf>> = {};
    const wanted: ('test' | 'set')[] = (step as { set?: string }).set !== undefined ? ['test', 'set'] : ['test'];
    for (const half of wanted) {
      const given = (step as unknown as Record<string, string>)[half]!;
      const path = resolve(dirname(descriptorFile), given);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        findings.push({ path: ['steps', index, half], message: `step '${step.id}': ${half} file ${given} not found (looked for ${path}); put the .ps1 beside the descriptor or fix the path` });
        continue;
      }
      let facts;
      try {
        facts = await getEngine().parse(path, { help: true });
      } catch (error) {
        findings.push({ path: ['steps', index, half], message: `step '${step.id}': ${given} could not be checked: script steps are parsed by PowerShell's own parser (the engine host, which needs the .NET 10 SDK): ${(error as Error).message}` });
        continue;
      }
      const linted = await lintStepFile(path, text, facts, {
        half,
        parameters: Object.keys(step.parameters ?? {}),
        unsimulated: step.unsimulated ?? [],
        runtime: half === 'test' ? testRuntime : setRuntime,
        setOnly: half === 'test' ? setOnly : new Set(),
      });
      for (const f of linted.findings) {
        // A file two steps share is linted for each (their parameters differ): one diagnostic, naming both.
        const key = `${f.file}:${f.line}:${f.column}:${f.rule}:${f.message}`;
        const seen = located.get(key);
        if (seen) seen.steps.push({ index, id: step.id });
        else located.set(key, { finding: f, half, steps: [{ index, id: step.id }] });
      }
      if (!linted.function) continue;
      const name = linted.function.name;
      const earlier = functions.get(name.toLowerCase());
      if (earlier && earlier.text !== text) {
        findings.push({ path: ['steps', index, half], message: `step '${step.id}': ${given} defines ${name}, which ${earlier.file} defines differently; one script holds one function of a name: rename one` });
      }
      functions.set(name.toLowerCase(), { text, file: given });
      halves[half] = { file: given, function: name, synopsis: linted.function.synopsis, text };
    }
    if (halves.test && halves.set && halves.test.function.toLowerCase() === halves.set.function.toLowerCase()) {
      findings.push({ path: ['steps', index, 'set'], message: `step '${step.id}': the test and set halves are the same function ${halves.test.function}; give the set half a file and function of its own` });
    }
    if (!halves.test || (wanted.includes('set') && !halves.set)) return step;
    const source: ScriptSource = { test: halves.test, ...(halves.set ? { set: halves.set } : {}) };
    return Object.freeze({ ...step, source });
  }));
  for (const { finding: f, half, steps } of located.values()) {
    // The steps are linted concurrently: named in the descriptor's order, whichever finished first.
    const ids = [...steps].sort((a, b) => a.index - b.index).map((s) => s.id);
    const whose = ids.length === 1 ? `step '${ids[0]}'` : `steps ${ids.map((id) => `'${id}'`).join(', ')}`;
    diagnostics.push({ file: f.file, line: f.line, column: f.column, message: `${f.rule}: ${f.message} (${half} half of ${whose})` });
  }
  return { findings, diagnostics, remediation: Object.freeze({ ...remediation, steps: steps as Remediation['steps'] }) };
}
