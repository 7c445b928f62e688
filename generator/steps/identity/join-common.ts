/**
 * What the join rooms (joinState, joinRepair) share: the joins a device can be asked to have. Rooms share
 * helpers through modules of their own, never through each other.
 */

/**
 * The join a device should have (docs/reference/intune-configmgr.md 3.1, the join matrix):
 * - `entra`: Entra joined, not domain joined (cloud only).
 * - `hybrid`: Entra hybrid joined (AzureAdJoined and DomainJoined both YES).
 * - `any-entra`: Entra joined either way; OneDrive's silent sign-in needs the device in Entra, cloud or hybrid.
 */
export type JoinWant = 'entra' | 'hybrid' | 'any-entra';

export const JOIN_WANTS: readonly JoinWant[] = ['entra', 'hybrid', 'any-entra'];

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
