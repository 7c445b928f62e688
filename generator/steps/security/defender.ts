import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';
import { givenPreferences, type DefenderApplicability, type DefenderPreferences } from './defender-common.ts';

/** Props of {@link defender}: the preferences to hold, each one optional. */
export interface DefenderProps extends StepBase, DefenderPreferences, DefenderApplicability {}

/**
 * A setting (system context): Microsoft Defender Antivirus preferences (Get-MpPreference / Set-MpPreference through
 * seams), each read again after it is set: one that did not change is an error saying tamper protection (or a
 * policy) may hold it.
 */
export interface DefenderStep extends DefenderProps {
  readonly kind: 'defender';
}

/**
 * Microsoft Defender Antivirus preferences.
 * @example
 * defender({ id: 'defender-on', realTimeMonitoring: true, puaProtection: 'enabled' })
 */
export function defender(props: DefenderProps): DefenderStep {
  return Object.freeze({ kind: 'defender', ...props });
}

function check(step: DefenderProps, issue: StepIssue): void {
  if (givenPreferences(step).length === 0) {
    issue([], `the defender step ${JSON.stringify(step.id)} says nothing to set: give at least one preference, e.g. realTimeMonitoring: true or puaProtection: 'enabled'`);
  }
  if ((step.realTimeMonitoring as unknown) === false) {
    issue(['realTimeMonitoring'], 'remgen does not turn real-time protection off (Defender steps aside by itself when another antivirus registers): leave realTimeMonitoring out, or set true');
  }
  if (step.cloudProtection === 'disabled' && step.cloudBlockLevel !== undefined && step.cloudBlockLevel !== 'default') {
    issue(['cloudBlockLevel'], `cloudBlockLevel '${step.cloudBlockLevel}' needs cloud protection: set cloudProtection 'basic' or 'advanced', or leave cloudBlockLevel out`);
  }
  if (step.cloudProtection === 'disabled' && step.blockAtFirstSeen === true) {
    issue(['blockAtFirstSeen'], "block at first sight works through cloud protection: set cloudProtection 'basic' or 'advanced', or leave blockAtFirstSeen out");
  }
}

const wantWords = (step: DefenderProps): string => givenPreferences(step).map((p) => `${p.spec.label} ${p.spec.words(p.choice)}`).join(', ');

export const defenderRoom: StepRoom<DefenderStep> = {
  kind: 'defender',
  category: 'setting',
  script: 'security/defender.ps1',
  setScript: 'security/defender-set.ps1',
  functions: { test: 'Test-RgDefenderPreference', set: 'Set-RgDefenderPreference' },
  runtime: ['defender.ps1'],
  setRuntime: ['defender-write.ps1'],
  // Defender's preferences are changed by administrators only.
  contextOf: () => 'system',
  check,
  toData: (step) => ({
    Preferences: givenPreferences(step).map((p) => ({ Name: p.spec.name, Value: p.spec.value(p.choice), Label: p.spec.label, Words: p.spec.words(p.choice) })),
    IfNotActive: step.ifNotActive === 'notApplicable' ? 'NotApplicable' : 'NonCompliant',
  }),
  title: (step) => `Defender: ${wantWords(step)}`,
  explain: (step) => ({
    detects: `Microsoft Defender Antivirus has ${wantWords(step)} (as Get-MpPreference reads them)${step.ifNotActive === 'notApplicable' ? '; a device where another antivirus is active passes' : ''}`,
    changes: 'sets each one that differs (Set-MpPreference) and reads it again: one that did not change is reported as held by tamper protection or a policy, never retried around it',
  }),
};
