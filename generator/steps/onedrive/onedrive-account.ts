import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { BUSINESS1_SUBKEY, LOCATION_WORDS, ONEDRIVE_LOCATIONS } from './onedrive-common.ts';

/** Props of {@link oneDriveAccount}. */
export interface OneDriveAccountProps extends StepBase {
  /**
   * The Entra tenant the account must be signed in to, as a GUID (the Tenant ID of the Entra admin center's
   * overview); compared case-insensitively with `ConfiguredTenantId`. Leave it out to accept any tenant.
   * @example "8a6c1f2e-1b2c-4d3e-9f00-1234567890ab"
   */
  readonly tenantId?: string;
}

/**
 * A probe (user context): whether OneDrive's work or school account is signed in for the user. OneDrive.exe is
 * looked for in its three locations; then `HKCU\Software\Microsoft\OneDrive\Accounts\Business1` must have a
 * `UserEmail` (and, with `tenantId`, that `ConfiguredTenantId`). OneDrive not installed is compliant: the
 * sign-in error cannot occur, so nothing gated by this probe is needed. Never changes anything.
 */
export interface OneDriveAccountStep extends OneDriveAccountProps {
  readonly kind: 'oneDriveAccount';
}

/**
 * A probe of the OneDrive work or school sign-in (the 0x8004de40 symptom: the sign-in never completes).
 * @example
 * oneDriveAccount({ id: 'onedrive-signed-in', tenantId: '8a6c1f2e-1b2c-4d3e-9f00-1234567890ab' })
 */
export function oneDriveAccount(props: OneDriveAccountProps): OneDriveAccountStep {
  return Object.freeze({ kind: 'oneDriveAccount', ...props });
}

const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const oneDriveAccountRoom: StepRoom<OneDriveAccountStep> = {
  kind: 'oneDriveAccount',
  category: 'probe',
  script: 'onedrive/onedrive-account.ps1',
  functions: { test: 'Test-RgOneDriveAccount' },
  runtime: ['onedrive.ps1', 'registry.ps1'],
  // HKCU and %LOCALAPPDATA% are the user's own; as SYSTEM they would be SYSTEM's (reference 3.4).
  contextOf: () => 'user',
  check(step, issue) {
    const tenant = step.tenantId;
    if (tenant !== undefined && (typeof tenant !== 'string' || !GUID.test(tenant))) {
      issue(['tenantId'], `tenantId ${JSON.stringify(tenant)} is not a GUID: write the tenant's ID as 8-4-4-4-12 hexadecimal digits, e.g. '8a6c1f2e-1b2c-4d3e-9f00-1234567890ab' (a domain name such as contoso.com is not what OneDrive records)`);
    }
  },
  toData: (step) => ({ Locations: [...ONEDRIVE_LOCATIONS], SubKey: BUSINESS1_SUBKEY, TenantId: step.tenantId ?? '' }),
  title: (step) => (step.tenantId ? `OneDrive work or school account signed in to tenant ${step.tenantId}` : 'OneDrive work or school account signed in'),
  explain: (step) => ({
    detects: `where OneDrive.exe is installed (${LOCATION_WORDS}), its work or school account is signed in: HKCU\\${BUSINESS1_SUBKEY} has a UserEmail${step.tenantId ? ` and its ConfiguredTenantId is ${step.tenantId}` : ''} (none means the sign-in never completed); OneDrive not installed passes (the error cannot occur)`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
