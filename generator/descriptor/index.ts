/**
 * The descriptor language: what a file in `remediations/` imports.
 * @example
 * import { defineRemediation, registryValue } from 'remgen';
 */
export { defineRemediation, defineBundle } from './remediation.ts';
export type {
  Context, TargetName, RemediationProps, Remediation, BundleProps, Bundle, Descriptor,
} from './remediation.ts';
export type { StepBase, StepCategory, ActionGate, ActionStepBase } from '../model/step.ts';
export type { Step } from '../steps/index.ts';
export { registryValue } from '../steps/registry-value.ts';
export type { RegistryValueStep, RegistryValueType } from '../steps/registry-value.ts';
export { registryBits } from '../steps/registry-bits.ts';
export type { RegistryBitsStep } from '../steps/registry-bits.ts';
export type { RegistryLocation, RegistryView } from '../steps/registry-location.ts';
export { defineProfile } from '../model/profile.ts';
export type { DeviceProfile, DeviceProfileProps, RegistryEntry, NativeCommand, Faults } from '../model/profile.ts';
