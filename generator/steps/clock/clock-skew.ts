import type { StepBase } from '../../model/step.ts';
import { checkClockMeasure, clockMeasureData, type ClockMeasure } from './clock-measure.ts';
import type { StepRoom } from '../room.ts';

export { DEFAULT_SKEW_SECONDS, DEFAULT_TIME_URI, type ClockMeasure } from './clock-measure.ts';

/** Props of {@link clockSkew}. */
export interface ClockSkewProps extends StepBase, ClockMeasure {}

/** A probe: the device clock against a server's HTTPS Date header; W32Time's state reported. Never changes anything. */
export interface ClockSkewStep extends ClockSkewProps {
  readonly kind: 'clockSkew';
}

/**
 * A probe of the device clock: compliant while it is within `thresholdSeconds` of the HTTPS `Date` header
 * of login.microsoftonline.com; the Windows Time service and `w32tm /query /status` are reported.
 * @example
 * clockSkew({ id: 'clock-in-sync' })
 */
export function clockSkew(props: ClockSkewProps): ClockSkewStep {
  return Object.freeze({ kind: 'clockSkew', ...props });
}

export const clockSkewRoom: StepRoom<ClockSkewStep> = {
  kind: 'clockSkew',
  category: 'probe',
  script: 'clock/clock-skew.ps1',
  functions: { test: 'Test-RgClockSkew' },
  runtime: ['clock.ps1', 'service.ps1'],
  // The clock is the machine's: the same for SYSTEM and the user, so the probe fits either package.
  contextOf: () => 'any',
  check: checkClockMeasure,
  toData: (step) => clockMeasureData(step),
  title: (step) => `The device clock is within ${clockMeasureData(step).ThresholdSeconds} s of ${new URL(clockMeasureData(step).Uri).host}`,
  explain: (step) => {
    const m = clockMeasureData(step);
    return {
      detects: `the device clock is within ${m.ThresholdSeconds} s of the HTTPS Date header of ${m.Uri} (a header that cannot be read fails the check); the Windows Time service (W32Time) state and w32tm /query /status are reported`,
      changes: 'nothing: a probe only reads and reports',
    };
  },
};
