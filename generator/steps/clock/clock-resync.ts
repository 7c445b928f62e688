import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import { checkClockMeasure, clockMeasureData, type ClockMeasure } from './clock-measure.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link clockResync}: the gate (a clockSkew probe, typically), the cooldown, and how skew is measured. */
export interface ClockResyncProps extends ActionStepBase, ClockMeasure {}

/**
 * An action (system context): `w32tm /resync` when the device clock is off, starting the Windows Time
 * service first when it is stopped (never when it is disabled). Runs only when its gate probes report the
 * symptom, at most once per cooldown; verified by measuring the skew again, never by w32tm's exit code
 * (docs/reference/intune-configmgr.md 3.5).
 */
export interface ClockResyncStep extends ClockResyncProps {
  readonly kind: 'clockResync';
}

/**
 * Resync the clock with W32Time.
 * @example
 * clockResync({ id: 'resync-clock', gate: { probes: ['clock-in-sync'] }, cooldown: 'PT6H' })
 */
export function clockResync(props: ClockResyncProps): ClockResyncStep {
  return Object.freeze({ kind: 'clockResync', ...props });
}

export const clockResyncRoom: StepRoom<ClockResyncStep> = {
  kind: 'clockResync',
  category: 'action',
  script: 'clock/clock-resync.ps1',
  setScript: 'clock/clock-resync-set.ps1',
  functions: { test: 'Test-RgClockResync', set: 'Invoke-RgClockResync' },
  runtime: ['clock.ps1', 'service.ps1'],
  setRuntime: ['service-write.ps1'],
  // w32tm /resync and starting a service need an administrator: SYSTEM (reference 3.5).
  contextOf: () => 'system',
  check: checkClockMeasure,
  toData: (step) => clockMeasureData(step),
  title: () => 'The clock resynchronised (w32tm /resync) when it is off',
  explain: (step) => {
    const m = clockMeasureData(step);
    return {
      detects: `the device clock differs by more than ${m.ThresholdSeconds} s from the HTTPS Date header of ${m.Uri}, ${gateWords(step.gate)}`,
      changes: `sets the Windows Time service to start automatically when it is Manual and starts it when it is stopped (a disabled one is left alone: an error), then runs w32tm /resync (at most once per ${durationWords(step.cooldown)}), then measures the skew again to verify; w32tm's exit code is not taken as proof`,
    };
  },
};
