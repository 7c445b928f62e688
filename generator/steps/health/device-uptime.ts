import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link deviceUptime}. */
export interface DeviceUptimeProps extends StepBase {
  /**
   * Most days since Windows last started that pass. With Fast Startup on, "Shut down" does not reset the uptime,
   * only "Restart" does (docs/reference/device-health.md 1.1).
   * @minimum 1
   * @maximum 365
   * @example 14
   */
  readonly maxDays: number;
}

/**
 * A probe (either context): how long Windows has run since it last started (`Win32_OperatingSystem.LastBootUpTime`
 * through a seam); fails above `maxDays`. Never changes anything.
 */
export interface DeviceUptimeStep extends DeviceUptimeProps {
  readonly kind: 'deviceUptime';
}

/**
 * The device's uptime, at most N days.
 * @example
 * deviceUptime({ id: 'restarted-lately', maxDays: 14 })
 */
export function deviceUptime(props: DeviceUptimeProps): DeviceUptimeStep {
  return Object.freeze({ kind: 'deviceUptime', ...props });
}

export const deviceUptimeRoom: StepRoom<DeviceUptimeStep> = {
  kind: 'deviceUptime',
  category: 'probe',
  script: 'health/device-uptime.ps1',
  functions: { test: 'Test-RgDeviceUptime' },
  runtime: ['health.ps1'],
  // The last boot time is readable by any user: the probe fits either package.
  contextOf: () => 'any',
  check(step, issue) {
    const days = step.maxDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
      issue(['maxDays'], `maxDays ${JSON.stringify(days)} must be a whole number of days from 1 to 365`);
    }
  },
  toData: (step) => ({ MaxDays: step.maxDays }),
  title: (step) => `Restarted within the last ${step.maxDays} days`,
  explain: (step) => ({
    detects: `Windows has run at most ${step.maxDays} day${step.maxDays === 1 ? '' : 's'} since it last started (a shut down with Fast Startup on does not count as a start; a restart does)`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
