import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';
import { appContext, appMatchData, appWords, checkAppMatch, checkVersion, type AppMatch } from './app-common.ts';

/** Props of {@link installedApp}. */
export interface InstalledAppProps extends StepBase, AppMatch {
  /** Whether a matching app should be installed or not. */
  readonly state: 'present' | 'absent';
  /** With `present`: at least this version must be installed (compared as versions). @example "23.1" */
  readonly minimumVersion?: string;
  /** With `present`: exactly this version must be installed (compared as versions: 23.1 is 23.1.0). */
  readonly exactVersion?: string;
}

/**
 * A probe: whether an app is installed, read from the Uninstall registry keys Add/Remove Programs lists
 * (both registry views for the machine, HKCU for the user). Never changes anything; gates `appUninstall`.
 */
export interface InstalledAppStep extends InstalledAppProps {
  readonly kind: 'installedApp';
}

/**
 * An installed app, by its Add/Remove Programs entry.
 * @example
 * installedApp({ id: 'agent-current', displayName: 'Contoso Agent', state: 'present', minimumVersion: '5.2' })
 */
export function installedApp(props: InstalledAppProps): InstalledAppStep {
  return Object.freeze({ kind: 'installedApp', ...props });
}

export const installedAppRoom: StepRoom<InstalledAppStep> = {
  kind: 'installedApp',
  category: 'probe',
  script: 'apps/installed-app.ps1',
  functions: { test: 'Test-RgInstalledApp' },
  runtime: ['apps.ps1', 'registry.ps1'],
  contextOf: appContext,
  check(step, issue) {
    checkAppMatch(step, issue);
    checkVersion(step.minimumVersion, ['minimumVersion'], issue);
    checkVersion(step.exactVersion, ['exactVersion'], issue);
    if (step.minimumVersion !== undefined && step.exactVersion !== undefined) {
      issue(['exactVersion'], 'give minimumVersion or exactVersion, not both');
    }
    if (step.state === 'absent' && (step.minimumVersion !== undefined || step.exactVersion !== undefined)) {
      issue([step.minimumVersion !== undefined ? 'minimumVersion' : 'exactVersion'], "a version to reach means nothing for an app that should be absent: to find old versions use belowVersion with state 'absent'");
    }
  },
  toData: (step) => ({
    ...appMatchData(step),
    Want: step.state === 'absent' ? 'Absent' : 'Present',
    MinimumVersion: step.minimumVersion ?? '',
    ExactVersion: step.exactVersion ?? '',
  }),
  title: (step) => `App ${step.displayName} ${step.state}`,
  explain: (step) => ({
    detects: `${appWords(step)} is ${step.state === 'absent' ? 'not installed' : 'installed'}${step.minimumVersion ? ` at version ${step.minimumVersion} or later` : ''}${step.exactVersion ? ` at version ${step.exactVersion} exactly` : ''}`,
    changes: 'nothing (a probe)',
  }),
};
