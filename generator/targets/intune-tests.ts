import { readFileSync } from 'node:fs';
import type { CycleExpectation } from '../model/expectation.ts';
import type { DeviceProfileProps } from '../model/profile.ts';
import type { Package } from '../plan/index.ts';
import { renderProfile } from '../engine/profile.ts';
import { gatedBytes } from '../render/gate.ts';
import { psValue, type PsValue } from '../render/escape.ts';
import { BUILD_SLOT } from '../script/build-id.ts';
import { pascalName } from '../script/index.ts';
import type { OutputFile } from './target.ts';
import { isScriptStep, type ScriptStepProps } from '../steps/custom/script-common.ts';

/**
 * An Intune package's Pester suite (`intune/<id>/tests/`): the suite itself (the same file for every
 * package, generic over rooms), the simulation harness it drives, `devices.psd1` (per bundled device profile
 * its data as the harness reads it: the same file for every package tested on the same devices, so the build
 * signs it once and writes it once, linking the others) and `package.psd1` (the id, the build id, and per
 * device what it should see). Four files, signed like the scripts, rendered from text already in memory: no
 * process, no engine. The suite keeps to Pester 5 without anything Pester 6 removed (docs/reference/pester.md,
 * "Pester 5 essentials" and "Pester on Windows PowerShell 5.1"): Describe/Context/It with -ForEach data from
 * BeforeDiscovery, runs in BeforeAll, Should.
 */

const read = (url: URL): string => readFileSync(url, 'utf8');
let statics: { suite: string; harness: string } | undefined;
const staticFiles = () =>
  (statics ??= {
    suite: read(new URL('../../templates/targets/intune/Package.Tests.ps1', import.meta.url)),
    harness: read(new URL('../engine/Invoke-RgSimulation.ps1', import.meta.url)),
  });

/**
 * A PowerShell data file (`Import-PowerShellDataFile`: constants, arrays and hashtables only) from
 * psValue text: its `[ordered]` casts dropped (key order means nothing to the suite). Strings are
 * single-quoted literals, so the cast only occurs as a token after `=`, `@(`, `,` or at a line start.
 */
