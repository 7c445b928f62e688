import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { DWORD_MAX, isDword } from '../registry/registry-location.ts';

/**
 * The protocol bits of WinINet `SecureProtocols` (the same mask as WinHTTP `DefaultSecureProtocols`,
 * docs/reference/intune-configmgr.md 3.3).
 */
export const WININET_PROTOCOLS: readonly { readonly bit: number; readonly name: string }[] = [
  { bit: 0x8, name: 'SSL 2.0' },
  { bit: 0x20, name: 'SSL 3.0' },
  { bit: 0x80, name: 'TLS 1.0' },
  { bit: 0x200, name: 'TLS 1.1' },
  { bit: 0x800, name: 'TLS 1.2' },
  { bit: 0x2000, name: 'TLS 1.3' },
];
const KNOWN_BITS = WININET_PROTOCOLS.reduce((all, p) => all | p.bit, 0);

/** The user's value: `HKCU\<USER_KEY>\SecureProtocols`. */
export const WININET_USER_KEY = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
/**
 * The policy value (IE policy "Turn off encryption support"), under HKLM and HKCU. Its exact casing is
 * not verified in a primary source; the registry is case-insensitive and the step reads it through the
 * registry seams, so the casing does not matter.
 */
export const WININET_POLICY_KEY = 'Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
export const WININET_VALUE = 'SecureProtocols';

/** Props of {@link wininetTls}. */
export interface WinInetTlsProps extends StepBase {
  /**
   * Protocol bits that must be on in the user's WinINet `SecureProtocols` (Internet Options, Advanced,
   * "Use TLS ..."): TLS 1.0 `0x80`, TLS 1.1 `0x200`, TLS 1.2 `0x800`, TLS 1.3 `0x2000`. Every other bit
   * is kept as it is. Default `0x800` (TLS 1.2).
   * @default 2048
   * @example 10240
   */
  readonly enable?: number;
  /**
   * Protocol bits that must be off, disjoint from `enable`: SSL 2.0 `0x8`, SSL 3.0 `0x20`, TLS 1.0
   * `0x80`, TLS 1.1 `0x200`. Off by default: old line-of-business sites may still need them.
   * @default 0
   * @example 40
   */
  readonly disable?: number;
  /**
   * The value assumed when the user has no `SecureProtocols` value, before `enable` and `disable` are
   * applied. A missing value is reported as not compliant, because only an explicit value pins the
   * behaviour. Default `0xA80` (TLS 1.0, 1.1 and 1.2 ticked).
   * @default 2688
   * @example 10880
   */
  readonly whenAbsent?: number;
}

/**
 * A setting (user context): the user's WinINet `SecureProtocols` has the `enable` bits on and the
 * `disable` bits off. A `SecureProtocols` policy value (HKLM or HKCU `...\Policies\...`) overrides the
 * user's value; the step then reports the policy, and the remediation cannot fix it: it says so and
 * changes nothing.
 */
export interface WinInetTlsStep extends WinInetTlsProps {
  readonly kind: 'wininetTls';
}

/**
 * WinINet TLS protocols of the signed-in user (`HKCU\Software\Microsoft\Windows\CurrentVersion\Internet
 * Settings` `SecureProtocols`), with a report when a policy value overrides them.
 * @example
 * wininetTls({ id: 'wininet-tls12' })
 * @example
 * wininetTls({ id: 'wininet-tls12-13', enable: 0x2800, disable: 0x28 })
 */
export function wininetTls(props: WinInetTlsProps): WinInetTlsStep {
  return Object.freeze({ kind: 'wininetTls', ...props });
}

const hex = (n: number): string => `0x${n.toString(16).toUpperCase()}`;

/** `TLS 1.2 (0x800)`, `TLS 1.2 and TLS 1.3 (0x2800)`. */
export function describeProtocols(mask: number): string {
  const names = WININET_PROTOCOLS.filter((p) => (mask & p.bit) !== 0).map((p) => p.name);
  return `${names.join(' and ') || 'no protocol'} (${hex(mask)})`;
}

const settings = (step: WinInetTlsProps) => ({
  enable: step.enable ?? 0x800,
  disable: step.disable ?? 0,
  whenAbsent: step.whenAbsent ?? 0xa80,
});

function wanted(step: WinInetTlsProps): string {
  const { enable, disable } = settings(step);
  return [enable ? `${describeProtocols(enable)} on` : '', disable ? `${describeProtocols(disable)} off` : ''].filter(Boolean).join(' and ');
}

export const wininetTlsRoom: StepRoom<WinInetTlsStep> = {
  kind: 'wininetTls',
  category: 'setting',
  script: 'tls/wininet-tls.ps1',
  setScript: 'tls/wininet-tls-set.ps1',
  functions: { test: 'Test-RgWinInetTls', set: 'Set-RgWinInetTls' },
  runtime: ['registry.ps1'],
  setRuntime: ['registry-write.ps1'],
  // HKCU of the signed-in user: only a user-context package reaches it.
  contextOf: () => 'user',
  check(step, issue) {
    for (const key of ['enable', 'disable', 'whenAbsent'] as const) {
      const value = step[key];
      if (value !== undefined && !isDword(value)) {
        issue([key], `${key} ${JSON.stringify(value)} does not fit a DWord mask: use a whole number from 0 to ${DWORD_MAX} (0xFFFFFFFF)`);
      }
    }
    const { enable, disable } = settings(step);
    for (const [key, value] of [['enable', enable], ['disable', disable]] as const) {
      if (isDword(value) && (value & ~KNOWN_BITS) !== 0) {
        issue([key], `${key} ${hex(value)} has bits ${hex((value & ~KNOWN_BITS) >>> 0)} that are no WinINet protocol; use SSL 2.0 0x8, SSL 3.0 0x20, TLS 1.0 0x80, TLS 1.1 0x200, TLS 1.2 0x800, TLS 1.3 0x2000`);
      }
    }
    if (isDword(enable) && isDword(disable)) {
      if (enable === 0 && disable === 0) issue([], 'a wininetTls step needs a non-zero enable or disable mask');
      else if ((enable & disable) !== 0) issue(['disable'], `enable and disable share bits ${hex((enable & disable) >>> 0)}; a protocol cannot be both on and off`);
    }
  },
  toData: (step) => {
    const { enable, disable, whenAbsent } = settings(step);
    return {
      SubKey: WININET_USER_KEY,
      PolicySubKey: WININET_POLICY_KEY,
      Name: WININET_VALUE,
      Wanted: wanted(step),
      Enable: enable,
      Disable: disable,
      WhenAbsent: whenAbsent,
    };
  },
  title: (step) => `WinINet (Internet Options) has ${wanted(step)} for the user`,
  explain: (step) => {
    const { enable, disable, whenAbsent } = settings(step);
    const change = [enable ? `turns on ${describeProtocols(enable)}` : '', disable ? `turns off ${describeProtocols(disable)}` : ''].filter(Boolean).join(' and ');
    return {
      detects: `the user's WinINet SecureProtocols (HKCU\\${WININET_USER_KEY}) has ${wanted(step)}; a SecureProtocols policy (${WININET_POLICY_KEY} under HKLM or HKCU) overrides it and is reported`,
      changes: `${change} in the user's value, keeping every other bit (starting from ${hex(whenAbsent)} when the value is missing); when a policy overrides it, changes nothing and fails naming the policy to change`,
    };
  },
};
