import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import {
  checkRegistryLocation, describeLocation, DWORD_MAX, isDword, registryContext, registryLocationData, type RegistryLocation,
} from './registry-location.ts';

/** Props of {@link registryBits}. */
export interface RegistryBitsProps extends StepBase, RegistryLocation {
  /**
   * Bits that must be 1 (a DWord mask).
   * @default 0
   * @example 2048
   */
  readonly set?: number;
  /**
   * Bits that must be 0 (a DWord mask), disjoint from `set`.
   * @default 0
   * @example 168
   */
  readonly clear?: number;
  /**
   * The DWord assumed when the value is missing, before `set` and `clear` are applied. A missing value
   * is always reported as not compliant, because only an explicit value pins the behaviour.
   * @default 0
   * @example 2560
   */
  readonly whenAbsent?: number;
}

/** A setting: given bits of a DWord are set and/or cleared; all other bits are kept as they are. */
export interface RegistryBitsStep extends RegistryBitsProps {
  readonly kind: 'registryBits';
}

/**
 * A DWord bit-mask setting (WinHTTP `DefaultSecureProtocols`, WinINet `SecureProtocols`).
 * @example
 * registryBits({
 *   id: 'winhttp-tls12',
 *   path: 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp',
 *   name: 'DefaultSecureProtocols',
 *   set: 0x800,
 * })
 */
export function registryBits(props: RegistryBitsProps): RegistryBitsStep {
  return Object.freeze({ kind: 'registryBits', ...props });
}

const hex = (n: number): string => `0x${n.toString(16).toUpperCase()}`;

function describeBits(step: RegistryBitsProps): string {
  const parts: string[] = [];
  if (step.set) parts.push(`bits ${hex(step.set)} set`);
  if (step.clear) parts.push(`bits ${hex(step.clear)} cleared`);
  return parts.join(' and ');
}

export const registryBitsRoom: StepRoom<RegistryBitsStep> = {
  kind: 'registryBits',
  category: 'setting',
  script: 'registry/registry-bits.ps1',
  setScript: 'registry/registry-bits-set.ps1',
  functions: { test: 'Test-RgRegistryBits', set: 'Set-RgRegistryBits' },
  runtime: ['registry.ps1'],
  setRuntime: ['registry-write.ps1'],
  contextOf: registryContext,
  check(step, issue) {
    checkRegistryLocation(step, issue);
    for (const key of ['set', 'clear', 'whenAbsent'] as const) {
      const value = step[key];
      if (value !== undefined && !isDword(value)) {
        issue([key], `${key} ${JSON.stringify(value)} does not fit a DWord mask: use a whole number from 0 to ${DWORD_MAX} (0xFFFFFFFF)`);
      }
    }
    const set = step.set ?? 0;
    const clear = step.clear ?? 0;
    if (isDword(set) && isDword(clear)) {
      if (set === 0 && clear === 0) issue([], 'a registryBits step needs a non-zero set or clear mask');
      else if ((BigInt(set) & BigInt(clear)) !== 0n) issue(['clear'], `set and clear share bits ${hex(Number(BigInt(set) & BigInt(clear)))}; a bit cannot be both`);
    }
  },
  toData: (step) => ({
    ...registryLocationData(step),
    Set: step.set ?? 0,
    Clear: step.clear ?? 0,
    WhenAbsent: step.whenAbsent ?? 0,
  }),
  title: (step) => `${step.path}\\${step.name} has ${describeBits(step)}`,
  explain: (step) => ({
    detects: `${describeLocation(step)} has ${describeBits(step)}`,
    changes: `${[step.set ? `sets bits ${hex(step.set)}` : '', step.clear ? `clears bits ${hex(step.clear)}` : ''].filter(Boolean).join(' and ')}, keeping every other bit (starting from ${hex(step.whenAbsent ?? 0)} when the value is missing)`,
  }),
};
