/**
 * The descriptor language: what a file in `remediations/` imports.
 * @example
 * import { defineRemediation, registryValue } from 'remgen';
 */
export { defineRemediation, defineBundle } from './remediation.ts';
export { defineDeployment } from './deployment.ts';
export type {
  Deployment, DeploymentProps, PackageDeployment, Assignment, Schedule, OnceSchedule, HourlySchedule, DailySchedule, AssignmentFilter, CustomCloud, CloudName, GroupRef,
} from './deployment.ts';
export type {
  Context, TargetName, RemediationProps, Remediation, BundleProps, Bundle, Descriptor,
} from './remediation.ts';
export type { StepBase, StepCategory, ActionGate, ActionStepBase } from '../model/step.ts';
// Every step kind's factory and types, as the room index registers them (it also exposes the room
// registry itself, which descriptor files have no use for).
export * from '../steps/index.ts';
export { defineProfile } from '../model/profile.ts';
export type { DeviceProfile, DeviceProfileProps, RegistryEntry, NativeCommand, Endpoint, HttpDate, Service, ScheduledTask, RunningProcess, Program, Effects, Faults, FileItem, Download, JsonObject, InstalledApp, AppxPackage, WindowsFeature, LocalUser, LocalGroup, DefenderState } from '../model/profile.ts';
export type { TlsEndpoint, ChainCertificate, ProxyServer, WebProxy } from '../model/profile.ts';
export type { Drive, StoreCertificate, Notifications } from '../model/profile.ts';
