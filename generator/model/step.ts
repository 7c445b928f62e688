/**
 * Where a package runs on the device.
 * - `system`: NT AUTHORITY\SYSTEM (HKLM, SCHANNEL, w32tm, dsregcmd join operations).
 * - `user`: the signed-in user (HKCU, cmdkey, OneDrive reset). Intune runs user-context scripts
 *   only on Entra joined or hybrid joined devices.
 */
export type Context = 'system' | 'user';

/**
 * What every step has, whatever its kind. Step kinds live in their own rooms under
 * `generator/steps/`; the union of all kinds is `Step` in `generator/steps/index.ts`.
 */
export interface StepBase {
  /**
   * Identifier of the step, unique within its remediation; used in the log and the summary line.
   * @pattern ^[a-z][a-z0-9]*(-[a-z0-9]+)*$
   * @maxLength 64
   * @example "schannel-tls12-client-enabled"
   */
  readonly id: string;
  /**
   * The step in plain words, for the summary line, the log and `remgen explain`.
   * @default a sentence derived from the step's data
   * @maxLength 200
   * @example "SCHANNEL TLS 1.2 client protocol enabled"
   */
  readonly title?: string;
}

/**
 * The three kinds of step (see ARCHITECTURE.md):
 * - `setting`: desired state, cheap and safe to re-apply; detection fails when any setting is off.
 * - `probe`: read-only facts that feed the summary and gate actions.
 * - `action`: a disruptive one-shot, run only when its gate says the symptom is present, at most once
 *   per cooldown.
 */
export type StepCategory = 'setting' | 'probe' | 'action';

/** When an action may run; every action kind extends this. */
export interface ActionGate {
  /**
   * Ids of probes in the same remediation; the action runs only when all of them report the symptom.
   * @minItems 1
   */
  readonly probes: readonly string[];
}

/** What every action kind carries on top of {@link StepBase}. */
export interface ActionStepBase extends StepBase {
  /**
   * When the action runs. `{ probes: [...] }`: only while those probes report the symptom. `'always'`: the
   * action is the whole point (clear a cache, reset a setting the user keeps changing): it is due whenever its
   * cooldown has passed and its own test finds something to do, with no probe; detection reports it as due,
   * and as compliant while it ran within its cooldown.
   */
  readonly gate: ActionGate | 'always';
  /**
   * Least time between two runs of the action on one device, as an ISO 8601 duration
   * (hours or days), remembered on the device.
   * @pattern ^P(\d+D)?(T\d+H)?$
   * @example "P1D"
   */
  readonly cooldown: string;
}

/** The gate in words, for explanations: "while clock-in-sync reports the symptom". */
export function gateWords(gate: ActionGate | 'always'): string {
  if (gate === 'always') return 'whenever its cooldown has passed (no probe: the action is the point)';
  const probes = gate.probes;
  return `while ${probes.join(', ')} ${probes.length === 1 ? 'reports' : 'all report'} the symptom`;
}

const ISO_DURATION = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/;

/** Seconds in an ISO 8601 duration of weeks, days, hours, minutes and seconds; undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return weeks! * 7 * 86400 + days! * 86400 + hours! * 3600 + minutes! * 60 + seconds!;
}

/** An ISO 8601 duration in words: `PT6H` is "6 hours", `P1DT12H` "1 day 12 hours"; the text itself when it is not one. */
export function durationWords(text: string): string {
  const total = durationSeconds(text);
  if (total === undefined) return text;
  const units: [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  let left = total;
  const words: string[] = [];
  for (const [size, name] of units) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0) words.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return words.length > 0 ? words.join(' ') : '0 seconds';
}
