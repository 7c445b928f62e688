/**
 * OneDrive error 0x8004de40, the rest of the TLS rung: Microsoft's first Windows 10 step is the Azure Front
 * Door TLS 1.2 cipher suites at the top of the order; TLS 1.3 is turned on where Windows has it in SCHANNEL.
 * Facts: docs/reference/intune-configmgr.md 3.0 (the four suites, Enable-TlsCipherSuite, a GPO order
 * wins) and 3.3 (SCHANNEL protocol keys, TLS 1.3 from build 20348, changes need a restart).
 */
import { cipherSuites, defineRemediation, schannelProtocol, type SchannelProtocolName } from 'remgen';

/**
 * Turn SSL 3.0, TLS 1.0 and TLS 1.1 off in SCHANNEL's client as well. Off by default: old line-of-business
 * applications and devices (printers, appliances) that only speak those break, and OneDrive does not need it.
 * Set it to true once the fleet has been checked.
 */
const DISABLE_LEGACY_PROTOCOLS = false;

const LEGACY: readonly SchannelProtocolName[] = ['SSL 3.0', 'TLS 1.0', 'TLS 1.1'];
const idOf = (protocol: SchannelProtocolName): string => protocol.toLowerCase().replace(/[ .]/g, '');

/** The Front Door suites first, TLS 1.3 on where supported, and (opt-in) the old protocols off. */
export const tlsModernSteps = [
  cipherSuites({ id: 'front-door-cipher-suites', title: 'Azure Front Door TLS 1.2 cipher suites enabled and first' }),
  schannelProtocol({ id: 'schannel-tls13-client', title: 'SCHANNEL TLS 1.3 client enabled (Windows 11 and Server 2022 or later)', protocol: 'TLS 1.3', state: 'enabled' }),
  ...(DISABLE_LEGACY_PROTOCOLS
    ? LEGACY.map((protocol) => schannelProtocol({ id: `schannel-${idOf(protocol)}-client-off`, title: `SCHANNEL ${protocol} client disabled`, protocol, state: 'disabled' }))
    : []),
];

export default defineRemediation({
  id: 'tls-modern',
  displayName: 'OneDrive 0x8004de40: Azure Front Door cipher suites and TLS 1.3',
  description:
    'Microsoft 365 sits behind Azure Front Door, which negotiates TLS 1.2 only with four ECDHE/DHE AES-GCM cipher suites. ' +
    'This package makes sure those four are enabled and first in the cipher suite order (Enable-TlsCipherSuite), and turns ' +
    'on the SCHANNEL TLS 1.3 client where Windows supports it (build 20348 or later; older builds report it as not ' +
    'applicable). When a Group Policy sets the cipher suite order, the policy wins: the package reports it and does not ' +
    'write. Changes take effect after a restart.',
  publisher: 'remgen',
  context: 'system',
  steps: tlsModernSteps,
});
