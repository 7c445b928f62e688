/**
 * The deployment language: what a file in `deployments/` exports. A deployment says which built packages
 * go to which tenant, to whom, on what schedule; `remgen publish <name>` makes the tenant match it.
 * Graph facts behind each property: docs/reference/graph-intune.md (sections named in the comments).
 */

/**
 * A Microsoft Entra group by display name (resolved at publish time; exactly one group must have it) or by
 * object id (a GUID, used as it is).
 * @minLength 1
 */
export type GroupRef = string;

/** Once, on a date at a time (graph-intune 2, `deviceHealthScriptRunOnceSchedule`). */
export interface OnceSchedule {
  readonly every: 'once';
  /**
   * The day, `YYYY-MM-DD`.
   * @pattern ^\d{4}-\d{2}-\d{2}$
   * @examples ["2026-12-24"]
   */
  readonly date: string;
  /**
   * The time of day, `HH:MM`.
   * @pattern ^\d{2}:\d{2}$
   * @examples ["01:00"]
   */
  readonly time: string;
  /** The time is UTC; otherwise the device's local time (the default). */
  readonly utc?: boolean;
}

/** Every N hours (`deviceHealthScriptHourlySchedule`). */
export interface HourlySchedule {
  readonly every: 'hours';
  /**
   * Hours between runs, 1 to 23 (Graph's range; for a day or more use `every: 'days'`).
   * @asType integer
   */
  readonly interval: number;
}

/** Every N days at a time (`deviceHealthScriptDailySchedule`). */
export interface DailySchedule {
  readonly every: 'days';
  /**
   * Days between runs, at least 1.
   * @asType integer
   */
  readonly interval: number;
  /**
   * The time of day, `HH:MM`.
   * @pattern ^\d{2}:\d{2}$
   * @examples ["01:00"]
   */
  readonly time: string;
  /** The time is UTC; otherwise the device's local time (the default). */
  readonly utc?: boolean;
}

/** @discriminator every */
export type Schedule = OnceSchedule | HourlySchedule | DailySchedule;

/**
 * An Intune assignment filter (Tenant administration > Filters in the portal), by id or by display name:
 * exactly one of the two. A name is resolved at publish time (graph-intune 2: exactly one Windows device
 * filter must have it; reading filters needs DeviceManagementConfiguration.Read.All).
 */
export interface AssignmentFilter {
  /**
   * The filter's id (a GUID).
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  readonly id?: string;
  /**
   * The filter's display name, as the portal shows it.
   * @minLength 1
   * @examples ["Windows 11 devices"]
   */
  readonly name?: string;
  /** `include`: run only on devices the filter matches; `exclude`: everywhere but those. */
  readonly mode: 'include' | 'exclude';
}

/** One included target of a package: a group (or all devices, all users) with its schedule. */
export interface Assignment {
  /** A group name or id, or `allDevices` / `allUsers` (Intune's built-in targets). */
  readonly group: GroupRef;
  readonly schedule: Schedule;
  readonly filter?: AssignmentFilter;
  /** Run the remediation script when detection finds the issue (default true; false in a detectOnly package). */
  readonly runRemediation?: boolean;
}

/** One built package in the deployment. */
export interface PackageDeployment {
  /**
   * The remediation id (its package folder under out/intune/).
   * @minLength 1
   */
  readonly package: string;
  /** The groups it runs for; empty or absent: uploaded but not assigned. */
  readonly assign?: readonly Assignment[];
  /** Groups excluded from every assignment of the package (no schedule). */
  readonly exclude?: readonly GroupRef[];
  /** Detection only: no assignment may set `runRemediation: true`, and each defaults to false. */
  readonly detectOnly?: boolean;
  /** Scope tag ids for this package (default: the deployment's, else `["0"]`, the Default tag). */
  readonly scopeTags?: readonly string[];
  /** Overrides the deployment's `enforceSignatureCheck`. */
  readonly enforceSignatureCheck?: boolean;
}

/** A private cloud's pair of endpoints (the tests use it for a local Graph). */
export interface CustomCloud {
  /**
   * Graph's base URL without the version, e.g. `https://graph.microsoft.com`.
   * @pattern ^https://
   */
  readonly graphEndpoint: string;
  /**
   * The Entra authority host, e.g. `https://login.microsoftonline.com`.
   * @pattern ^https://
   */
  readonly authorityHost: string;
}

export type CloudName = 'global' | 'usgov' | 'usgov-dod' | 'china';

export interface DeploymentProps {
  /**
   * The deployment's name: part of the ownership marker remgen writes into each script's description.
   * @pattern ^[a-z][a-z0-9]*(-[a-z0-9]+)*$
   * @examples ["contoso-test"]
   */
  readonly id: string;
  /**
   * The tenant: its id (GUID) or a verified domain (`contoso.onmicrosoft.com`).
   * @minLength 1
   */
  readonly tenant: string;
  /** The national cloud (default `global`); `--cloud` overrides it. */
  readonly cloud?: CloudName;
  /** A private cloud's endpoints; wins over `cloud`. */
  readonly customCloud?: CustomCloud;
  /** The app registration's client id for device-code sign-in (default: the AZURE_CLIENT_ID environment variable). */
  readonly clientId?: string;
  /** Intune's "Enforce script signature check" (default true: devices verify the Authenticode signature). */
  readonly enforceSignatureCheck?: boolean;
  /**
   * Publish a build signed with the development certificate (default false: devices do not trust it
   * unless its trust script has run on them). Only for a test tenant.
   */
  readonly allowDevelopmentCertificate?: boolean;
  /** Scope tag ids for every package (default `["0"]`). */
  readonly scopeTags?: readonly string[];
  /** The packages, each once. */
  readonly packages: readonly PackageDeployment[];
}

export interface Deployment extends DeploymentProps {
  readonly type: 'deployment';
}

/**
 * Declares a deployment. Export it from `deployments/<name>.ts`.
 * @example
 * export default defineDeployment({
 *   id: 'contoso-test', tenant: 'contoso-test.onmicrosoft.com',
 *   packages: [{ package: 'tls', assign: [{ group: 'Pilot devices', schedule: { every: 'days', interval: 1, time: '01:00' } }] }],
 * });
 */
export function defineDeployment(props: DeploymentProps): Deployment {
  return Object.freeze({ type: 'deployment', ...props });
}

/** Intune's built-in targets as `group` spells them. */
export const BUILT_IN_TARGETS = ['allDevices', 'allUsers'] as const;
