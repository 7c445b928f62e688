import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/**
 * Credential Manager targets OneDrive and Office sign-in cache (docs/reference/intune-configmgr.md 3.2):
 * OneDrive's own entries and the Office ADAL token entries (`MicrosoftOffice15_Data:ADAL:...`,
 * `MicrosoftOffice16_Data:ADAL:...`).
 */
export const DEFAULT_CREDENTIAL_PATTERNS: readonly string[] = ['OneDrive Cached Credential*', 'MicrosoftOffice1?_Data:ADAL:*'];

/** Props of {@link cachedCredentials}. */
export interface CachedCredentialsProps extends ActionStepBase {
  /**
   * Credential Manager target names to delete, as PowerShell wildcard patterns (`*`, `?`, `[56]`), matched
   * case-insensitively against the name after `target=` in `cmdkey /list` (that token is not translated,
   * so a German or French Windows matches too).
   * @default ["OneDrive Cached Credential*", "MicrosoftOffice1?_Data:ADAL:*"]
   * @minItems 1
   */
  readonly patterns?: readonly string[];
}

/**
 * An action (user context): deletes the signed-in user's cached OneDrive and Office credentials with
 * `cmdkey /delete`, so the next sign-in starts clean. Runs only when its gate probes report the symptom,
 * at most once per cooldown; verified by listing the credentials again.
 */
export interface CachedCredentialsStep extends CachedCredentialsProps {
  readonly kind: 'cachedCredentials';
}

/**
 * Clear stale cached credentials.
 * @example
 * cachedCredentials({ id: 'clear-credentials', gate: { probes: ['sign-in-endpoints'] }, cooldown: 'P1D' })
 */
export function cachedCredentials(props: CachedCredentialsProps): CachedCredentialsStep {
  return Object.freeze({ kind: 'cachedCredentials', ...props });
}

const patternsOf = (step: CachedCredentialsProps): readonly string[] => step.patterns ?? DEFAULT_CREDENTIAL_PATTERNS;

export const cachedCredentialsRoom: StepRoom<CachedCredentialsStep> = {
  kind: 'cachedCredentials',
  category: 'action',
  script: 'identity/cached-credentials.ps1',
  setScript: 'identity/cached-credentials-set.ps1',
  functions: { test: 'Test-RgCachedCredential', set: 'Remove-RgCachedCredential' },
  runtime: [],
  // Credential Manager is per user: cmdkey sees only the entries of the account it runs as (3.2).
  contextOf: () => 'user',
  check(step, issue) {
    const patterns = patternsOf(step);
    patterns.forEach((pattern, index) => {
      if (pattern.trim() === '' || /^[*?]+$/.test(pattern)) {
        issue(['patterns', index], `pattern ${JSON.stringify(pattern)} would match every cached credential; name the targets, e.g. 'OneDrive Cached Credential*'`);
      }
    });
  },
  toData: (step) => ({ Patterns: [...patternsOf(step)] }),
  title: () => 'Cached OneDrive and Office credentials cleared when sign-in is broken',
  explain: (step) => ({
    detects: `Credential Manager (cmdkey /list) holds entries matching ${patternsOf(step).map((p) => `'${p}'`).join(', ')}, ${gateWords(step.gate)}`,
    changes: `deletes those entries with cmdkey /delete (at most once per ${durationWords(step.cooldown)}), then lists them again to verify`,
  }),
};
