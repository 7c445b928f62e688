import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkWant, JOIN_WORDS, wantOf, type JoinWant } from './join-common.ts';

export { JOIN_WANTS, type JoinWant } from './join-common.ts';


/** Props of {@link joinState}. */
export interface JoinStateProps extends StepBase {
  /**
   * The join the device should have: `entra` (cloud only), `hybrid` (Entra and domain), or `any-entra`
   * (either; the default, since a fleet often mixes both and OneDrive works with both).
   * @default "any-entra"
   */
  readonly want?: JoinWant;
  /**
   * In a user-context package, also require a primary refresh token (`AzureAdPrt : YES`). dsregcmd shows the
   * user's SSO state only when run as the user, so a system-context package never checks it.
   * @default true
   */
  readonly prt?: boolean;
}

/** A probe: the device's Entra join state from `dsregcmd /status`. Never changes anything. */
export interface JoinStateStep extends JoinStateProps {
  readonly kind: 'joinState';
}

/**
 * A probe of the Entra join: `dsregcmd /status` read by its untranslated name tokens (AzureAdJoined,
 * DomainJoined, WorkplaceJoined, DeviceAuthStatus, AzureAdPrt).
 * @example
 * joinState({ id: 'entra-joined', want: 'hybrid' })
 */
export function joinState(props: JoinStateProps): JoinStateStep {
  return Object.freeze({ kind: 'joinState', ...props });
}

export const joinStateRoom: StepRoom<JoinStateStep> = {
  kind: 'joinState',
  category: 'probe',
  script: 'identity/join-state.ps1',
  functions: { test: 'Test-RgJoinState' },
  runtime: ['join.ps1'],
  // The join can be read as SYSTEM or as the user; the PRT only as the user (3.1), decided at run time.
  contextOf: () => 'any',
  check(step, issue) {
    checkWant(step.want, issue);
  },
  toData: (step) => ({ Want: wantOf(step), Prt: step.prt ?? true }),
  title: (step) => `Device is ${JOIN_WORDS[wantOf(step)]}`,
  explain: (step) => ({
    detects: `dsregcmd /status shows the device ${JOIN_WORDS[wantOf(step)]} with DeviceAuthStatus SUCCESS${step.prt ?? true ? ', and in a user-context package a primary refresh token (AzureAdPrt YES)' : ''}; an output it cannot read fails the check instead of counting as not joined`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
