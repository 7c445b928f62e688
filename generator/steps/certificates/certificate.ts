import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { certificateContext, checkCertificateMatch, matchData, matchWords, type CertificateMatch } from './certificate-common.ts';

/** Props of {@link certificate}. */
export interface CertificateProps extends StepBase, CertificateMatch {
  /**
   * The step fails when a matching certificate expires within this many days (one already expired included).
   * @minimum 0
   * @maximum 3650
   * @example 30
   */
  readonly expiresWithinDays: number;
  /**
   * What no matching certificate means: `compliant` (nothing expires) or `nonCompliant` (the certificate the
   * device should have is missing).
   * @default "compliant"
   */
  readonly ifNone?: 'compliant' | 'nonCompliant';
}

/**
 * A probe: certificates of a store (X509Store through a seam) matched by subject, issuer, template or thumbprint;
 * fails naming each one that expires within `expiresWithinDays`. Never changes anything.
 */
export interface CertificateStep extends CertificateProps {
  readonly kind: 'certificate';
}

/**
 * Certificates that expire soon.
 * @example
 * certificate({ id: 'client-auth-valid', template: 'Contoso Workstation Authentication', expiresWithinDays: 30 })
 */
export function certificate(props: CertificateProps): CertificateStep {
  return Object.freeze({ kind: 'certificate', ...props });
}

export const certificateRoom: StepRoom<CertificateStep> = {
  kind: 'certificate',
  category: 'probe',
  script: 'certificates/certificate.ps1',
  functions: { test: 'Test-RgCertificateExpiry' },
  runtime: ['certificate.ps1'],
  // The machine's stores are readable by the signed-in user too; the user's own only as that user.
  contextOf: (step) => certificateContext(step, false),
  check(step, issue) {
    checkCertificateMatch(step, issue, 'certificate');
    const days = step.expiresWithinDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 3650) {
      issue(['expiresWithinDays'], `expiresWithinDays ${JSON.stringify(days)} must be a whole number of days from 0 (already expired) to 3650`);
    }
  },
  toData: (step) => ({ ...matchData(step), ExpiresWithinDays: step.expiresWithinDays, IfNone: step.ifNone === 'nonCompliant' ? 'NonCompliant' : 'Compliant' }),
  title: (step) => `No certificate expires within ${step.expiresWithinDays} days (${matchWords(step)})`,
  explain: (step) => ({
    detects: `none of the ${matchWords(step)} expires within ${step.expiresWithinDays} days (one already expired fails too)` +
      (step.ifNone === 'nonCompliant' ? '; a device without such a certificate fails' : '; a device without such a certificate passes'),
    changes: 'nothing: a probe only reads and reports',
  }),
};