const dataFile = (text: string): string => text.replace(/(^|= |@\(|, )\[ordered\]@\{/gm, '$1@{');

/** Where a device's profile data goes: a string no profile can produce (psString writes the control character as [char]). */
const PROFILE_MARK_TEXT = 'remgen-profile-data\u0001';
const PROFILE_DATA: PsValue = PROFILE_MARK_TEXT;
const PROFILE_MARK = psValue(PROFILE_MARK_TEXT);

/**
 * A profile's data as it sits in devices.psd1, rendered once per build: the bundled profiles are shared by
 * the packages of a bundle and its rungs, so most are placed in several suites.
 */
const rendered = new WeakMap<DeviceProfileProps, string>();
const profileData = (profile: DeviceProfileProps): string => {
  let data = rendered.get(profile);
  if (data === undefined) {
    data = dataFile(renderProfile(profile).trimEnd().replace(/\r\n/g, '\n').replace(/\n/g, '\n        '));
    rendered.set(profile, data);
  }
  return data;
};

/** The suite and the harness are the same text in every package: gated once (the bytes are never changed in place). */
let staticBytes: { suite: Uint8Array; harness: Uint8Array } | undefined;

const words = (exit: number | null, none: string): string => (exit === null ? none : `exits ${exit}`);

/** Whether the package gets a suite: bundled profiles and their recorded expectations. */
export const hasTests = (pkg: Package): boolean => (pkg.profiles ?? []).length > 0 && pkg.expected !== undefined;

/** The suite's files for a package with bundled profiles; none without. */
export function renderIntuneTests(pkg: Package): OutputFile[] {
  const profiles = pkg.profiles ?? [];
  // A catalog that recorded no expectations for the package (or is being recorded) gets no suite.
  if (!hasTests(pkg)) return [];
  const dir = `${pkg.dir}/tests`;
  const { suite, harness } = staticFiles();
  const devices = profiles.map((profile) => {
    const expected: CycleExpectation | undefined = pkg.expected?.[profile.name];
    if (!expected) {
      throw new Error(`${pkg.remediation.id}: no expectation recorded for device profile '${profile.name}' in profiles/expected.json; run 'npm run profile:expect' and review the result`);
    }
    return {
      DeviceName: profile.name,
      Description: profile.description,
      ExpectDetect: expected.detect,
      ExpectRemediate: expected.remediate,
      ExpectAgain: expected.again,
      ExpectSummaries: [...expected.summaries],
      ExpectActions: [...expected.actions],
      RemediationTitle: words(expected.remediate, 'not run (detection found nothing)'),
      ActionsTitle: expected.actions.length === 0 ? 'none' : `${expected.actions.length} in order`,
      AgainTitle: words(expected.again, 'not run'),
    };
  });
  // Script steps that call commands outside the seams: the suite's title names them.
  const notSimulated = pkg.remediation.steps
    .filter((step) => isScriptStep(step) && (step.unsimulated ?? []).length > 0)
    .map((step) => ({ Step: step.id, Commands: [...((step as ScriptStepProps).unsimulated ?? [])] }));
  // Build: the package's build id (script/build-id.ts, filled in with the scripts'): the suite puts it into the
  // recorded summaries, which are kept without it (model/expectation.ts), and so asserts the scripts print it.
  const data = `${dataFile(psValue({ Id: pkg.remediation.id, Build: BUILD_SLOT, ...(notSimulated.length > 0 ? { NotSimulated: notSimulated } : {}), Devices: devices }))}\n`;
  const file = (name: string, text: string): OutputFile => ({ path: `${dir}/${name}`, bytes: gatedBytes(`${dir}/${name}`, text), sign: true });
  staticBytes ??= { suite: gatedBytes('tests/Package.Tests.ps1', suite), harness: gatedBytes('tests/Invoke-RgSimulation.ps1', harness) };
  return [
    { path: `${dir}/${pascalName(pkg.remediation.id)}.Tests.ps1`, bytes: staticBytes.suite, sign: true },
    { path: `${dir}/Invoke-RgSimulation.ps1`, bytes: staticBytes.harness, sign: true },
    { path: `${dir}/devices.psd1`, bytes: devicesFile(pkg.remediation.id, profiles, dir), sign: true },
    { ...file('package.psd1', data), build: 'quoted' },
  ];
}

/**
 * The last few devices.psd1 files made, by their text: most packages of a catalog are tested on the same devices,
 * so the text is gated into bytes once (and kept only for the next packages of the same build).
 */
const devicesBytes = new Map<string, Uint8Array>();

/**
 * tests/devices.psd1: `Devices`, per profile of the package (in order) its name and its data, the profile as the
 * harness's data file has it (renderProfile) put in place as text. Split at the marks and joined once (not replaced
 * one by one in an ever longer string); the profiles' data is already a data file's text, so only the rest is made one.
 */
function devicesFile(id: string, profiles: readonly DeviceProfileProps[], dir: string): Uint8Array {
  const parts = dataFile(psValue({ Devices: profiles.map((profile) => ({ DeviceName: profile.name, Device: PROFILE_DATA })) })).split(PROFILE_MARK);
  if (parts.length !== profiles.length + 1) throw new Error(`${id}: ${parts.length - 1} places for ${profiles.length} device profiles in devices.psd1`);
  const text = `${parts.map((part, i) => (i === 0 ? part : profileData(profiles[i - 1]!) + part)).join('')}\n`;
  let bytes = devicesBytes.get(text);
  if (!bytes) {
    bytes = gatedBytes(`${dir}/devices.psd1`, text);
    if (devicesBytes.size >= 4) devicesBytes.delete(devicesBytes.keys().next().value!);
    devicesBytes.set(text, bytes);
  }
  return bytes;
}

