/** What the installed-app rooms share: which uninstall entries an app is, and the rules for it. Defines no room. */
import type { StepIssue } from '../room.ts';

/** Which entries of Add/Remove Programs (the Uninstall registry keys) are the app. */
export interface AppMatch {
  /**
   * The app's DisplayName, exactly (case-insensitive), or with `*` and `?` wildcards, e.g. `7-Zip*`.
   * @maxLength 260
   * @example "Contoso Agent"
   */
  readonly displayName: string;
  /** Its Publisher, exactly or with wildcards; absent: any publisher. @example "Contoso Ltd." */
  readonly publisher?: string;
  /**
   * Where its uninstall entry is: `machine` (HKLM, both the 64-bit and the 32-bit registry view; system
   * context) or `user` (HKCU of the signed-in user; user context).
   * @default "machine"
   */
  readonly scope?: 'machine' | 'user';
  /**
   * Only entries whose DisplayVersion is below this version count (compared as versions: 10.2 is above 9.8),
   * e.g. to find or remove builds older than the supported one. An entry whose version cannot be read as a
   * version is not below it.
   * @pattern ^\d+(\.\d+){0,3}$
   * @example "23.1"
   */
  readonly belowVersion?: string;
}

export const VERSION = /^\d+(\.\d+){0,3}$/;
const ONLY_WILDCARDS = /^[*?\s]*$/;

export function checkAppMatch(step: AppMatch, issue: StepIssue): void {
  if (typeof step.displayName !== 'string' || ONLY_WILDCARDS.test(step.displayName)) {
    issue(['displayName'], `display name ${JSON.stringify(step.displayName)} matches every installed app: name the app, e.g. 'Contoso Agent' or 'Contoso Agent*'`);
  }
  if (step.publisher !== undefined && ONLY_WILDCARDS.test(step.publisher)) {
    issue(['publisher'], `publisher ${JSON.stringify(step.publisher)} matches every publisher: leave publisher out instead`);
  }
  checkVersion(step.belowVersion, ['belowVersion'], issue);
}

export function checkVersion(version: string | undefined, path: readonly string[], issue: StepIssue): void {
  if (version !== undefined && !VERSION.test(version)) {
    issue(path, `${path.join('.')} ${JSON.stringify(version)} is not a version: write one to four numbers with dots, e.g. '23.1' or '10.0.19045.1'`);
  }
}

export const appMatchData = (step: AppMatch): { DisplayName: string; Publisher: string; Scope: string; BelowVersion: string } => ({
  DisplayName: step.displayName, Publisher: step.publisher ?? '', Scope: step.scope === 'user' ? 'User' : 'Machine', BelowVersion: step.belowVersion ?? '',
});

export const appContext = (step: AppMatch): 'system' | 'user' => (step.scope === 'user' ? 'user' : 'system');

export const appWords = (step: AppMatch): string =>
  `${/[*?]/.test(step.displayName) ? 'an app named like' : 'the app'} '${step.displayName}'${step.publisher ? ` from ${step.publisher}` : ''}${step.belowVersion ? ` below version ${step.belowVersion}` : ''} (${step.scope === 'user' ? "the user's uninstall entries" : 'the machine uninstall entries, 64- and 32-bit'})`;
