import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/**
 * The TLS 1.2 cipher suites of Azure Front Door, which OneDrive's 0x8004de40 fix for Windows 10 wants
 * enabled and at the top of the order (docs/reference/intune-configmgr.md 3.0, [OD-40]).
 */
export const AZURE_FRONT_DOOR_SUITES: readonly string[] = Object.freeze([
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
]);

/**
 * Where the Group Policy "SSL Cipher Suite Order" is commonly documented to keep its list, below HKLM: the
 * REG_SZ `Functions`, comma-separated. Reference 3.3 says the policy's registry location is NOT verified
 * in a primary source, so the step reads it defensively: any value there counts as "a policy order is
 * present" and is reported; a value that is no list of names is not compliant.
 */
export const CIPHER_SUITE_POLICY_KEY = 'SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
export const CIPHER_SUITE_POLICY_VALUE = 'Functions';

/** What a cipher suite name looks like, as `Get-TlsCipherSuite` lists them. */
const SUITE_NAME = /^TLS_[A-Z0-9_]+$/;

/** Props of {@link cipherSuites}. */
export interface CipherSuitesProps extends StepBase {
  /**
   * The cipher suites that must be enabled and first in the TLS cipher suite order, in this order (the
   * first is tried first), as `Get-TlsCipherSuite` names them. Default: the four Azure Front Door TLS 1.2
   * suites, `TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`,
   * `TLS_DHE_RSA_WITH_AES_256_GCM_SHA384`, `TLS_DHE_RSA_WITH_AES_128_GCM_SHA256`.
   * @default the Azure Front Door TLS 1.2 suites
   * @example ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
   */
  readonly suites?: readonly string[];
}

/**
 * A setting (system context): the TLS cipher suite order of the device (`Get-TlsCipherSuite`, the TLS
 * module of Windows 10 and later) starts with `suites`, exactly in that order; every other suite keeps
 * its place after them. The remediation enables each at positions 0, 1, ... (`Enable-TlsCipherSuite
 * -Position`) and reads the order again.
 *
 * A Group Policy "SSL Cipher Suite Order" overrides the local order (reference 3.0): when it is present
 * the step tests the policy's list instead, and the remediation writes nothing locally (it would not
 * apply) and fails, telling the admin to change the policy. Before Windows 10 (no `Get-TlsCipherSuite`)
 * the step fails with that reason and nothing is written. The new order is marked restart-required:
 * processes that hold TLS credential handles keep the old one until they restart (reference 3.3; the
 * cmdlet's own documentation says no restart is needed for new handles).
 */
export interface CipherSuitesStep extends CipherSuitesProps {
  readonly kind: 'cipherSuites';
}

/**
 * TLS cipher suites enabled and first in the order (default: the Azure Front Door TLS 1.2 suites).
 * @example
 * cipherSuites({ id: 'afd-cipher-suites' })
 */
export function cipherSuites(props: CipherSuitesProps): CipherSuitesStep {
  return Object.freeze({ kind: 'cipherSuites', ...props });
}

const suitesOf = (step: CipherSuitesProps): readonly string[] => step.suites ?? AZURE_FRONT_DOOR_SUITES;

const wanted = (step: CipherSuitesProps): string => {
  const suites = suitesOf(step);
  return `${suites.join(', ')} enabled and first in the cipher suite order${suites.length > 1 ? ', in this order' : ''}`;
};

export const cipherSuitesRoom: StepRoom<CipherSuitesStep> = {
  kind: 'cipherSuites',
  category: 'setting',
  script: 'tls/cipher-suites.ps1',
  setScript: 'tls/cipher-suites-set.ps1',
  functions: { test: 'Test-RgCipherSuites', set: 'Set-RgCipherSuites' },
  // tls.ps1: Get-RgTlsCipherSuite; tls-write.ps1: Enable-RgTlsCipherSuite (the TLS module's cmdlets).
  runtime: ['registry.ps1', 'tls.ps1'],
  setRuntime: ['tls-write.ps1'],
  // The cipher suite order is the machine's; Enable-TlsCipherSuite needs an administrator (SYSTEM).
  contextOf: () => 'system',
  check(step, issue) {
    const suites = step.suites;
    if (suites === undefined) return;
    if (suites.length === 0) {
      issue(['suites'], 'suites is empty: list at least one cipher suite, such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, or leave suites out for the Azure Front Door TLS 1.2 suites');
      return;
    }
    const seen = new Map<string, number>();
    suites.forEach((name, index) => {
      if (typeof name !== 'string' || !SUITE_NAME.test(name)) {
        issue(['suites', index], `suites[${index}] ${JSON.stringify(name)} is not a TLS cipher suite name: write it as Get-TlsCipherSuite lists it, such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (TLS_, then capitals, digits and _)`);
        return;
      }
      const first = seen.get(name);
      if (first !== undefined) issue(['suites', index], `suites[${index}] ${name} is listed twice (first as suites[${first}]): a suite has one place in the order`);
      else seen.set(name, index);
    });
  },
  toData: (step) => ({
    Suites: [...suitesOf(step)],
    PolicySubKey: CIPHER_SUITE_POLICY_KEY,
    PolicyName: CIPHER_SUITE_POLICY_VALUE,
    Wanted: wanted(step),
    // Processes holding TLS credential handles use the new order only once restarted (reference 3.3).
    RestartRequired: true,
  }),
  title: (step) => (step.suites ? `TLS cipher suites ${suitesOf(step).join(', ')} first in the order` : 'Azure Front Door TLS 1.2 cipher suites first in the order'),
  explain: (step) => ({
    detects: `Get-TlsCipherSuite lists ${wanted(step)}; a Group Policy SSL Cipher Suite Order (HKLM\\${CIPHER_SUITE_POLICY_KEY} ${CIPHER_SUITE_POLICY_VALUE}) overrides the local order and is tested instead`,
    changes: `enables each suite at its position with Enable-TlsCipherSuite -Position (0 first), keeping the other suites after them; takes effect after a restart; when the Group Policy order applies, or before Windows 10 (no TLS module), changes nothing and fails saying why`,
  }),
};
