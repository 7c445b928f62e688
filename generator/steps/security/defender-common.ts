/**
 * What the Defender rooms share: the typed preferences and their Set-MpPreference names and values
 * (docs/reference/windows-admin.md 1.1). Defines no room.
 */

/** On, off or audit (report only), as PUA and network protection take it. */
export type DefenderMode = 'enabled' | 'audit' | 'disabled';

/** The Defender preferences remgen sets, each a typed choice (Get-MpPreference / Set-MpPreference). */
export interface DefenderPreferences {
  /**
   * Real-time protection (`DisableRealtimeMonitoring` false). Only `true`: remgen never turns it off (Defender goes
   * passive by itself when another antivirus is registered).
   */
  readonly realTimeMonitoring?: true;
  /** Behaviour monitoring (`DisableBehaviorMonitoring`). */
  readonly behaviorMonitoring?: boolean;
  /** Scanning of downloaded files and attachments (`DisableIOAVProtection`). */
  readonly downloadScanning?: boolean;
  /** Scanning of scripts (`DisableScriptScanning`). */
  readonly scriptScanning?: boolean;
  /** Block at first sight, through cloud protection (`DisableBlockAtFirstSeen`). */
  readonly blockAtFirstSeen?: boolean;
  /** Protection against potentially unwanted apps (`PUAProtection`: 1 on, 2 audit, 0 off). */
  readonly puaProtection?: DefenderMode;
  /** Cloud-delivered protection, Microsoft MAPS membership (`MAPSReporting`: 0 off, 1 basic, 2 advanced). */
  readonly cloudProtection?: 'disabled' | 'basic' | 'advanced';
  /** How hard cloud protection blocks (`CloudBlockLevel`: 0 default, 1 moderate, 2 high, 4 high plus, 6 zero tolerance); needs cloudProtection. */
  readonly cloudBlockLevel?: 'default' | 'moderate' | 'high' | 'highPlus' | 'zeroTolerance';
  /** Sample submission (`SubmitSamplesConsent`: 0 always prompt, 1 send safe samples, 2 never send, 3 send all). */
  readonly sampleSubmission?: 'alwaysPrompt' | 'safeSamples' | 'never' | 'all';
  /** Network protection (`EnableNetworkProtection`: 1 on, 2 audit, 0 off). */
  readonly networkProtection?: DefenderMode;
}

/** What a device where Defender is not the active antivirus means. */
export interface DefenderApplicability {
  /**
   * A device where Defender is not the active antivirus (another one is: Defender in passive mode, or not running,
   * its cmdlets failing with HRESULT 0x800106BA): `nonCompliant` (the step fails, saying so) or `notApplicable` (the
   * step passes; for fleets where some devices run another antivirus).
   * @default "nonCompliant"
   */
  readonly ifNotActive?: 'nonCompliant' | 'notApplicable';
}

interface PreferenceSpec {
  readonly name: string;
  readonly label: string;
  readonly value: (choice: unknown) => number;
  readonly words: (choice: unknown) => string;
}

const MODE: Record<DefenderMode, number> = { disabled: 0, enabled: 1, audit: 2 };
const MODE_WORDS: Record<DefenderMode, string> = { disabled: 'off', enabled: 'on', audit: 'audit only' };
const flag = (name: string, label: string): PreferenceSpec => ({ name, label, value: (on) => (on ? 0 : 1), words: (on) => (on ? 'on' : 'off') });
const choice = (name: string, label: string, values: Record<string, number>, words: Record<string, string>): PreferenceSpec =>
  ({ name, label, value: (c) => values[c as string]!, words: (c) => words[c as string]! });

/** Each typed preference: its Set-MpPreference name, its label, its value (a number; a Disable* switch is 1 for "off"). */
export const DEFENDER_PREFERENCES: Readonly<Record<keyof DefenderPreferences, PreferenceSpec>> = {
  realTimeMonitoring: flag('DisableRealtimeMonitoring', 'real-time protection'),
  behaviorMonitoring: flag('DisableBehaviorMonitoring', 'behaviour monitoring'),
  downloadScanning: flag('DisableIOAVProtection', 'download and attachment scanning'),
  scriptScanning: flag('DisableScriptScanning', 'script scanning'),
  blockAtFirstSeen: flag('DisableBlockAtFirstSeen', 'block at first sight'),
  puaProtection: choice('PUAProtection', 'PUA protection', MODE, MODE_WORDS),
  cloudProtection: choice('MAPSReporting', 'cloud protection (MAPS)', { disabled: 0, basic: 1, advanced: 2 }, { disabled: 'off', basic: 'basic', advanced: 'advanced' }),
  cloudBlockLevel: choice('CloudBlockLevel', 'cloud block level', { default: 0, moderate: 1, high: 2, highPlus: 4, zeroTolerance: 6 },
    { default: 'default', moderate: 'moderate', high: 'high', highPlus: 'high plus', zeroTolerance: 'zero tolerance' }),
  sampleSubmission: choice('SubmitSamplesConsent', 'sample submission', { alwaysPrompt: 0, safeSamples: 1, never: 2, all: 3 },
    { alwaysPrompt: 'always prompt', safeSamples: 'send safe samples', never: 'never send', all: 'send all samples' }),
  networkProtection: choice('EnableNetworkProtection', 'network protection', MODE, MODE_WORDS),
};

/** The preferences a step gives, in table order. */
export function givenPreferences(prefs: DefenderPreferences): { key: keyof DefenderPreferences; spec: PreferenceSpec; choice: unknown }[] {
  return (Object.keys(DEFENDER_PREFERENCES) as (keyof DefenderPreferences)[])
    .filter((key) => prefs[key] !== undefined)
    .map((key) => ({ key, spec: DEFENDER_PREFERENCES[key], choice: prefs[key] }));
}
