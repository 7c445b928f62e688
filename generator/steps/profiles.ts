import type { PsValue } from '../render/escape.ts';
import type { StepIssue } from './room.ts';

/**
 * Whose profile a user-side step acts in (docs/reference/user-profiles.md):
 * - `signedIn` (default): the signed-in user's, as that user (user context).
 * - `all`: every user profile on the device, from SYSTEM: the ProfileList's users (not the system accounts,
 *   Default or Public), a loaded hive through HKU\<SID>, an unloaded one loaded with `reg load` and unloaded
 *   right after (a hive that cannot be loaded is reported as skipped).
 * - `allSignedOut`: as `all`, but only users who are not signed in (their hive not loaded): caches an app in use
 *   holds.
 */
export type ProfileScope = 'signedIn' | 'all' | 'allSignedOut';

/** The props the user-side rooms (file, pathCleanup, registryValue on HKCU) share. */
export interface ProfileScopeProps {
  /**
   * Whose profile: `signedIn` (the signed-in user, user context), `all` (every user profile on the device, run as
   * SYSTEM), `allSignedOut` (every profile whose user is not signed in, as SYSTEM).
   * @default "signedIn"
   */
  readonly profiles?: ProfileScope;
  /**
   * With `profiles` `all` or `allSignedOut`: also the Default profile (`C:\\Users\\Default` and its NTUSER.DAT, the
   * template new users' profiles are copied from), so users who sign in for the first time later get it too.
   * Not `HKU\\.DEFAULT`: that is LocalSystem's own hive.
   * @default false
   */
  readonly defaultProfile?: boolean;
}

export const everyProfile = (step: ProfileScopeProps): boolean => step.profiles === 'all' || step.profiles === 'allSignedOut';

/**
 * The step table data: nothing for the signed-in user (the tables stay as they were), else Profiles,
 * IncludeDefault and the names of the room's profile functions (`commands`, e.g. `{ ProfilesTest: 'Test-...' }`),
 * which the halves call by name, so only a script whose step acts in every profile carries them.
 */
export function profileData(step: ProfileScopeProps, commands: { readonly [key: string]: string }): { readonly [key: string]: PsValue } {
  if (!everyProfile(step)) return {};
  return { Profiles: step.profiles === 'all' ? 'All' : 'AllSignedOut', IncludeDefault: step.defaultProfile ?? false, ...commands };
}

/** The runtime every step in every profile needs (both halves): the profile list and a hive's loading. */
export const PROFILE_RUNTIME: readonly string[] = ['registry.ps1', 'file.ps1', 'profiles.ps1', 'profiles-hive.ps1'];

/** The rules: every profile only where the step has something in a user's profile; the Default profile only with it. */
export function checkProfiles(step: ProfileScopeProps, inProfile: boolean, where: string, issue: StepIssue): void {
  if (everyProfile(step) && !inProfile) issue(['profiles'], `profiles '${step.profiles}' applies to ${where}; this step has none: remove profiles`);
  if (step.defaultProfile && !everyProfile(step)) issue(['defaultProfile'], "defaultProfile needs profiles: 'all' (or 'allSignedOut'): the Default profile is reached from SYSTEM, with the others");
}

export function profileWords(step: ProfileScopeProps): string {
  if (!everyProfile(step)) return '';
  const who = step.profiles === 'all' ? 'in every user profile on the device' : 'in every profile whose user is not signed in';
  return ` ${who}${step.defaultProfile ? ' and the Default profile (new users)' : ''}, from SYSTEM`;
}

