import { durationSeconds, durationWords, gateWords, type ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { LOCATION_WORDS, ONEDRIVE_LOCATIONS } from './onedrive-common.ts';

/** How long the reset waits for OneDrive to come back on its own before starting it (reference 3.4: "a few minutes"). */
export const DEFAULT_RESTART_WAIT_SECONDS = 120;

/** Props of {@link oneDriveReset}. */
export interface OneDriveResetProps extends ActionStepBase {
  /**
   * How long to wait, after `OneDrive.exe /reset`, for OneDrive to restart on its own (looking every 5 s);
   * when it has not, the action starts it. Remediations run one after another on a device, so a long wait
   * delays every other one.
   * @default 120
   * @minimum 5
   * @maximum 600
   */
  readonly restartWaitSeconds?: number;
}

/**
 * An action (user context): resets OneDrive for the signed-in user. Ends the user's OneDrive processes, runs
 * `OneDrive.exe /reset` from where it is installed, waits for it to restart and starts it when it does not
 * (docs/reference/intune-configmgr.md 3.4). Runs only when its gate (typically a oneDriveAccount probe)
 * reports the symptom, at most once per cooldown (at least a day: a reset syncs every library again);
 * verified by reading the running processes again. OneDrive not installed: skipped, never an error.
 */
export interface OneDriveResetStep extends OneDriveResetProps {
  readonly kind: 'oneDriveReset';
}

/**
 * Reset OneDrive (`OneDrive.exe /reset`).
 * @example
 * oneDriveReset({ id: 'reset-onedrive', gate: { probes: ['onedrive-signed-in'] }, cooldown: 'P7D' })
 */
export function oneDriveReset(props: OneDriveResetProps): OneDriveResetStep {
  return Object.freeze({ kind: 'oneDriveReset', ...props });
}

const waitOf = (step: OneDriveResetProps): number => step.restartWaitSeconds ?? DEFAULT_RESTART_WAIT_SECONDS;

export const oneDriveResetRoom: StepRoom<OneDriveResetStep> = {
  kind: 'oneDriveReset',
  category: 'action',
  script: 'onedrive/onedrive-reset.ps1',
  setScript: 'onedrive/onedrive-reset-set.ps1',
  functions: { test: 'Test-RgOneDriveReset', set: 'Reset-RgOneDrive' },
  runtime: ['onedrive.ps1', 'process.ps1'],
  setRuntime: ['process-write.ps1'],
  // OneDrive is a per-user process with a per-user %LOCALAPPDATA%: the reset must run as the user (reference 3.4).
  contextOf: () => 'user',
  check(step, issue) {
    const wait = step.restartWaitSeconds;
    if (wait !== undefined && (!Number.isInteger(wait) || wait < 5 || wait > 600)) {
      issue(['restartWaitSeconds'], `restartWaitSeconds ${JSON.stringify(wait)} is out of range: use a whole number from 5 to 600 (remediations run one after another, so a longer wait delays every other one on the device)`);
    }
    const cooldown = typeof step.cooldown === 'string' ? durationSeconds(step.cooldown) : undefined;
    if (cooldown !== undefined && cooldown < 86400) {
      issue(['cooldown'], `cooldown '${step.cooldown}' is shorter than a day (P1D): a OneDrive reset makes OneDrive sync every library again, which is slow on large libraries and metered links (reference 3.4); use 'P1D' or longer, e.g. 'P7D'`);
    }
  },
  toData: (step) => ({ Locations: [...ONEDRIVE_LOCATIONS], RestartWaitSeconds: waitOf(step) }),
  title: () => 'OneDrive reset when its sign-in is broken',
  explain: (step) => ({
    detects: `OneDrive.exe is installed (${LOCATION_WORDS}), ${gateWords(step.gate)}; not installed: skipped`,
    changes: `ends the user's OneDrive processes, runs OneDrive.exe /reset (at most once per ${durationWords(step.cooldown)}; local files are kept, every library syncs again), waits up to ${waitOf(step)} s for OneDrive to restart and starts it when it has not, then reads the running processes again to verify`,
  }),
};
