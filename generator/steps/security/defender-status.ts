import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';
import type { DefenderApplicability } from './defender-common.ts';

/** Props of {@link defenderStatus}. */
export interface DefenderStatusProps extends StepBase, DefenderApplicability {
  /**
   * Real-time protection must be running: Defender the active antivirus (running mode not passive) and
   * Get-MpComputerStatus `RealTimeProtectionEnabled`.
   * @default true
   */
  readonly realTimeProtection?: boolean;
  /**
   * The antivirus signatures may be at most this many days old (`AntivirusSignatureAge`). Absent: not looked at.
   * @minimum 0
   * @maximum 365
   * @example 3
   */
  readonly maxSignatureAgeDays?: number;
}

/**
 * A probe (system context): Microsoft Defender Antivirus status (Get-MpComputerStatus through a seam): real-time
 * protection on, signatures at most N days old; the summary also says the running mode and tamper protection.
 */
export interface DefenderStatusStep extends DefenderStatusProps {
  readonly kind: 'defenderStatus';
}

/**
 * Microsoft Defender Antivirus running and up to date.
 * @example
 * defenderStatus({ id: 'defender-current', maxSignatureAgeDays: 3 })
 */
export function defenderStatus(props: DefenderStatusProps): DefenderStatusStep {
  return Object.freeze({ kind: 'defenderStatus', ...props });
}

function check(step: DefenderStatusProps, issue: StepIssue): void {
  const age = step.maxSignatureAgeDays;
  if (age !== undefined && (!Number.isInteger(age) || age < 0 || age > 365)) {
    issue(['maxSignatureAgeDays'], `maxSignatureAgeDays ${JSON.stringify(age)} must be a whole number of days from 0 to 365 (signatures are normally a day old or less)`);
  }
  if (step.realTimeProtection === false && age === undefined) {
    issue([], `the defenderStatus step ${JSON.stringify(step.id)} checks nothing: keep realTimeProtection or give maxSignatureAgeDays`);
  }
}

const words = (step: DefenderStatusProps): string =>
  [step.realTimeProtection === false ? '' : 'real-time protection on', step.maxSignatureAgeDays !== undefined ? `signatures at most ${step.maxSignatureAgeDays} day(s) old` : ''].filter(Boolean).join(', ');

export const defenderStatusRoom: StepRoom<DefenderStatusStep> = {
  kind: 'defenderStatus',
  category: 'probe',
  script: 'security/defender-status.ps1',
  functions: { test: 'Test-RgDefenderStatus' },
  runtime: ['defender.ps1'],
  contextOf: () => 'system',
  check,
  toData: (step) => ({
    RealTimeProtection: step.realTimeProtection ?? true, MaxSignatureAgeDays: step.maxSignatureAgeDays ?? -1, IfNotActive: step.ifNotActive === 'notApplicable' ? 'NotApplicable' : 'NonCompliant',
  }),
  title: (step) => `Defender ${words(step)}`,
  explain: (step) => ({
    detects: `Microsoft Defender Antivirus has ${words(step)} (Get-MpComputerStatus; the running mode and tamper protection are reported too)${step.ifNotActive === 'notApplicable' ? '; a device where another antivirus is active passes' : ''}`,
    changes: 'nothing: a probe only reports (a signature update is the defenderSignatureUpdate action)',
  }),
};
