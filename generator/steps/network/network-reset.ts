import { durationSeconds, durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link networkReset}. */
export interface NetworkResetProps extends ActionStepBase {
  /**
   * Also `netsh int ip reset` (TCP/IP settings rewritten; a static address or DNS configuration may be lost).
   * @default false
   */
  readonly ipReset?: boolean;
  /**
   * Reset even when the Winsock catalog holds providers that are not Microsoft's (a VPN's or DLP product's layered
   * provider, which the reset removes and its product must reinstall). Without it the step refuses, naming them.
   * @default false
   */
  readonly allowThirdPartyProviders?: boolean;
}

/**
 * An action (system context, opt-in): `netsh winsock reset` (and optionally `netsh int ip reset`) when its gate
 * probes report the symptom, at most once per cooldown of at least 7 days; refuses while third-party Winsock
 * providers are installed unless allowed; a restart completes it.
 */
export interface NetworkResetStep extends NetworkResetProps {
  readonly kind: 'networkReset';
}

/**
 * Reset the Winsock catalog (a last rung).
 * @example
 * networkReset({ id: 'winsock-reset', gate: { probes: ['m365-reachable'] }, cooldown: 'P14D' })
 */
export function networkReset(props: NetworkResetProps): NetworkResetStep {
  return Object.freeze({ kind: 'networkReset', ...props });
}

const WEEK_SECONDS = 7 * 86400;

export const networkResetRoom: StepRoom<NetworkResetStep> = {
  kind: 'networkReset',
  category: 'action',
  script: 'network/network-reset.ps1',
  setScript: 'network/network-reset-set.ps1',
  functions: { test: 'Test-RgNetworkReset', set: 'Reset-RgNetworkStack' },
  runtime: ['winsock.ps1'],
  // netsh winsock reset needs an administrator.
  contextOf: () => 'system',
  check(step, issue) {
    const seconds = durationSeconds(step.cooldown);
    if (seconds !== undefined && seconds < WEEK_SECONDS) {
      issue(['cooldown'], `cooldown ${JSON.stringify(step.cooldown)} is under 7 days: a network reset drops every connection and needs a restart; use 'P7D' or more`);
    }
  },
  toData: (step) => ({ IpReset: step.ipReset ?? false, AllowThirdPartyProviders: step.allowThirdPartyProviders ?? false, RestartRequired: true }),
  title: (step) => (step.ipReset ? 'Winsock catalog and TCP/IP reset when the symptom is seen' : 'Winsock catalog reset when the symptom is seen'),
  explain: (step) => ({
    detects: `the network stack needs a reset, ${gateWords(step.gate)}`,
    changes: `runs netsh winsock reset${step.ipReset ? ' and netsh int ip reset (a static address or DNS setting may be lost)' : ''} at most once per ${durationWords(step.cooldown)}` +
      (step.allowThirdPartyProviders ? ', even when a VPN or security product has its own Winsock providers (they are removed)' : ', but refuses while a VPN or security product has its own Winsock providers') +
      '; the device must restart to finish it',
  }),
};
