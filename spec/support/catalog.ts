/**
 * The bundled catalog as the specs expect it: its packages, by hand (a package added to remediations/
 * must be added here too), and the files a build writes for them, by the layout each target documents.
 */
import { readFileSync } from 'node:fs';
import { TARGET_NAMES, type TargetName } from '../../generator/descriptor/remediation.ts';
import type { Expectations } from '../../generator/model/expectation.ts';

/** The recorded expectations: which bundled profiles each Intune package's Pester suite carries. */
const EXPECTED = JSON.parse(readFileSync(new URL('../../remediations/profiles/expected.json', import.meta.url), 'utf8')) as Expectations;

/** The Intune package's Pester suite files (all signed): suite, harness, device profiles, package data. */
export function suiteFiles(id: string, name: string): [string, boolean][] {
  const profiles = Object.keys(EXPECTED[id] ?? {});
  if (profiles.length === 0) return [];
  return [[`tests/${name}.Tests.ps1`, true], ['tests/Invoke-RgSimulation.ps1', true], ['tests/devices.psd1', true], ['tests/package.psd1', true]];
}

/** Every package of remediations/: id, PowerShell name, descriptor file, bundle. */
export const BUNDLED_PACKAGES: readonly { readonly id: string; readonly name: string; readonly file: string; readonly bundle?: string }[] = [
  { id: 'cached-credentials', name: 'CachedCredentials', file: 'cached-credentials.ts' },
  { id: 'clock', name: 'Clock', file: 'clock.ts' },
  { id: 'dns', name: 'Dns', file: 'dns.ts' },
  { id: 'hybrid-join', name: 'HybridJoin', file: 'hybrid-join.ts' },
  { id: 'm365-endpoints', name: 'M365Endpoints', file: 'm365-endpoints.ts' },
  { id: 'onedrive-0x8004de40-device', name: 'Onedrive0x8004de40Device', file: 'onedrive-0x8004de40.ts', bundle: 'onedrive-0x8004de40' },
  { id: 'onedrive-0x8004de40-user', name: 'Onedrive0x8004de40User', file: 'onedrive-0x8004de40.ts', bundle: 'onedrive-0x8004de40' },
  { id: 'onedrive-reset', name: 'OnedriveReset', file: 'onedrive-reset.ts' },
  { id: 'tls', name: 'Tls', file: 'tls.ts' },
  { id: 'tls-inspection', name: 'TlsInspection', file: 'tls-inspection.ts' },
  { id: 'tls-inspection-user', name: 'TlsInspectionUser', file: 'tls-inspection-user.ts' },
  { id: 'tls-modern', name: 'TlsModern', file: 'tls-modern.ts' },
  { id: 'wininet-tls', name: 'WininetTls', file: 'wininet-tls.ts' },
];

/** The files of one package for one target, signed ones marked. */
export function packageFiles(target: TargetName, id: string, name: string): { readonly path: string; readonly signed: boolean }[] {
  const files: Record<TargetName, [string, boolean][]> = {
    configmgr: [[`Import-${name}.ps1`, true], [`Invoke-${name}.ps1`, true], ['README.md', false], ['discovery.ps1', true], ['remediation.ps1', true]],
    intune: [['README.md', false], ['detect.ps1', true], ['deviceHealthScript.json', false], ['remediate.ps1', true], ...suiteFiles(id, name)],
    module: [['README.md', false], [`${name}/${name}.psd1`, true], [`${name}/${name}.psm1`, true]],
  };
  return files[target].map(([file, signed]) => ({ path: `${target}/${id}/${file}`, signed }));
}

/** Every file a default build of the bundled catalog writes, sorted as the manifest lists them. */
export const BUNDLED_FILES: readonly string[] = [
  ...TARGET_NAMES.flatMap((target) => BUNDLED_PACKAGES.flatMap((p) => packageFiles(target, p.id, p.name).map((f) => f.path))),
  'manifest.json',
].sort();

/** The signed files of that build, in the manifest's order. */
export const BUNDLED_SIGNED: readonly string[] = TARGET_NAMES.flatMap((target) => BUNDLED_PACKAGES.flatMap((p) => packageFiles(target, p.id, p.name).filter((f) => f.signed).map((f) => f.path))).sort();
