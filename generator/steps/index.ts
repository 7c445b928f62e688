/**
 * The step registry: every step kind's room. Adding a kind is its room (generator/steps/<domain>/<kind>.ts, its
 * .ps1 halves under templates/steps/, its specs under spec/steps/) and its entries here: the import and
 * re-export, its member of the `Step` union, and its place in the room list.
 */
import type { StepRoom } from './room.ts';
import { registryValueRoom, type RegistryValueStep } from './registry/registry-value.ts';
import { registryBitsRoom, type RegistryBitsStep } from './registry/registry-bits.ts';
import { windowsVersionRoom, type WindowsVersionStep } from './system/windows-version.ts';
import { cachedCredentialsRoom, type CachedCredentialsStep } from './identity/cached-credentials.ts';
import { joinRepairRoom, type JoinRepairStep } from './identity/join-repair.ts';
import { joinStateRoom, type JoinStateStep } from './identity/join-state.ts';
import { dnsFlushRoom, type DnsFlushStep } from './network/dns-flush.ts';
import { endpointsRoom, type EndpointsStep } from './network/endpoints.ts';
import { wininetTlsRoom, type WinInetTlsStep } from './tls/wininet-tls.ts';
import { clockSkewRoom, type ClockSkewStep } from './clock/clock-skew.ts';
import { clockResyncRoom, type ClockResyncStep } from './clock/clock-resync.ts';
import { schannelProtocolRoom, type SchannelProtocolStep } from './tls/schannel-protocol.ts';
import { cipherSuitesRoom, type CipherSuitesStep } from './tls/cipher-suites.ts';
import { oneDriveAccountRoom, type OneDriveAccountStep } from './onedrive/onedrive-account.ts';
import { oneDriveResetRoom, type OneDriveResetStep } from './onedrive/onedrive-reset.ts';
import { scheduledTaskRoom, type ScheduledTaskStep } from './tasks/scheduled-task.ts';
import { scheduledTaskRanRoom, type ScheduledTaskRanStep } from './tasks/scheduled-task-ran.ts';
import { scheduledTaskRunRoom, type ScheduledTaskRunStep } from './tasks/scheduled-task-run.ts';
import { fileRoom, type FileStep } from './files/file.ts';
import { tlsInspectionRoom, type TlsInspectionStep } from './tls/tls-inspection.ts';
import { serviceRoom, type ServiceStep } from './services/service.ts';
import { serviceRestartRoom, type ServiceRestartStep } from './services/service-restart.ts';
import { installedAppRoom, type InstalledAppStep } from './apps/installed-app.ts';
import { appUninstallRoom, type AppUninstallStep } from './apps/app-uninstall.ts';
import { processRoom, type ProcessStep } from './processes/process.ts';
import { processStopRoom, type ProcessStopStep } from './processes/process-stop.ts';
import { commandRoom, type CommandStep } from './commands/command.ts';
import { commandRunRoom, type CommandRunStep } from './commands/command-run.ts';
import { pathCleanupRoom, type PathCleanupStep } from './files/path-cleanup.ts';
import { appxPackageRoom, type AppxPackageStep } from './apps/appx-package.ts';
import { windowsFeatureRoom, type WindowsFeatureStep } from './features/windows-feature.ts';
import { localUserRoom, type LocalUserStep } from './accounts/local-user.ts';
import { defenderRoom, type DefenderStep } from './security/defender.ts';
import { defenderStatusRoom, type DefenderStatusStep } from './security/defender-status.ts';
import { defenderSignatureUpdateRoom, type DefenderSignatureUpdateStep } from './security/defender-signature-update.ts';
import { localGroupMemberRoom, type LocalGroupMemberStep } from './accounts/local-group-member.ts';
import { deviceUptimeRoom, type DeviceUptimeStep } from './health/device-uptime.ts';
import { driveFreeSpaceRoom, type DriveFreeSpaceStep } from './health/drive-free-space.ts';
import { pendingRestartRoom, type PendingRestartStep } from './health/pending-restart.ts';
import { certificateRoom, type CertificateStep } from './certificates/certificate.ts';
import { certificateRemoveRoom, type CertificateRemoveStep } from './certificates/certificate-remove.ts';
import { restartNoticeRoom, type RestartNoticeStep } from './notices/restart-notice.ts';
import { networkResetRoom, type NetworkResetStep } from './network/network-reset.ts';
import { processStartRoom, type ProcessStartStep } from './processes/process-start.ts';
import { fileLineRoom, type FileLineStep } from './files/file-line.ts';
import { shortcutRoom, type ShortcutStep } from './files/shortcut.ts';
import { registryKeyRoom, type RegistryKeyStep } from './registry/registry-key.ts';
import { scriptProbeRoom, type ScriptProbeStep } from './custom/script-probe.ts';
import { scriptSettingRoom, type ScriptSettingStep } from './custom/script-setting.ts';
import { scriptActionRoom, type ScriptActionStep } from './custom/script-action.ts';

