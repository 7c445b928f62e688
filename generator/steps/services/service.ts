import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkServiceName, type ServiceName } from './service-common.ts';

/** How Windows starts a service. */
export type ServiceStartType = 'automatic' | 'automaticDelayed' | 'manual' | 'disabled';

/** Props of {@link service}. */
export interface ServiceProps extends StepBase, ServiceName {
  /**
   * The start type: `automatic`, `automaticDelayed` ("Automatic (Delayed Start)"), `manual` or `disabled`.
   * Absent: the start type is not looked at.
   */
  readonly startType?: ServiceStartType;
  /** Whether the service should be running or stopped now. Absent: its status is not looked at. */
  readonly status?: 'running' | 'stopped';
  /**
   * What a service that is not installed means: `nonCompliant` (the step fails, naming it) or `notApplicable`
   * (the step passes; e.g. a vendor's service on devices without the vendor's software). remgen never
   * installs services.
   * @default "nonCompliant"
   */
  readonly ifMissing?: 'nonCompliant' | 'notApplicable';
}

/**
 * A setting (system context): a Windows service's start type and whether it runs (ServiceController and
 * Set-Service through seams; a delayed start through `sc.exe config`).
 */
export interface ServiceStep extends ServiceProps {
  readonly kind: 'service';
}

/**
 * A Windows service's start type and status.
 * @example
 * service({ id: 'spooler-on', serviceName: 'Spooler', startType: 'automatic', status: 'running' })
 */
export function service(props: ServiceProps): ServiceStep {
  return Object.freeze({ kind: 'service', ...props });
}

const START_DATA: Record<ServiceStartType, string> = { automatic: 'Automatic', automaticDelayed: 'AutomaticDelayed', manual: 'Manual', disabled: 'Disabled' };
const START_WORDS: Record<ServiceStartType, string> = { automatic: 'automatic', automaticDelayed: 'automatic (delayed start)', manual: 'manual', disabled: 'disabled' };

const wantWords = (step: ServiceProps): string =>
  [step.startType ? `starts ${START_WORDS[step.startType]}` : '', step.status ? `is ${step.status}` : ''].filter(Boolean).join(' and ');

export const serviceRoom: StepRoom<ServiceStep> = {
  kind: 'service',
  category: 'setting',
  script: 'services/service.ps1',
  setScript: 'services/service-set.ps1',
  functions: { test: 'Test-RgServiceState', set: 'Set-RgServiceState' },
  runtime: ['service.ps1'],
  setRuntime: ['service-write.ps1'],
  // Changing a service's configuration or starting and stopping it needs an administrator: SYSTEM.
  contextOf: () => 'system',
  check(step, issue) {
    checkServiceName(step, issue);
    if (step.startType === undefined && step.status === undefined) {
      issue([], `the service step ${JSON.stringify(step.id)} says nothing to check: give startType, status or both`);
    }
    if (step.startType === 'disabled' && step.status === 'running') {
      issue(['status'], 'a disabled service cannot be started: with startType \'disabled\' use status \'stopped\' or leave status out');
    }
  },
  toData: (step) => ({
    ServiceName: step.serviceName,
    StartType: step.startType ? START_DATA[step.startType] : '',
    Status: step.status === 'running' ? 'Running' : step.status === 'stopped' ? 'Stopped' : '',
    IfMissing: step.ifMissing === 'notApplicable' ? 'NotApplicable' : 'NonCompliant',
  }),
  title: (step) => `Service ${step.serviceName} ${wantWords(step)}`,
  explain: (step) => ({
    detects: `the service ${step.serviceName} ${wantWords(step)}${step.ifMissing === 'notApplicable' ? ' (a device without the service passes)' : ' (a device without the service fails)'}`,
    changes: [
      step.startType ? `sets its start type to ${START_WORDS[step.startType]}` : '',
      step.status === 'running' ? 'starts it' : step.status === 'stopped' ? 'stops it' : '',
    ].filter(Boolean).join(' and ') + '; a missing service is never installed',
  }),
};
