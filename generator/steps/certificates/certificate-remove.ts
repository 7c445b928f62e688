import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { certificateContext, checkCertificateMatch, matchData, matchWords, type CertificateMatch } from './certificate-common.ts';

/** Props of {@link certificateRemove}. */
export interface CertificateRemoveProps extends ActionStepBase, CertificateMatch {}

/**
 * An action: removes the matching certificates that have already expired (never one still valid) from their store
 * when its gate probes report the symptom, at most once per cooldown; verified by reading the store again.
 */
export interface CertificateRemoveStep extends CertificateRemoveProps {
  readonly kind: 'certificateRemove';
}

/**
 * Remove expired certificates.
 * @example
 * certificateRemove({ id: 'drop-expired-vpn', subject: 'CN=Contoso VPN*', gate: { probes: ['vpn-cert-valid'] }, cooldown: 'P1D' })
 */
export function certificateRemove(props: CertificateRemoveProps): CertificateRemoveStep {
  return Object.freeze({ kind: 'certificateRemove', ...props });
}

// An expired root or intermediate may still anchor old timestamped signatures (docs/reference/device-health.md 2).
const TRUST_STORES = new Set(['root', 'authroot', 'ca', 'trustedpublisher', 'disallowed']);

export const certificateRemoveRoom: StepRoom<CertificateRemoveStep> = {
  kind: 'certificateRemove',
  category: 'action',
  script: 'certificates/certificate-remove.ps1',
  setScript: 'certificates/certificate-remove-set.ps1',
  functions: { test: 'Test-RgExpiredCertificates', set: 'Remove-RgExpiredCertificates' },
  runtime: ['certificate.ps1'],
  setRuntime: ['certificate-write.ps1'],
  // Writing the machine's stores needs an administrator: SYSTEM; the user's own stores as the user.
  contextOf: (step) => certificateContext(step, true),
  check(step, issue) {
    checkCertificateMatch(step, issue, 'certificateRemove');
    if (TRUST_STORES.has((step.storeName ?? 'My').toLowerCase()) && !step.thumbprint) {
      issue(['storeName'], `removing from the ${step.storeName} store needs a thumbprint: an expired root or intermediate may still anchor signatures timestamped while it was valid; name the one certificate to remove`);
    }
  },
  toData: (step) => matchData(step),
  title: (step) => `Expired ${matchWords(step)} removed`,
  explain: (step) => ({
    detects: `expired ${matchWords(step)}, ${gateWords(step.gate)}`,
    changes: `removes each of them that has already expired, never one still valid (at most once per ${durationWords(step.cooldown)}), then reads the store again to verify`,
  }),
};
