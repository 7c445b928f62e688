import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';

/** Props of {@link appxPackage}. */
export interface AppxPackageProps extends StepBase {
  /**
   * The package name (`Microsoft.BingWeather`), exactly or with `*` and `?`; or give `familyName`.
   * @maxLength 200
   * @example "Microsoft.BingNews"
   */
  readonly name?: string;
  /** The package family name (`Microsoft.BingWeather_8wekyb3d8bbwe`), exactly or with wildcards after the name. @maxLength 260 */
  readonly familyName?: string;
  /**
   * `currentUser`: the signed-in user's packages (user context); `allUsers`: every user's on the device
   * (system context).
   * @default "currentUser"
   */
  readonly scope?: 'currentUser' | 'allUsers';
  /** Also the provisioned package, which Windows installs for every new profile (system context). @default false */
  readonly provisioned?: boolean;
  /** Whether the package should be installed or not. remgen removes packages; it does not install them. */
  readonly state: 'present' | 'absent';
}

/**
 * A setting: an AppX (Store) package installed or not, for the user or all users, and provisioned for new
 * profiles (the Appx and Dism modules' cmdlets, Windows 8 and later, through seams).
 */
export interface AppxPackageStep extends AppxPackageProps {
  readonly kind: 'appxPackage';
}

/**
 * An AppX package present or absent.
 * @example
 * appxPackage({ id: 'no-bing-news', name: 'Microsoft.BingNews', scope: 'allUsers', provisioned: true, state: 'absent' })
 */
export function appxPackage(props: AppxPackageProps): AppxPackageStep {
  return Object.freeze({ kind: 'appxPackage', ...props });
}

/** Packages Windows itself needs (frameworks, the shell, sign-in, the Store): never to be removed by a pattern. */
const ESSENTIAL = [
  'Microsoft.VCLibs.140.00', 'Microsoft.NET.Native.Framework.2.2', 'Microsoft.NET.Native.Runtime.2.2', 'Microsoft.UI.Xaml.2.8', 'Microsoft.WindowsAppRuntime.1.4',
  'Microsoft.Windows.ShellExperienceHost', 'Microsoft.Windows.StartMenuExperienceHost', 'Microsoft.AAD.BrokerPlugin', 'Microsoft.AccountsControl', 'Microsoft.WindowsStore',
  'Microsoft.DesktopAppInstaller', 'Microsoft.SecHealthUI', 'windows.immersivecontrolpanel', 'Microsoft.Windows.CloudExperienceHost', 'Microsoft.LockApp',
];

const glob = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
const ONLY_WILDCARDS = /^[*?._\s]*$/;

function check(step: AppxPackageProps, issue: StepIssue): void {
  const given = [step.name, step.familyName].filter((v) => v !== undefined);
  if (given.length !== 1) {
    issue([], `the appxPackage step ${JSON.stringify(step.id)} needs exactly one of name and familyName`);
    return;
  }
  const key = step.name !== undefined ? 'name' : 'familyName';
  const pattern = given[0]!;
  if (typeof pattern !== 'string' || ONLY_WILDCARDS.test(pattern) || /^(Microsoft|Windows)\.?\*$/i.test(pattern)) {
    issue([key], `${key} ${JSON.stringify(pattern)} matches every package (or every Microsoft one): name the app, e.g. 'Microsoft.BingNews' or 'Microsoft.Xbox*'`);
    return;
  }
  if (/[\\/\s]/.test(pattern)) issue([key], `${key} ${JSON.stringify(pattern)} is not a package name: no spaces or slashes (Get-AppxPackage shows the Name)`);
  if (key === 'familyName' && !/^[^_*?]+_/.test(pattern)) issue([key], `familyName ${JSON.stringify(pattern)} is not a family name: the package name, '_', the publisher id, e.g. 'Microsoft.BingWeather_8wekyb3d8bbwe'`);
  if (step.state === 'absent') {
    const name = pattern.split('_')[0]!;
    const hit = ESSENTIAL.find((essential) => glob(name).test(essential));
    if (hit) issue([key], `${key} ${JSON.stringify(pattern)} matches ${hit}, a package Windows needs (frameworks, shell, sign-in, Store): removing it breaks the device; name the consumer app exactly`);
  }
  if (step.state === 'present' && step.provisioned) {
    issue(['provisioned'], "remgen does not install or provision packages: 'present' with provisioned can only ever report; deploy the app with Intune and check it with state 'present' alone");
  }
}

const allUsers = (step: AppxPackageProps): boolean => step.scope === 'allUsers';
const label = (step: AppxPackageProps): string => step.name ?? step.familyName ?? '';

export const appxPackageRoom: StepRoom<AppxPackageStep> = {
  kind: 'appxPackage',
  category: 'setting',
  script: 'apps/appx-package.ps1',
  setScript: 'apps/appx-package-set.ps1',
  functions: { test: 'Test-RgAppxPackage', set: 'Set-RgAppxPackage' },
  runtime: ['appx.ps1'],
  setRuntime: ['appx-write.ps1'],
  // Every user's packages and the provisioned ones need an administrator; the user's own run as the user.
  contextOf: (step) => (allUsers(step) || step.provisioned ? 'system' : 'user'),
  check,
  toData: (step) => ({
    Name: step.name ?? (step.familyName ?? '').split('_')[0]!,
    FamilyName: step.familyName ?? '',
    AllUsers: allUsers(step),
    Provisioned: step.provisioned ?? false,
    Want: step.state === 'absent' ? 'Absent' : 'Present',
  }),
  title: (step) => `AppX ${label(step)} ${step.state}`,
  explain: (step) => {
    const who = allUsers(step) ? 'for any user on the device' : 'for the signed-in user';
    return {
      detects: step.state === 'absent'
        ? `the AppX package ${label(step)} is not installed ${who}${step.provisioned ? ' and not provisioned for new profiles' : ''}`
        : `the AppX package ${label(step)} is installed ${who}`,
      changes: step.state === 'absent'
        ? `removes it ${allUsers(step) ? 'for every user (Remove-AppxPackage -AllUsers)' : 'for the user (Remove-AppxPackage)'}${step.provisioned ? ' and removes its provisioning (Remove-AppxProvisionedPackage -Online)' : ''}`
        : 'nothing: remgen does not install packages (a missing one is reported)',
    };
  },
};
