import type { StepBase } from '../model/step.ts';
import type { StepRoom } from './room.ts';

/**
 * The join a device should have (../shared/reference/intune-configmgr.md 3.1, the join matrix):
 * - `entra`: Entra joined, not domain joined (cloud only).
 * - `hybrid`: Entra hybrid joined (AzureAdJoined and DomainJoined both YES).
 * - `any-entra`: Entra joined either way; OneDrive's silent sign-in needs the device in Entra, cloud or hybrid.
 */
export type JoinWant = 'entra' | 'hybrid' | 'any-entra';

export const JOIN_WANTS: readonly JoinWant[] = ['entra', 'hybrid', 'any-entra'];

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

export const wantOf = (step: { readonly want?: JoinWant }): JoinWant => step.want ?? 'any-entra';

export const JOIN_WORDS: Readonly<Record<JoinWant, string>> = {
  entra: 'Entra joined (not domain joined)',
  hybrid: 'hybrid joined',
  'any-entra': 'Entra joined or hybrid joined',
};

export function checkWant(want: unknown, issue: (path: readonly (string | number)[], message: string) => void): void {
  if (want !== undefined && !JOIN_WANTS.includes(want as JoinWant)) {
    issue(['want'], `want ${JSON.stringify(want)} is not a join: use ${JOIN_WANTS.map((w) => `'${w}'`).join(', ')}`);
  }
}

export const joinStateRoom: StepRoom<JoinStateStep> = {
  kind: 'joinState',
  category: 'probe',
  script: 'join-state.ps1',
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
