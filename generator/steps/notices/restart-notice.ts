import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link restartNotice}. */
export interface RestartNoticeProps extends ActionStepBase {
  /** The toast's first line. @maxLength 64 @example "Please restart your PC" */
  readonly noticeTitle: string;
  /** The toast's text. @maxLength 256 @example "Your PC has not restarted in two weeks. Restart it today to finish updates." */
  readonly text: string;
  /**
   * A "Restart now" button: it opens the per-user link `remgen-restart:`, which this step registers under
   * HKCU\Software\Classes to run `shutdown.exe /r /t <restartDelaySeconds>` (docs/reference/device-health.md 3).
   * @default true
   */
  readonly restartNow?: boolean;
  /** The restart button's words. @default "Restart now" @maxLength 32 */
  readonly restartNowText?: string;
  /**
   * Seconds between the button and the restart (`shutdown /a` cancels meanwhile).
   * @default 60
   * @minimum 10
   * @maximum 600
   */
  readonly restartDelaySeconds?: number;
  /** A snooze button, handled by Windows itself (the toast comes back later). @default true */
  readonly snooze?: boolean;
  /**
   * The sender's name on the toast: the display name of the app id registered for it.
   * @default "IT department"
   * @maxLength 64
   */
  readonly senderName?: string;
  /**
   * The AppUserModelID the toast is sent as, registered under HKCU\Software\Classes\AppUserModelId.
   * @default "remgen.RestartNotice"
   * @pattern ^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$
   */
  readonly appId?: string;
}

/**
 * An action (user context): a toast to the signed-in user asking for a restart, with a restart-now button, a
 * snooze or both, when its gate probes report the symptom (e.g. `deviceUptime`), at most once per cooldown.
 * Verified by finding the toast in the user's notification history; the gate stays failing until the user restarts.
 */
export interface RestartNoticeStep extends RestartNoticeProps {
  readonly kind: 'restartNotice';
}

/**
 * Ask the signed-in user to restart.
 * @example
 * restartNotice({ id: 'ask-restart', noticeTitle: 'Please restart', text: 'Restart today to finish updates.', gate: { probes: ['up-14'] }, cooldown: 'P1D' })
 */
export function restartNotice(props: RestartNoticeProps): RestartNoticeStep {
  return Object.freeze({ kind: 'restartNotice', ...props });
}

export const RESTART_NOTICE_APP_ID = 'remgen.RestartNotice';
// Printable ASCII keeps the toast XML and the script's literals simple; the toast escapes &, <, > and quotes itself.
const PRINTABLE = /^[\x20-\x7e]*$/;

export const restartNoticeRoom: StepRoom<RestartNoticeStep> = {
  kind: 'restartNotice',
  category: 'action',
  script: 'notices/restart-notice.ps1',
  setScript: 'notices/restart-notice-set.ps1',
  functions: { test: 'Test-RgRestartNotice', set: 'Show-RgRestartNotice' },
  runtime: ['registry.ps1', 'toast.ps1'],
  setRuntime: ['toast-write.ps1'],
  // A toast reaches the user it runs as: the signed-in user.
  contextOf: () => 'user',
  check(step, issue) {
    for (const key of ['noticeTitle', 'text', 'restartNowText', 'senderName'] as const) {
      const value = step[key];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.trim() === '') issue([key], `${key} is empty: the user would see a blank line`);
      else if (!PRINTABLE.test(value)) issue([key], `${key} ${JSON.stringify(value)} has characters outside printable ASCII: write it in plain ASCII (quotes and & are fine)`);
    }
    if (step.restartNow === false && step.snooze === false) {
      issue([], `the restartNotice step ${JSON.stringify(step.id)} has no button: keep restartNow, snooze or both`);
    }
    const delay = step.restartDelaySeconds;
    if (delay !== undefined && (!Number.isInteger(delay) || delay < 10 || delay > 600)) {
      issue(['restartDelaySeconds'], `restartDelaySeconds ${JSON.stringify(delay)} must be a whole number of seconds from 10 to 600 (time to save work)`);
    }
    if (step.appId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/.test(step.appId)) {
      issue(['appId'], `appId ${JSON.stringify(step.appId)} is not an app id remgen registers: letters, digits, dots and dashes, e.g. 'Contoso.RestartNotice'`);
    }
  },
  toData: (step) => ({
    NoticeTitle: step.noticeTitle,
    Text: step.text,
    RestartNow: step.restartNow ?? true,
    RestartNowText: step.restartNowText ?? 'Restart now',
    RestartDelaySeconds: step.restartDelaySeconds ?? 60,
    Snooze: step.snooze ?? true,
    SenderName: step.senderName ?? 'IT department',
    AppId: step.appId ?? RESTART_NOTICE_APP_ID,
  }),
  title: (step) => `The signed-in user asked to restart: ${step.noticeTitle}`,
  explain: (step) => ({
    detects: `the user should be asked to restart, ${gateWords(step.gate)}`,
    changes: `shows the signed-in user a notice "${step.noticeTitle}" from ${step.senderName ?? 'IT department'}` +
      `${(step.restartNow ?? true) ? ` with a "${step.restartNowText ?? 'Restart now'}" button (restarts after ${step.restartDelaySeconds ?? 60} seconds)` : ''}` +
      `${(step.snooze ?? true) ? `${(step.restartNow ?? true) ? ' and' : ' with'} a snooze` : ''}, at most once per ${durationWords(step.cooldown)}; ` +
      'checks that the notice reached the user\'s notifications; nothing restarts unless the user chooses it, so the device stays non-compliant until then',
  }),
};
