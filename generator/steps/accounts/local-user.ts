import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';
import { BUILT_IN_RIDS } from './account-common.ts';

/** Props of {@link localUser}. */
export interface LocalUserProps extends StepBase {
  /**
   * The local user's name (not a domain or Entra account); or give `rid`.
   * @maxLength 20
   * @example "kiosk"
   */
  readonly name?: string;
  /**
   * The account's RID, the last number of its SID, for built-in accounts whatever they are called: 500 the
   * built-in Administrator, 501 Guest, 503 DefaultAccount, 504 WDAGUtilityAccount; or give `name`.
   * @minimum 500
   * @example 500
   */
  readonly rid?: number;
  /**
   * Whether the account should exist. remgen removes local users; it never creates one (a password would have to
   * be in the script): `present` reports a missing user as non-compliant.
   * @default "present"
   */
  readonly state?: 'present' | 'absent';
  /** Whether the account should be enabled (it can sign in) or disabled. Absent: not looked at. */
  readonly enabled?: boolean;
}

/**
 * A setting (system context): a local user account present or absent, enabled or disabled, by name or by its
 * well-known RID (the LocalAccounts module's cmdlets through seams). Never writes a password.
 */
export interface LocalUserStep extends LocalUserProps {
  readonly kind: 'localUser';
}

/**
 * A local user account's state.
 * @example
 * localUser({ id: 'builtin-admin-off', rid: 500, enabled: false })
 */
export function localUser(props: LocalUserProps): LocalUserStep {
  return Object.freeze({ kind: 'localUser', ...props });
}

// Characters a local user name cannot hold (lusrmgr refuses them).
const BAD_NAME = /["/\\[\]:;|=,+*?<>@]/;

const label = (step: LocalUserProps): string =>
  step.rid !== undefined ? `${BUILT_IN_RIDS[step.rid] ?? `the local account with RID ${step.rid}`}${step.rid in BUILT_IN_RIDS ? ` (RID ${step.rid})` : ''}` : `the local user ${step.name ?? ''}`;

function check(step: LocalUserProps, issue: StepIssue): void {
  const given = [step.name, step.rid].filter((v) => v !== undefined);
  if (given.length !== 1) {
    issue([], `the localUser step ${JSON.stringify(step.id)} needs exactly one of name and rid (500 is the built-in Administrator)`);
    return;
  }
  if (step.name !== undefined && (typeof step.name !== 'string' || step.name.trim() === '' || BAD_NAME.test(step.name) || /^\.+$/.test(step.name))) {
    issue(['name'], `name ${JSON.stringify(step.name)} is not a local user name: no domain or Entra prefix, no " / \\ [ ] : ; | = , + * ? < > @ (for an account that is not local use localGroupMember)`);
  }
  if (step.rid !== undefined && (!Number.isInteger(step.rid) || step.rid < 500)) {
    issue(['rid'], `rid ${JSON.stringify(step.rid)} is not a local account's RID: a whole number from 500 (500 the built-in Administrator, 501 Guest)`);
  }
  if (step.enabled === true && step.rid !== undefined && [501, 503, 504].includes(step.rid)) {
    issue(['enabled'], `${BUILT_IN_RIDS[step.rid]} (RID ${step.rid}) is meant to stay disabled (Guest signs in without a password; DefaultAccount and WDAGUtilityAccount are Windows' own): use enabled: false, or leave enabled out`);
  }
  if (step.state === 'absent') {
    if (step.rid !== undefined && step.rid in BUILT_IN_RIDS) {
      issue(['state'], `${BUILT_IN_RIDS[step.rid]} (RID ${step.rid}) is built into Windows and cannot be deleted: use enabled: false instead`);
    }
    if (step.enabled !== undefined) issue(['enabled'], "an absent account is neither enabled nor disabled: leave enabled out with state 'absent'");
  }
}

export const localUserRoom: StepRoom<LocalUserStep> = {
  kind: 'localUser',
  category: 'setting',
  script: 'accounts/local-user.ps1',
  setScript: 'accounts/local-user-set.ps1',
  functions: { test: 'Test-RgLocalUser', set: 'Set-RgLocalUserState' },
  runtime: ['accounts.ps1'],
  setRuntime: ['accounts-write.ps1'],
  // Local accounts are changed by administrators only.
  contextOf: () => 'system',
  check,
  toData: (step) => ({
    UserName: step.name ?? '',
    Rid: step.rid ?? 0,
    Want: step.state === 'absent' ? 'Absent' : 'Present',
    Enabled: step.enabled === undefined ? '' : step.enabled ? 'Enabled' : 'Disabled',
  }),
  title: (step) => `${label(step)} ${step.state === 'absent' ? 'absent' : step.enabled === undefined ? 'present' : step.enabled ? 'enabled' : 'disabled'}`.replace(/^t/, 'T'),
  explain: (step) => ({
    detects: step.state === 'absent'
      ? `${label(step)} does not exist`
      : `${label(step)} exists${step.enabled === undefined ? '' : step.enabled ? ' and is enabled' : ' and is disabled'} (a device without it fails: remgen never creates accounts)`,
    changes: step.state === 'absent'
      ? 'deletes the account (Remove-LocalUser); its profile folder is left'
      : step.enabled === undefined ? 'nothing: a missing account is reported, never created (no password is ever written into a script)'
        : `${step.enabled ? 'enables' : 'disables'} the account (${step.enabled ? 'Enable' : 'Disable'}-LocalUser); never sets a password`,
  }),
};
