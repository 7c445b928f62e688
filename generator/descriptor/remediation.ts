import type { Step } from '../steps/index.ts';

import type { Context } from '../model/step.ts';

export type { Context };

/**
 * A host the package is compiled for:
 * - `intune`: Intune Remediations (detection and remediation scripts, Graph body).
 * - `configmgr`: Configuration Manager (configuration item discovery and remediation scripts with their
 *   import script, and a program-mode script for packages and task sequences).
 * - `module`: a signed PowerShell module with Test-<Name> and Repair-<Name> for manual admin runs.
 */
export type TargetName = 'intune' | 'configmgr' | 'module';

/** Every target, in the order builds list them. */
export const TARGET_NAMES: readonly TargetName[] = ['intune', 'configmgr', 'module'];

/** The targets a descriptor compiles for when it names none: all of them. */
export const DEFAULT_TARGETS: readonly TargetName[] = TARGET_NAMES;

/** A remediation: one package of steps that share a context. */
export interface RemediationProps {
  /**
   * Stable identifier: lower-case ASCII letters, digits and single hyphens. It names the output
   * folder, the log file and the cooldown store, so changing it resets device-side state.
   * @pattern ^[a-z][a-z0-9]*(-[a-z0-9]+)*$
   * @maxLength 48
   * @example "onedrive-tls"
   */
  readonly id: string;
  /**
   * Name shown in the Intune portal.
   * @minLength 1
   * @maxLength 200
   * @example "OneDrive 0x8004de40: TLS 1.2 (device)"
   */
  readonly displayName: string;
  /**
   * What the package fixes and why, in plain words for the admin who assigns it.
   * @minLength 1
   * @maxLength 1500
   */
  readonly description: string;
  /**
   * Publisher shown in the Intune portal.
   * @minLength 1
   * @maxLength 200
   * @example "Contoso Endpoint Team"
   */
  readonly publisher: string;
  /**
   * Account the scripts run as; every step must be able to run there.
   * @example "system"
   */
  readonly context: Context;
  /**
   * Hosts to compile for: Intune Remediations, Configuration Manager, and a module for manual runs.
   * @default ["intune", "configmgr", "module"]
   * @minItems 1
   */
  readonly targets?: readonly TargetName[];
  /**
   * Steps, tested and applied in this order.
   * @minItems 1
   */
  readonly steps: readonly Step[];
  /**
   * Largest size of the device-side log before it is rolled over to `<id>.lo_`, in KiB.
   * @default 1024
   * @minimum 16
   * @maximum 65536
   */
  readonly logMaxKiB?: number;
  /**
   * Version of the package: the PowerShell module's `ModuleVersion` (the module target), so an admin
   * can tell which build of the fix a device has. Major.minor.build or major.minor.build.revision,
   * each a whole number; raise it when the steps change.
   * @default "1.0.0"
   * @pattern ^(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8})){2,3}$
   * @example "1.2.0"
   */
  readonly version?: string;
}

/** A remediation as the compiler sees it: the props, with the `remediation` tag. */
export interface Remediation extends RemediationProps {
  readonly type: 'remediation';
}

/** A group of remediations that fix one problem together, usually its system and its user part. */
export interface BundleProps {
  /**
   * Stable identifier of the bundle, same rules as a remediation id.
   * @pattern ^[a-z][a-z0-9]*(-[a-z0-9]+)*$
   * @maxLength 48
   * @example "onedrive-0x8004de40"
   */
  readonly id: string;
  /**
   * Name of the fix as a whole.
   * @minLength 1
   * @maxLength 200
   */
  readonly displayName: string;
  /**
   * What the fix as a whole does.
   * @minLength 1
   * @maxLength 1500
   */
  readonly description: string;
  /**
   * The packages of the fix.
   * @minItems 1
   */
  readonly remediations: readonly Remediation[];
}

export interface Bundle extends BundleProps {
  readonly type: 'bundle';
}

/**
 * Declares a remediation. Export it (default or named) from a file in `remediations/`.
 * @example
 * export default defineRemediation({
 *   id: 'onedrive-tls',
 *   displayName: 'OneDrive 0x8004de40: TLS 1.2 (device)',
 *   description: 'Turns on TLS 1.2 for SCHANNEL, WinHTTP and .NET.',
 *   publisher: 'Contoso Endpoint Team',
 *   context: 'system',
 *   steps: [registryValue({ id: 'schannel-tls12-client-enabled', path: 'HKLM:\\SYSTEM\\...', name: 'Enabled', type: 'DWord', value: 1 })],
 * });
 */
export function defineRemediation(props: RemediationProps): Remediation {
  return Object.freeze({ type: 'remediation', ...props });
}

/** Declares a bundle of remediations that belong to one fix. */
export function defineBundle(props: BundleProps): Bundle {
  return Object.freeze({ type: 'bundle', ...props });
}

/**
 * The type the JSON Schema is generated from: everything a descriptor file may export.
 * @discriminator type
 */
export type Descriptor = Remediation | Bundle;
