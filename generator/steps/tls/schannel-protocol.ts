import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** The SCHANNEL protocol keys this room knows (docs/reference/intune-configmgr.md 3.3, [TLS-REG]). */
export const SCHANNEL_PROTOCOLS = ['SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const;
export type SchannelProtocolName = (typeof SCHANNEL_PROTOCOLS)[number];
export const SCHANNEL_ROLES = ['Client', 'Server'] as const;
export type SchannelRole = (typeof SCHANNEL_ROLES)[number];
export const SCHANNEL_STATES = ['enabled', 'disabled'] as const;

/** `SYSTEM\...\SCHANNEL\Protocols`, below HKLM. */
export const SCHANNEL_PROTOCOLS_KEY = 'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';

/**
 * The lowest Windows build whose SCHANNEL has TLS 1.3: Windows Server 2022 is build 20348 (SChannelDsc, in
 * reference 3.3). That Windows 11 (build 22000 and later) has it too is an inference, not from a source;
 * no released client build lies between 20348 and 22000, so one threshold covers both.
 */
export const TLS13_MINIMUM_BUILD = 20348;

/** Props of {@link schannelProtocol}. */
export interface SchannelProtocolProps extends StepBase {
  /** The protocol: the key name under `SCHANNEL\Protocols`. */
  readonly protocol: SchannelProtocolName;
  /**
   * The side of the connection: `Client` (this device connecting out, what OneDrive and browsers use) or
   * `Server` (this device accepting TLS, e.g. IIS or RDP).
   * @default 'Client'
   */
  readonly role?: SchannelRole;
  /**
   * `enabled`: DWORD `Enabled` non-zero (written as 1) and `DisabledByDefault` 0. `disabled`: `Enabled` 0 and
   * `DisabledByDefault` non-zero (written as 1).
   *
   * Disabling an old protocol (SSL 3.0, TLS 1.0, TLS 1.1) is opt-in: no package disables one unless its
   * author writes `state: 'disabled'`, because old line-of-business applications, printers and servers
   * that cannot speak TLS 1.2 stop connecting. Enabling SSL 3.0 is refused (it is broken: POODLE).
   */
  readonly state: 'enabled' | 'disabled';
}

/**
 * A setting (system context): one SCHANNEL protocol's `Enabled` and `DisabledByDefault` DWORDs under
 * `HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\<protocol>\<role>`.
 *
 * Absent values mean "the OS default" (TLS 1.2 is on by default on Windows 10, reference 3.3), but the
 * default differs by build and protocol, so an absent value is reported as "not set" and written: only an
 * explicit value pins the behaviour (the same decision the `tls` package made for TLS 1.2 with
 * registryValue steps). TLS 1.3 needs Windows build 20348 or later: on an older build the step is
 * compliant as "not applicable" and the remediation writes nothing. Every change needs a restart to take
 * effect (applications hold their credential handles, reference 3.3): the step is marked restart-required.
 */
export interface SchannelProtocolStep extends SchannelProtocolProps {
  readonly kind: 'schannelProtocol';
}

/**
 * An SCHANNEL protocol enabled or disabled, for the client or server side.
 * @example
 * schannelProtocol({ id: 'schannel-tls12-client', protocol: 'TLS 1.2', state: 'enabled' })
 * @example
 * schannelProtocol({ id: 'schannel-tls10-client-off', protocol: 'TLS 1.0', state: 'disabled' })
 */
export function schannelProtocol(props: SchannelProtocolProps): SchannelProtocolStep {
  return Object.freeze({ kind: 'schannelProtocol', ...props });
}

const roleOf = (step: SchannelProtocolProps): SchannelRole => step.role ?? 'Client';

const wanted = (step: SchannelProtocolProps): string =>
  step.state === 'enabled' ? 'Enabled 1 and DisabledByDefault 0' : 'Enabled 0 and DisabledByDefault 1';

export const schannelProtocolRoom: StepRoom<SchannelProtocolStep> = {
  kind: 'schannelProtocol',
  category: 'setting',
  script: 'tls/schannel-protocol.ps1',
  setScript: 'tls/schannel-protocol-set.ps1',
  functions: { test: 'Test-RgSchannelProtocol', set: 'Set-RgSchannelProtocol' },
  // windows.ps1: Get-RgWindowsBuild (TLS 1.3 needs build 20348), shared with windowsVersion.
  runtime: ['registry.ps1', 'windows.ps1'],
  setRuntime: ['registry-write.ps1'],
  // HKLM\SYSTEM is writable by SYSTEM (and administrators) only.
  contextOf: () => 'system',
  check(step, issue) {
    if (!(SCHANNEL_PROTOCOLS as readonly string[]).includes(step.protocol)) {
      issue(['protocol'], `protocol ${JSON.stringify(step.protocol)} is not an SCHANNEL protocol: use one of ${SCHANNEL_PROTOCOLS.join(', ')}`);
    }
    if (step.role !== undefined && !(SCHANNEL_ROLES as readonly string[]).includes(step.role)) {
      issue(['role'], `role ${JSON.stringify(step.role)} is not an SCHANNEL role: use Client or Server`);
    }
    if (!(SCHANNEL_STATES as readonly string[]).includes(step.state)) {
      issue(['state'], `state ${JSON.stringify(step.state)} is not a protocol state: use enabled or disabled`);
    }
    if (step.protocol === 'SSL 3.0' && step.state === 'enabled') {
      issue(['state'], 'SSL 3.0 is broken (POODLE) and is not enabled by remgen: use state disabled, or leave SSL 3.0 out');
    }
  },
  toData: (step) => ({
    SubKey: `${SCHANNEL_PROTOCOLS_KEY}\\${step.protocol}\\${roleOf(step)}`,
    Protocol: step.protocol,
    Role: roleOf(step),
    State: step.state,
    Wanted: `${step.protocol} ${roleOf(step)} ${step.state} (${wanted(step)})`,
    MinimumBuild: step.protocol === 'TLS 1.3' ? TLS13_MINIMUM_BUILD : 0,
    // SCHANNEL changes apply to credential handles acquired afterwards: in practice a restart (reference 3.3).
    RestartRequired: true,
  }),
  title: (step) => `SCHANNEL ${step.protocol} ${roleOf(step)} ${step.state}`,
  explain: (step) => {
    const key = `HKLM\\${SCHANNEL_PROTOCOLS_KEY}\\${step.protocol}\\${roleOf(step)}`;
    const build = step.protocol === 'TLS 1.3' ? `; on Windows builds before ${TLS13_MINIMUM_BUILD} TLS 1.3 does not exist and the step is not applicable (compliant, nothing written)` : '';
    return {
      detects: `${key} has ${wanted(step)} (absent values, the OS default, count as not set)${build}`,
      changes: `writes ${wanted(step)} under ${key}; takes effect after a restart`,
    };
  },
};
