import type { Bundle, Remediation } from '../descriptor/remediation.ts';
import { durationSeconds, type ActionStepBase } from '../model/step.ts';
import type { StepRoom } from '../steps/room.ts';
import type { Finding } from './finding.ts';

/**
 * Semantic rules: what the JSON Schema cannot say. Each rule takes an object that already passed the
 * schema and returns findings with paths relative to it; none throws. Rules that look across files
 * (unique remediation and bundle ids) live in `index.ts`, which knows where each object came from.
 */

/** The step registry the rules consult; `rooms` from `generator/steps/index.ts` unless a test passes its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rooms = ReadonlyMap<string, StepRoom<any>>;

type AnyStep = { readonly kind: string; readonly id: string } & Record<string, unknown>;

const stepsOf = (remediation: Remediation): readonly AnyStep[] => remediation.steps as unknown as readonly AnyStep[];

/** Step ids are unique within a remediation: the log and the summary line name steps by id. */
export function checkStepIds(remediation: Remediation): Finding[] {
  const first = new Map<string, number>();
  const findings: Finding[] = [];
  stepsOf(remediation).forEach((step, index) => {
    const earlier = first.get(step.id);
    if (earlier === undefined) first.set(step.id, index);
    else findings.push({ path: ['steps', index, 'id'], message: `step id '${step.id}' is already used by step ${earlier + 1} of remediation '${remediation.id}'; step ids must be unique within a remediation` });
  });
  return findings;
}

/** A package runs in one context; a step that needs the other one belongs in a sibling remediation. */
export function checkStepContexts(remediation: Remediation, rooms: Rooms): Finding[] {
  const findings: Finding[] = [];
  stepsOf(remediation).forEach((step, index) => {
    const room = rooms.get(step.kind);
    if (!room) return;
    const context = room.contextOf(step);
    if (context === 'any' || context === remediation.context) return;
    findings.push({
      path: ['steps', index],
      message: `step '${step.id}' (${room.title(step)}) runs in ${context} context, but remediation '${remediation.id}' runs in ${remediation.context} context; ` +
        `move it into a separate remediation with context: '${context}' and group both with defineBundle`,
    });
  });
  return findings;
}

/** Each room's own rules (registry paths, value ranges, masks), with paths made relative to the remediation. */
export function checkStepRooms(remediation: Remediation, rooms: Rooms, skip: (index: number) => boolean = () => false): Finding[] {
  const findings: Finding[] = [];
  stepsOf(remediation).forEach((step, index) => {
    if (skip(index)) return;
    rooms.get(step.kind)?.check(step, (path, message) => findings.push({ path: ['steps', index, ...path], message: `step '${step.id}': ${message}` }));
  });
  return findings;
}

const HOUR = 3600;


/**
 * Disruptive actions run only when their gate's probes (steps of this remediation) report the
 * symptom, and at most once per cooldown of at least an hour: Intune re-runs remediations hourly or
 * daily, and an ungated reset would hit every healthy device on every run.
 */
export function checkActions(remediation: Remediation, rooms: Rooms): Finding[] {
  const findings: Finding[] = [];
  const steps = stepsOf(remediation);
  const probes = steps.filter((s) => rooms.get(s.kind)?.category === 'probe').map((s) => s.id);
  const knownProbes = probes.length > 0 ? `its probe steps: ${probes.join(', ')}` : 'it has no probe steps; add one that detects the symptom';
  steps.forEach((step, index) => {
    if (rooms.get(step.kind)?.category !== 'action') return;
    const action = step as unknown as Partial<ActionStepBase>;
    const names = action.gate === 'always' ? [] : action.gate?.probes;
    if (action.gate === 'always') {
      // No probe: the cooldown below is then the only thing between the action and every run.
    } else if (!Array.isArray(names) || names.length === 0) {
      findings.push({
        path: ['steps', index, ...(action.gate ? ['gate'] : [])],
        message: `action step '${step.id}' needs a gate: gate: { probes: [...] } naming the probe steps that detect the symptom (${knownProbes}), or gate: 'always' for an action that is the point (then at most once per cooldown)`,
      });
    } else {
      names.forEach((name, n) => {
        const target = steps.find((s) => s.id === name);
        const category = target ? rooms.get(target.kind)?.category : undefined;
        if (!target) {
          findings.push({ path: ['steps', index, 'gate', 'probes', n], message: `gate of action step '${step.id}' names '${name}', which is no step of remediation '${remediation.id}'; ${knownProbes}` });
        } else if (category !== 'probe') {
          findings.push({ path: ['steps', index, 'gate', 'probes', n], message: `gate of action step '${step.id}' names step '${name}', which is ${category === 'action' ? 'an action' : `a ${category ?? 'step'}`}, not a probe; ${knownProbes}` });
        }
      });
    }
    const cooldown = action.cooldown;
    if (typeof cooldown !== 'string') {
      findings.push({ path: ['steps', index], message: `action step '${step.id}' needs a cooldown of at least an hour, e.g. cooldown: 'P1D'` });
      return;
    }
    const seconds = durationSeconds(cooldown);
    if (seconds === undefined) {
      findings.push({ path: ['steps', index, 'cooldown'], message: `cooldown '${cooldown}' of action step '${step.id}' is not an ISO 8601 duration; write e.g. 'PT12H' or 'P1D'` });
    } else if (seconds < HOUR) {
      findings.push({ path: ['steps', index, 'cooldown'], message: `cooldown '${cooldown}' of action step '${step.id}' is shorter than an hour (PT1H); Intune re-runs remediations hourly, so use 'PT1H' or longer, e.g. 'P1D'` });
    }
  });
  return findings;
}

/** Every rule over one remediation, in a fixed order. */
export function checkRemediation(remediation: Remediation, rooms: Rooms): Finding[] {
  return [
    ...checkStepIds(remediation),
    ...checkStepContexts(remediation, rooms),
    ...checkStepRooms(remediation, rooms),
    ...checkActions(remediation, rooms),
  ];
}

/** A bundle lists each remediation once. */
export function checkBundleMembers(bundle: Bundle): Finding[] {
  const findings: Finding[] = [];
  bundle.remediations.forEach((remediation, index) => {
    const earlier = bundle.remediations.findIndex((other) => other === remediation || other.id === remediation.id);
    if (earlier < index) {
      findings.push({ path: ['remediations', index], message: `remediation '${remediation.id}' is already listed in bundle '${bundle.id}' (entry ${earlier + 1}); list each remediation once` });
    }
  });
  return findings;
}