export { registryValue, type RegistryValueProps, type RegistryValueStep, type RegistryValueType } from './registry/registry-value.ts';
export { registryBits, type RegistryBitsProps, type RegistryBitsStep } from './registry/registry-bits.ts';
export { windowsVersion, type WindowsVersionProps, type WindowsVersionStep } from './system/windows-version.ts';
export { endpoints, type EndpointsProps, type EndpointsStep, type EndpointTarget } from './network/endpoints.ts';
export { wininetTls, type WinInetTlsProps, type WinInetTlsStep } from './tls/wininet-tls.ts';
export { cachedCredentials, DEFAULT_CREDENTIAL_PATTERNS, type CachedCredentialsProps, type CachedCredentialsStep } from './identity/cached-credentials.ts';
export { dnsFlush, DEFAULT_DNS_NAMES, type DnsFlushProps, type DnsFlushStep } from './network/dns-flush.ts';
export { joinState, type JoinStateProps, type JoinStateStep, type JoinWant } from './identity/join-state.ts';
export { joinRepair, type JoinRepairProps, type JoinRepairStep } from './identity/join-repair.ts';
export { clockSkew, DEFAULT_SKEW_SECONDS, DEFAULT_TIME_URI, type ClockMeasure, type ClockSkewProps, type ClockSkewStep } from './clock/clock-skew.ts';
export { clockResync, type ClockResyncProps, type ClockResyncStep } from './clock/clock-resync.ts';
export { schannelProtocol, TLS13_MINIMUM_BUILD, type SchannelProtocolName, type SchannelProtocolProps, type SchannelProtocolStep, type SchannelRole } from './tls/schannel-protocol.ts';
export { cipherSuites, AZURE_FRONT_DOOR_SUITES, type CipherSuitesProps, type CipherSuitesStep } from './tls/cipher-suites.ts';
export { oneDriveAccount, type OneDriveAccountProps, type OneDriveAccountStep } from './onedrive/onedrive-account.ts';
export { oneDriveReset, DEFAULT_RESTART_WAIT_SECONDS, type OneDriveResetProps, type OneDriveResetStep } from './onedrive/onedrive-reset.ts';
export type { RegistryLocation, RegistryView } from './registry/registry-location.ts';
export { scheduledTask, type ScheduledTaskProps, type ScheduledTaskStep } from './tasks/scheduled-task.ts';
export { scheduledTaskRan, type ScheduledTaskRanProps, type ScheduledTaskRanStep } from './tasks/scheduled-task-ran.ts';
export { scheduledTaskRun, type ScheduledTaskRunProps, type ScheduledTaskRunStep } from './tasks/scheduled-task-run.ts';
export { file, type FileProps, type FileStep } from './files/file.ts';
export { tlsInspection, MICROSOFT_TLS_ROOTS, TLS_INSPECTION_ENDPOINTS, type TlsInspectionProps, type TlsInspectionStep, type TlsInspectionTarget } from './tls/tls-inspection.ts';
export { service, type ServiceProps, type ServiceStartType, type ServiceStep } from './services/service.ts';
export { serviceRestart, DEFAULT_SERVICE_TIMEOUT_SECONDS, type ServiceRestartProps, type ServiceRestartStep } from './services/service-restart.ts';
export type { AppMatch } from './apps/app-common.ts';
export { installedApp, type InstalledAppProps, type InstalledAppStep } from './apps/installed-app.ts';
export { appUninstall, DEFAULT_UNINSTALL_TIMEOUT_SECONDS, type AppUninstallProps, type AppUninstallStep, type UninstallMethod } from './apps/app-uninstall.ts';
export { process, type ProcessProps, type ProcessStep } from './processes/process.ts';
export { processStop, type ProcessStopProps, type ProcessStopStep } from './processes/process-stop.ts';
export type { ProgramCall } from './commands/command-common.ts';
export { command, type CommandProps, type CommandStep } from './commands/command.ts';
export { commandRun, type CommandRunProps, type CommandRunStep } from './commands/command-run.ts';
export { pathCleanup, type PathCleanupProps, type PathCleanupStep } from './files/path-cleanup.ts';
export { appxPackage, type AppxPackageProps, type AppxPackageStep } from './apps/appx-package.ts';
export { windowsFeature, type WindowsFeatureProps, type WindowsFeatureStep } from './features/windows-feature.ts';
export { entraSid } from './accounts/account-common.ts';
export type { DefenderMode, DefenderPreferences } from './security/defender-common.ts';
export { defender, type DefenderProps, type DefenderStep } from './security/defender.ts';
export { defenderStatus, type DefenderStatusProps, type DefenderStatusStep } from './security/defender-status.ts';
export { defenderSignatureUpdate, type DefenderSignatureUpdateProps, type DefenderSignatureUpdateStep } from './security/defender-signature-update.ts';
export { localUser, type LocalUserProps, type LocalUserStep } from './accounts/local-user.ts';
export { localGroupMember, type LocalGroupMemberProps, type LocalGroupMemberStep } from './accounts/local-group-member.ts';
export { deviceUptime, type DeviceUptimeProps, type DeviceUptimeStep } from './health/device-uptime.ts';
export { driveFreeSpace, type DriveFreeSpaceProps, type DriveFreeSpaceStep } from './health/drive-free-space.ts';
export type { CertificateMatch } from './certificates/certificate-common.ts';
export { certificate, type CertificateProps, type CertificateStep } from './certificates/certificate.ts';
export { certificateRemove, type CertificateRemoveProps, type CertificateRemoveStep } from './certificates/certificate-remove.ts';
export { restartNotice, RESTART_NOTICE_APP_ID, type RestartNoticeProps, type RestartNoticeStep } from './notices/restart-notice.ts';
export { networkReset, type NetworkResetProps, type NetworkResetStep } from './network/network-reset.ts';
export { processStart, type ProcessStartProps, type ProcessStartStep } from './processes/process-start.ts';
export { fileLine, type FileLineProps, type FileLineStep } from './files/file-line.ts';
export { shortcut, type ShortcutProps, type ShortcutStep } from './files/shortcut.ts';
export { pendingRestart, PENDING_RESTART_SOURCES, type PendingRestartProps, type PendingRestartSource, type PendingRestartStep } from './health/pending-restart.ts';
export { registryKey, type RegistryKeyProps, type RegistryKeyStep } from './registry/registry-key.ts';
export type { ScriptParameterValue, ScriptStepProps } from './custom/script-common.ts';
export { scriptProbe, type ScriptProbeProps, type ScriptProbeStep } from './custom/script-probe.ts';
export { scriptSetting, type ScriptSettingProps, type ScriptSettingStep } from './custom/script-setting.ts';
export { scriptAction, type ScriptActionProps, type ScriptActionStep } from './custom/script-action.ts';

