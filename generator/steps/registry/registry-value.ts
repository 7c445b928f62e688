import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkProfiles, everyProfile, PROFILE_RUNTIME, profileData, profileWords, type ProfileScopeProps } from '../profiles.ts';
import {
  checkRegistryLocation, describeLocation, isDword, registryContext, registryLocationData, type RegistryLocation,
} from './registry-location.ts';

/** Registry value kinds, named as .NET's `RegistryValueKind` names them. */
export type RegistryValueType = 'DWord' | 'QWord' | 'String' | 'ExpandString' | 'MultiString';

/** Props of {@link registryValue}. */
export interface RegistryValueProps extends StepBase, RegistryLocation, ProfileScopeProps {
  /**
   * `present` (default): the value has `type` and `value`. `absent`: the value must not exist (a policy
   * value removed); it is deleted when found, the key and its other values kept. Give no type or value then.
   * @default "present"
   */
  readonly state?: 'present' | 'absent';
  /**
   * Kind of the value; a value of another kind counts as wrong and is replaced. Required unless `state` is `absent`.
   * @example "DWord"
   */
  readonly type?: RegistryValueType;
  /**
   * Desired data. DWord: a whole number 0..4294967295 (0xFFFFFFFF). QWord: a whole number, or a
   * decimal or 0x-hex string for values above 2^53. String and ExpandString: text (ExpandString is
   * compared unexpanded). MultiString: a list of non-empty strings.
   * Required unless `state` is `absent`.
   * @example 1
   */
  readonly value?: number | string | readonly string[];
}

/**
 * A setting: one registry value has the given kind and data (the key is created when missing), or, with
 * `state: 'absent'`, does not exist.
 */
export interface RegistryValueStep extends RegistryValueProps {
  readonly kind: 'registryValue';
}

/**
 * A registry value setting.
 * @example
 * registryValue({
 *   id: 'netfx4-strong-crypto',
 *   path: 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319',
 *   name: 'SchUseStrongCrypto',
 *   type: 'DWord',
 *   value: 1,
 * })
 */
export function registryValue(props: RegistryValueProps): RegistryValueStep {
  return Object.freeze({ kind: 'registryValue', ...props });
}

const QWORD_MAX = 0xffffffffffffffffn;

/** A QWord as an unsigned decimal string, or undefined when it does not fit. */
export function qwordDecimal(value: unknown): string | undefined {
  let big: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return undefined;
    big = BigInt(value);
  } else if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,16}|[0-9]{1,20})$/.test(value)) {
    big = BigInt(value);
  } else {
    return undefined;
  }
  return big >= 0n && big <= QWORD_MAX ? big.toString() : undefined;
}


const absent = (step: RegistryValueProps): boolean => step.state === 'absent';

function formatValue(step: RegistryValueProps): string {
  const { value } = step;
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return `[${value.map((v) => `'${v}'`).join(', ')}]`;
  if (typeof value === 'number' && step.type === 'DWord') return `${value} (0x${value.toString(16).toUpperCase()})`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** The functions of runtime/registry-profiles*.ps1 the halves call by name for a step in every profile. */
const PROFILE_COMMANDS = { ProfilesTest: 'Test-RgRegistryValueProfiles', ProfilesSet: 'Set-RgRegistryValueProfiles' };

export const registryValueRoom: StepRoom<RegistryValueStep> = {
  kind: 'registryValue',
  category: 'setting',
  script: 'registry/registry-value.ps1',
  setScript: 'registry/registry-value-set.ps1',
  functions: { test: 'Test-RgRegistryValue', set: 'Set-RgRegistryValue' },
  setRuntime: ['registry-write.ps1'],
  // An HKCU value in every profile is set from SYSTEM, through HKU.
  contextOf: (step) => (everyProfile(step) ? 'system' : registryContext(step)),
  runtime: ['registry.ps1'],
  // Every user's hive: carried only by a script with such a step; the halves call it by the names in its data.
  stepRuntime: (step) => (everyProfile(step) ? { test: [...PROFILE_RUNTIME, 'registry-profiles.ps1'], set: ['registry-profiles-write.ps1'] } : { test: [] }),
  check(step, issue) {
    checkRegistryLocation(step, issue);
    checkProfiles(step, /^HKCU:/.test(step.path), 'HKCU values (a user\'s hive)', issue);
    if (step.profiles === 'allSignedOut') issue(['profiles'], "profiles 'allSignedOut' is for caches a running app holds; a registry value is set in every profile: use profiles: 'all'");
    const { type, value } = step;
    if (absent(step)) {
      if (type !== undefined) issue(['type'], "state 'absent' takes no type: a value that must not exist has no kind; remove type");
      if (value !== undefined) issue(['value'], "state 'absent' takes no value: a value that must not exist has no data; remove value");
      return;
    }
    if (type === undefined) issue([], "a registry value that must be present needs type (e.g. 'DWord') and value; or set state: 'absent' to remove it");
    else if (value === undefined) issue(['type'], `a registry value of type ${type} needs value: the data it must hold`);
    if (type === undefined || value === undefined) return;
    switch (type) {
      case 'DWord':
        if (!isDword(value)) issue(['value'], `value ${JSON.stringify(value)} does not fit a DWord: use a whole number from 0 to 4294967295 (0xFFFFFFFF)`);
        break;
      case 'QWord':
        if (qwordDecimal(value) === undefined) issue(['value'], `value ${JSON.stringify(value)} does not fit a QWord: use a whole number from 0 to 2^64-1 (a string like '0x1F' above 2^53)`);
        break;
      case 'String':
      case 'ExpandString':
        if (typeof value !== 'string') issue(['value'], `value must be a string for type ${type}`);
        break;
      case 'MultiString':
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) issue(['value'], 'value must be a list of strings for type MultiString');
        else if (value.some((v) => v === '')) issue(['value'], 'a MultiString cannot hold an empty string; remove the empty entries');
        break;
    }
  },
  toData(step) {
    if (absent(step)) return { ...registryLocationData(step), ...profileData(step, PROFILE_COMMANDS), Want: 'Absent', Type: '', Value: null };
    const data = { ...registryLocationData(step), ...profileData(step, PROFILE_COMMANDS), Type: step.type! };
    switch (step.type) {
      case 'QWord':
        return { ...data, Value: qwordDecimal(step.value)! };
      case 'MultiString':
        return { ...data, Value: [...(step.value as readonly string[])] };
      default:
        return { ...data, Value: step.value! };
    }
  },
  title: (step) => (absent(step) ? `${step.path}\\${step.name} is absent` : `${step.path}\\${step.name} is ${step.type} ${formatValue(step)}`),
  explain: (step) => (absent(step)
    ? { detects: `${describeLocation(step)} does not exist${profileWords(step)}`, changes: 'deletes the value when it is there, keeping the key and its other values' }
    : {
        detects: `${describeLocation(step)} is the ${step.type} ${formatValue(step)}${profileWords(step)}`,
        changes: `sets it to the ${step.type} ${formatValue(step)}, creating the key if it is missing`,
      }),
};
