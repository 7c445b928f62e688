/**
 * What the clock rooms (clockSkew, clockResync) share: the reference server, the threshold and the request
 * timeout, their defaults and rules. A module of its own, since rooms do not import each other.
 */

/**
 * The server whose HTTPS `Date` header is the reference time: Microsoft's sign-in endpoint, reached through
 * the device's proxy like sign-in itself (docs/reference/intune-configmgr.md 3.5).
 */
export const DEFAULT_TIME_URI = 'https://login.microsoftonline.com/';

/** Kerberos tolerates 5 minutes of skew by default; OAuth and TLS fail with large skew too (reference 3.5). */
export const DEFAULT_SKEW_SECONDS = 300;

/** What both clock rooms measure with: the reference server, the threshold and the request timeout. */
export interface ClockMeasure {
  /**
   * HTTPS URL whose `Date` header is the reference time (one HEAD request through the system proxy).
   * @pattern ^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s]*)?$
   * @default "https://login.microsoftonline.com/"
   */
  readonly uri?: string;
  /**
   * Largest skew (device clock minus the server's Date, either direction) that still counts as in sync, in
   * seconds. The Date header has one-second resolution.
   * @default 300
   * @minimum 5
   * @maximum 86400
   */
  readonly thresholdSeconds?: number;
  /**
   * How long the HTTP request may take, in milliseconds.
   * @default 10000
   * @minimum 1000
   * @maximum 60000
   */
  readonly timeoutMilliseconds?: number;
}

const URI = /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[^\s]*)?$/;

/** The measure with its defaults, as the step table carries it (shared with clockResync). */
export function clockMeasureData(step: ClockMeasure): { Uri: string; ThresholdSeconds: number; TimeoutMilliseconds: number } {
  return { Uri: step.uri ?? DEFAULT_TIME_URI, ThresholdSeconds: step.thresholdSeconds ?? DEFAULT_SKEW_SECONDS, TimeoutMilliseconds: step.timeoutMilliseconds ?? 10000 };
}

/** The rules of the measure the schema cannot say (shared with clockResync). */
export function checkClockMeasure(step: ClockMeasure, issue: (path: readonly (string | number)[], message: string) => void): void {
  if (step.uri !== undefined && (typeof step.uri !== 'string' || !URI.test(step.uri))) {
    issue(['uri'], `uri ${JSON.stringify(step.uri)} is not an https:// URL: write one such as ${DEFAULT_TIME_URI} (the Date header of an https answer is read)`);
  }
  const { thresholdSeconds: s, timeoutMilliseconds: t } = step;
  if (s !== undefined && (!Number.isInteger(s) || s < 5 || s > 86400)) {
    issue(['thresholdSeconds'], `thresholdSeconds ${JSON.stringify(s)} is out of range: use a whole number from 5 to 86400 (the Date header has one-second resolution)`);
  }
  if (t !== undefined && (!Number.isInteger(t) || t < 1000 || t > 60000)) {
    issue(['timeoutMilliseconds'], `timeoutMilliseconds ${JSON.stringify(t)} is out of range: use a whole number from 1000 to 60000`);
  }
}
