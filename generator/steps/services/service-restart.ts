import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { checkServiceName, type ServiceName } from './service-common.ts';

/** Props of {@link serviceRestart}. */
export interface ServiceRestartProps extends ActionStepBase, ServiceName {
  /**
   * How long to wait for the service to stop, and then to run again, in seconds.
   * @minimum 5
   * @maximum 600
   * @default 60
   */
  readonly timeoutSeconds?: number;
}

/**
 * An action (system context): restarts a Windows service (stopped, then started) when its gate probes report
 * the symptom, at most once per cooldown. Verified by the service running afterwards and the gate probes
 * passing when tested again.
 */
export interface ServiceRestartStep extends ServiceRestartProps {
  readonly kind: 'serviceRestart';
}

/**
 * Restart a Windows service.
 * @example
 * serviceRestart({ id: 'restart-spooler', serviceName: 'Spooler', gate: { probes: ['spooler-answers'] }, cooldown: 'PT4H' })
 */
export function serviceRestart(props: ServiceRestartProps): ServiceRestartStep {
  return Object.freeze({ kind: 'serviceRestart', ...props });
}

export const DEFAULT_SERVICE_TIMEOUT_SECONDS = 60;

export const serviceRestartRoom: StepRoom<ServiceRestartStep> = {
  kind: 'serviceRestart',
  category: 'action',
  script: 'services/service-restart.ps1',
  setScript: 'services/service-restart-set.ps1',
  functions: { test: 'Test-RgServiceRestart', set: 'Restart-RgServiceNow' },
  runtime: ['service.ps1'],
  setRuntime: ['service-write.ps1'],
  // Stopping and starting a service needs an administrator.
  contextOf: () => 'system',
  check(step, issue) {
    checkServiceName(step, issue);
    const timeout = step.timeoutSeconds;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 5 || timeout > 600)) {
      issue(['timeoutSeconds'], `timeoutSeconds ${JSON.stringify(timeout)} must be a whole number of seconds from 5 to 600`);
    }
  },
  toData: (step) => ({ ServiceName: step.serviceName, TimeoutSeconds: step.timeoutSeconds ?? DEFAULT_SERVICE_TIMEOUT_SECONDS }),
  title: (step) => `Service ${step.serviceName} restarted when the symptom is seen`,
  explain: (step) => ({
    detects: `the service ${step.serviceName} needs a restart, ${gateWords(step.gate)}`,
    changes: `stops and starts the service ${step.serviceName} (at most once per ${durationWords(step.cooldown)}), then checks that it runs and tests the gate again to verify`,
  }),
};
