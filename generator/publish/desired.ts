import { createHash } from 'node:crypto';
import type { Assignment, Deployment, PackageDeployment, Schedule } from '../descriptor/deployment.ts';
import type { Remediation } from '../descriptor/remediation.ts';

/**
 * What the tenant should hold for one package: the script's fields, its content (the signed bytes from
 * out/) and its assignments, before group names are resolved. docs/reference/graph-intune.md 1 and 2.
 */

/** The marker remgen writes at the end of `description`: which deployment owns the script, for which package. */
export const marker = (deployment: string, pkg: string): string => `[remgen:${deployment}/${pkg}]`;
const MARKER = /\[remgen:([a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)\]\s*$/;
export function readMarker(description: string | null | undefined): { deployment: string; package: string } | undefined {
  const m = MARKER.exec(description ?? '');
  return m ? { deployment: m[1]!, package: m[2]! } : undefined;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface DesiredScript {
  readonly package: string;
  readonly displayName: string;
  readonly description: string;
  readonly publisher: string;
  readonly runAsAccount: 'system' | 'user';
  readonly runAs32Bit: false;
  readonly enforceSignatureCheck: boolean;
  readonly roleScopeTagIds: readonly string[];
  readonly detection: Uint8Array;
  readonly remediation: Uint8Array;
}

/** A target as the deployment names it; `group` is still a name or id. */
export interface DesiredAssignment {
  readonly kind: 'include' | 'exclude';
  readonly group: string;
  /** By id, or by display name (resolved by the plan to an id). */
  readonly filter?: { readonly id?: string; readonly name?: string; readonly mode: 'include' | 'exclude' };
  readonly runRemediation?: boolean;
  readonly schedule?: Schedule;
}

export interface DesiredPackage {
  readonly script: DesiredScript;
  readonly assignments: readonly DesiredAssignment[];
}

export function desiredPackage(deployment: Deployment, entry: PackageDeployment, remediation: Remediation, bytes: { detection: Uint8Array; remediation: Uint8Array }): DesiredPackage {
  const description = `${remediation.description.trim()}\n\nPublished by remgen; changes made here are overwritten by the next publish. ${marker(deployment.id, entry.package)}`;
  const script: DesiredScript = {
    package: entry.package,
    displayName: remediation.displayName,
    description,
    publisher: remediation.publisher,
    runAsAccount: remediation.context,
    runAs32Bit: false,
    enforceSignatureCheck: entry.enforceSignatureCheck ?? deployment.enforceSignatureCheck ?? true,
    roleScopeTagIds: [...(entry.scopeTags ?? deployment.scopeTags ?? ['0'])].sort(),
    detection: bytes.detection,
    remediation: bytes.remediation,
  };
  const include = (a: Assignment): DesiredAssignment => ({
    kind: 'include',
    group: a.group,
    ...(a.filter ? { filter: a.filter } : {}),
    runRemediation: a.runRemediation ?? entry.detectOnly !== true,
    schedule: a.schedule,
  });
  const assignments = [
    ...(entry.assign ?? []).map(include),
    ...(entry.exclude ?? []).map((group): DesiredAssignment => ({ kind: 'exclude', group })),
  ];
  return { script, assignments };
}
