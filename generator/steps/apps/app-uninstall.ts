import { durationWords, gateWords } from '../../model/step.ts';
import type { ActionStepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { appContext, appMatchData, appWords, checkAppMatch, type AppMatch } from './app-common.ts';

/** How an app is uninstalled without anyone at the screen. */
export type UninstallMethod = 'auto' | 'msi' | 'quietUninstallString' | 'uninstallString';

/** Props of {@link appUninstall}. */
export interface AppUninstallProps extends ActionStepBase, AppMatch {
  /**
   * `msi`: `msiexec.exe /x {ProductCode} /qn /norestart` (the entry must be a Windows Installer product);
   * `quietUninstallString`: the entry's QuietUninstallString, the vendor's silent command; `uninstallString`:
   * the entry's UninstallString plus `silentArguments` (it is interactive on its own); `auto`: msi for a
   * Windows Installer product, else QuietUninstallString, else the step fails saying there is no silent way.
   * @default "auto"
   */
  readonly method?: UninstallMethod;
  /**
   * Arguments added to the UninstallString that make it silent (the vendor's, e.g. `["/S"]` for NSIS); needed
   * with `method: 'uninstallString'`.
   */
  readonly silentArguments?: readonly string[];
  /**
   * Exit codes that mean the uninstaller succeeded; 3010 (ERROR_SUCCESS_REBOOT_REQUIRED) is success that
   * asks for a restart.
   * @default [0, 3010]
   */
  readonly successExitCodes?: readonly number[];
  /**
   * How long one uninstaller may run, in seconds.
   * @minimum 30
   * @maximum 3600
   * @default 900
   */
  readonly timeoutSeconds?: number;
}

/**
 * An action: uninstalls every matching app (by MSI product code or its silent uninstall command, never
 * through `cmd /c`) when its gate probes report the symptom, at most once per cooldown. Verified by reading
 * the uninstall keys again: an uninstaller that exits 0 but leaves the app installed is a failure.
 */
export interface AppUninstallStep extends AppUninstallProps {
  readonly kind: 'appUninstall';
}

/**
 * Uninstall an app.
 * @example
 * appUninstall({ id: 'remove-old-agent', displayName: 'Contoso Agent', belowVersion: '5.2', gate: { probes: ['no-old-agent'] }, cooldown: 'P1D' })
 */
export function appUninstall(props: AppUninstallProps): AppUninstallStep {
  return Object.freeze({ kind: 'appUninstall', ...props });
}

export const DEFAULT_UNINSTALL_TIMEOUT_SECONDS = 900;

const METHOD_DATA: Record<UninstallMethod, string> = { auto: 'Auto', msi: 'Msi', quietUninstallString: 'QuietUninstallString', uninstallString: 'UninstallString' };
const METHOD_WORDS: Record<UninstallMethod, string> = {
  auto: 'msiexec /x with its product code (a Windows Installer product) or its QuietUninstallString',
  msi: 'msiexec /x with its product code, /qn /norestart',
  quietUninstallString: 'its QuietUninstallString',
  uninstallString: 'its UninstallString with silent arguments',
};

export const appUninstallRoom: StepRoom<AppUninstallStep> = {
  kind: 'appUninstall',
  category: 'action',
  script: 'apps/app-uninstall.ps1',
  setScript: 'apps/app-uninstall-set.ps1',
  functions: { test: 'Test-RgAppUninstalled', set: 'Uninstall-RgApp' },
  runtime: ['apps.ps1', 'registry.ps1'],
  setRuntime: ['apps-write.ps1'],
  contextOf: appContext,
  check(step, issue) {
    checkAppMatch(step, issue);
    const method = step.method ?? 'auto';
    const silent = step.silentArguments ?? [];
    if (method === 'uninstallString' && silent.length === 0) {
      issue(['silentArguments'], "an UninstallString on its own runs the vendor's interactive uninstaller, which waits for a click nobody gives: add the vendor's silentArguments (e.g. ['/S'] or ['/quiet']), or use method 'msi' or 'quietUninstallString'");
    }
    if (method !== 'uninstallString' && silent.length > 0) {
      issue(['silentArguments'], "silentArguments are added to the UninstallString only: use method 'uninstallString' or leave them out");
    }
    silent.forEach((argument, index) => {
      if (typeof argument !== 'string' || argument === '' || /["\r\n]/.test(argument)) issue(['silentArguments', index], `argument ${JSON.stringify(argument)} must be one non-empty argument without quotes or line breaks`);
    });
    (step.successExitCodes ?? []).forEach((code, index) => {
      if (!Number.isInteger(code) || code < -2147483648 || code > 4294967295) issue(['successExitCodes', index], `exit code ${JSON.stringify(code)} is not an exit code: use a whole number such as 0`);
    });
    const timeout = step.timeoutSeconds;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 30 || timeout > 3600)) {
      issue(['timeoutSeconds'], `timeoutSeconds ${JSON.stringify(timeout)} must be a whole number of seconds from 30 to 3600`);
    }
  },
  toData: (step) => ({
    ...appMatchData(step),
    Method: METHOD_DATA[step.method ?? 'auto'],
    SilentArguments: [...(step.silentArguments ?? [])],
    SuccessExitCodes: [...(step.successExitCodes ?? [0, 3010])],
    TimeoutSeconds: step.timeoutSeconds ?? DEFAULT_UNINSTALL_TIMEOUT_SECONDS,
  }),
  title: (step) => `App ${step.displayName}${step.belowVersion ? ` below ${step.belowVersion}` : ''} uninstalled`,
  explain: (step) => ({
    detects: `${appWords(step)} is installed, ${gateWords(step.gate)}`,
    changes: `uninstalls every matching app with ${METHOD_WORDS[step.method ?? 'auto']} (at most once per ${durationWords(step.cooldown)}; exit codes ${(step.successExitCodes ?? [0, 3010]).join(', ')} count as success, 3010 asks for a restart), then reads the uninstall keys again to verify`,
  }),
};
