import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link defenderSignatureUpdate}. */
export interface DefenderSignatureUpdateProps extends ActionStepBase {
  /**
   * Where Defender fetches the signatures (`Update-MpSignature -UpdateSource`). Absent: its configured order.
   */
  readonly updateSource?: 'microsoftUpdateServer' | 'mmpc' | 'internalDefinitionUpdateServer' | 'fileShares';
}

/**
 * An action (system context): Microsoft Defender signatures updated (Update-MpSignature through a seam) when its
 * gate (typically a defenderStatus probe with maxSignatureAgeDays) reports them out of date; verified by the
 * signature age read again and the gate tested again.
 */
export interface DefenderSignatureUpdateStep extends DefenderSignatureUpdateProps {
  readonly kind: 'defenderSignatureUpdate';
}

/**
 * Update Defender's signatures.
 * @example
 * defenderSignatureUpdate({ id: 'update-signatures', gate: { probes: ['defender-current'] }, cooldown: 'PT12H' })
 */
export function defenderSignatureUpdate(props: DefenderSignatureUpdateProps): DefenderSignatureUpdateStep {
  return Object.freeze({ kind: 'defenderSignatureUpdate', ...props });
}

const SOURCES = { microsoftUpdateServer: 'MicrosoftUpdateServer', mmpc: 'MMPC', internalDefinitionUpdateServer: 'InternalDefinitionUpdateServer', fileShares: 'FileShares' } as const;

export const defenderSignatureUpdateRoom: StepRoom<DefenderSignatureUpdateStep> = {
  kind: 'defenderSignatureUpdate',
  category: 'action',
  script: 'security/defender-signature-update.ps1',
  setScript: 'security/defender-signature-update-set.ps1',
  functions: { test: 'Test-RgDefenderSignatureUpdate', set: 'Update-RgDefenderSignatureNow' },
  runtime: ['defender.ps1'],
  setRuntime: ['defender-write.ps1'],
  contextOf: () => 'system',
  check() {
    // The gate and cooldown rules are the check stage's, for every action.
  },
  toData: (step) => ({ UpdateSource: step.updateSource ? SOURCES[step.updateSource] : '' }),
  title: () => 'Defender signatures updated when out of date',
  explain: (step) => ({
    detects: `Microsoft Defender's signatures need an update, ${gateWords(step.gate)}`,
    changes: `runs Update-MpSignature${step.updateSource ? ` from ${SOURCES[step.updateSource]}` : ''} (at most once per ${durationWords(step.cooldown)}), then reads the signature date again and tests the gate again to verify`,
  }),
};
