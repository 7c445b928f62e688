import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** The Microsoft 365 sign-in names OneDrive needs to resolve (docs/reference/intune-configmgr.md 3.6). */
export const DEFAULT_DNS_NAMES: readonly string[] = ['login.microsoftonline.com', 'login.windows.net', 'enterpriseregistration.windows.net'];

const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Props of {@link dnsFlush}. */
export interface DnsFlushProps extends ActionStepBase {
  /**
   * Names that must resolve; the action flushes the DNS client cache when any does not, then resolves
   * them again to verify.
   * @default ["login.microsoftonline.com", "login.windows.net", "enterpriseregistration.windows.net"]
   * @minItems 1
   */
  readonly names?: readonly string[];
}

/**
 * An action (system): `ipconfig /flushdns` when sign-in names do not resolve (a stale negative cache entry
 * after a network change is the common cause; 3.7: harmless). Gated by a probe, at most once per cooldown,
 * verified by resolving the names again.
 */
export interface DnsFlushStep extends DnsFlushProps {
  readonly kind: 'dnsFlush';
}

/**
 * Flush the DNS client cache when sign-in names do not resolve.
 * @example
 * dnsFlush({ id: 'flush-dns', gate: { probes: ['sign-in-endpoints'] }, cooldown: 'PT4H' })
 */
export function dnsFlush(props: DnsFlushProps): DnsFlushStep {
  return Object.freeze({ kind: 'dnsFlush', ...props });
}

const namesOf = (step: DnsFlushProps): readonly string[] => step.names ?? DEFAULT_DNS_NAMES;

export const dnsFlushRoom: StepRoom<DnsFlushStep> = {
  kind: 'dnsFlush',
  category: 'action',
  script: 'network/dns-flush.ps1',
  setScript: 'network/dns-flush-set.ps1',
  functions: { test: 'Test-RgDnsResolution', set: 'Clear-RgDnsCache' },
  runtime: ['network.ps1'],
  // Flushing the DNS client cache needs an administrator (3.7).
  contextOf: () => 'system',
  check(step, issue) {
    namesOf(step).forEach((name, index) => {
      if (!HOST.test(name)) issue(['names', index], `${JSON.stringify(name)} is not a host name; write it like 'login.microsoftonline.com'`);
    });
  },
  toData: (step) => ({ Names: [...namesOf(step)] }),
  title: () => 'DNS client cache flushed when sign-in names do not resolve',
  explain: (step) => ({
    detects: `${namesOf(step).join(', ')} do not all resolve, ${gateWords(step.gate)}`,
    changes: `flushes the DNS client cache with ipconfig /flushdns (at most once per ${durationWords(step.cooldown)}), then resolves the names again to verify`,
  }),
};
