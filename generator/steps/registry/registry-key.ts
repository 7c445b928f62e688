import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkRegistryLocation, parseRegistryPath, registryContext, type RegistryView } from './registry-location.ts';

/** Props of {@link registryKey}. */
export interface RegistryKeyProps extends StepBase {
  /**
   * Key path in PowerShell provider form: `HKLM:\` or `HKCU:\`, then the subkey, no trailing backslash.
   * HKLM steps run in system context, HKCU steps in user context.
   * @minLength 7
   * @example "HKLM:\\SOFTWARE\\Policies\\Contoso\\Legacy"
   */
  readonly path: string;
  /**
   * `present`: the key exists (created with the keys above it when missing, empty). `absent`: the key does not
   * exist; it is deleted with every value and key below it.
   */
  readonly state: 'present' | 'absent';
  /**
   * Registry view: `64` is the native view, `32` the WOW64 view (`Wow6432Node`).
   * @default 64
   */
  readonly view?: RegistryView;
}

/** A setting: a registry key exists, or is gone with everything below it. */
export interface RegistryKeyStep extends RegistryKeyProps {
  readonly kind: 'registryKey';
}

/**
 * A registry key that must exist or be gone.
 * @example
 * registryKey({ id: 'old-policy-gone', path: 'HKLM:\\SOFTWARE\\Policies\\Contoso\\Legacy', state: 'absent' })
 */
export function registryKey(props: RegistryKeyProps): RegistryKeyStep {
  return Object.freeze({ kind: 'registryKey', ...props });
}

/** Keys a step must never delete: a hive's top-level keys and the ones Windows and policy processing live in. */
const PROTECTED = /^(HKLM|HKCU):\\(SOFTWARE|SYSTEM|SAM|SECURITY|HARDWARE|BCD00000000|Software|Control Panel|Environment|Console|Network|Printers)(\\(Microsoft|Policies|Classes|WOW6432Node|CurrentControlSet|ControlSet\d{3}|Microsoft\\Windows|Microsoft\\Windows NT|Policies\\Microsoft|Microsoft\\Windows\\CurrentVersion))?$/i;

export const registryKeyRoom: StepRoom<RegistryKeyStep> = {
  kind: 'registryKey',
  category: 'setting',
  script: 'registry/registry-key.ps1',
  setScript: 'registry/registry-key-set.ps1',
  functions: { test: 'Test-RgRegistryKey', set: 'Set-RgRegistryKey' },
  runtime: ['registry.ps1'],
  setRuntime: ['registry-write.ps1'],
  contextOf: (step) => registryContext({ path: step.path, name: '' }),
  check(step, issue) {
    checkRegistryLocation({ path: step.path, name: '', ...(step.view ? { view: step.view } : {}) }, issue);
    if (step.state === 'absent' && parseRegistryPath(step.path) && PROTECTED.test(step.path)) {
      issue(['path'], `key ${JSON.stringify(step.path)} is a top-level key Windows needs: remgen does not delete it; name the key of the product or policy below it`);
    }
  },
  toData(step) {
    const parsed = parseRegistryPath(step.path)!;
    return { Hive: parsed.hive, SubKey: parsed.subKey, View: step.view ?? 64, Want: step.state === 'absent' ? 'Absent' : 'Present' };
  },
  title: (step) => `${step.path} ${step.state === 'absent' ? 'is absent' : 'exists'}`,
  explain: (step) => ({
    detects: `whether the key ${step.path} (${step.view ?? 64}-bit view) ${step.state === 'absent' ? 'is gone' : 'exists'}`,
    changes: step.state === 'absent' ? 'deletes the key with every value and key below it' : 'creates the key (and the keys above it), empty',
  }),
};