/**
 * Any step a remediation may hold.
 * @discriminator kind
 */
export type Step = RegistryValueStep | RegistryBitsStep | WindowsVersionStep | EndpointsStep | WinInetTlsStep | CachedCredentialsStep | DnsFlushStep | JoinStateStep | JoinRepairStep | ClockSkewStep | ClockResyncStep | SchannelProtocolStep | CipherSuitesStep | OneDriveAccountStep | OneDriveResetStep
  | ScheduledTaskStep | ScheduledTaskRanStep | ScheduledTaskRunStep
  | FileStep
  | TlsInspectionStep
  | ServiceStep | ServiceRestartStep
  | InstalledAppStep | AppUninstallStep
  | ProcessStep | ProcessStopStep
  | CommandStep | CommandRunStep
  | PathCleanupStep
  | AppxPackageStep
  | WindowsFeatureStep
  | LocalUserStep | LocalGroupMemberStep
  | DefenderStep | DefenderStatusStep | DefenderSignatureUpdateStep
  | DeviceUptimeStep | DriveFreeSpaceStep | PendingRestartStep
  | CertificateStep | CertificateRemoveStep
  | RestartNoticeStep
  | NetworkResetStep
  | ProcessStartStep
  | FileLineStep
  | ShortcutStep
  | RegistryKeyStep
  | ScriptProbeStep | ScriptSettingStep | ScriptActionStep;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rooms: ReadonlyMap<string, StepRoom<any>> = new Map<string, StepRoom<any>>(
  [registryValueRoom, registryBitsRoom, windowsVersionRoom, endpointsRoom, wininetTlsRoom, cachedCredentialsRoom, dnsFlushRoom, joinStateRoom, joinRepairRoom, clockSkewRoom, clockResyncRoom, schannelProtocolRoom, cipherSuitesRoom, oneDriveAccountRoom, oneDriveResetRoom,
    scheduledTaskRoom, scheduledTaskRanRoom, scheduledTaskRunRoom,
    fileRoom,
    tlsInspectionRoom,
    serviceRoom, serviceRestartRoom,
    installedAppRoom, appUninstallRoom,
    processRoom, processStopRoom,
    commandRoom, commandRunRoom,
    pathCleanupRoom,
    appxPackageRoom,
    windowsFeatureRoom,
    localUserRoom, localGroupMemberRoom,
    defenderRoom, defenderStatusRoom, defenderSignatureUpdateRoom,
    deviceUptimeRoom, driveFreeSpaceRoom, pendingRestartRoom,
    certificateRoom, certificateRemoveRoom,
    restartNoticeRoom,
    networkResetRoom,
    processStartRoom,
    fileLineRoom,
    shortcutRoom,
    registryKeyRoom,
    scriptProbeRoom, scriptSettingRoom, scriptActionRoom].map((room) => [room.kind, room]),
);

export function roomOf(step: { readonly kind: string }): StepRoom<{ readonly kind: string; readonly id: string }> {
  const room = rooms.get(step.kind);
  if (!room) throw new Error(`unknown step kind '${step.kind}'`);
  return room as StepRoom<{ readonly kind: string; readonly id: string }>;
}
