import type { StepBase } from '../../model/step.ts';
import type { StepIssue, StepRoom } from '../room.ts';

/** Props of {@link windowsFeature}. */
export interface WindowsFeatureProps extends StepBase {
  /**
   * An optional feature's name as `Get-WindowsOptionalFeature -Online` lists it ("Turn Windows features on or
   * off"), exactly, no wildcard; or give `capability`.
   * @maxLength 200
   * @example "NetFx3"
   */
  readonly feature?: string;
  /**
   * A capability's name as `Get-WindowsCapability -Online` lists it (Settings, "Optional features"), exactly or
   * with `*` after the name for its version (`OpenSSH.Client~~~~*`); or give `feature`.
   * @maxLength 200
   * @example "OpenSSH.Client~~~~0.0.1.0"
   */
  readonly capability?: string;
  /**
   * `enabled` (an optional feature Enabled, a capability Installed), `disabled` (an optional feature only:
   * Disabled, its files kept) or `absent` (not present: an optional feature disabled with its payload removed,
   * a capability removed).
   */
  readonly state: 'enabled' | 'disabled' | 'absent';
  /**
   * Where the feature's files come from when Windows does not have them (`-Source`): a folder such as a mounted
   * image's `sources\sxs` or a UNC share. Absent: Windows Update (or the WSUS the device uses).
   * @maxLength 260
   * @example "\\\\fs01\\media\\w11-24h2\\sources\\sxs"
   */
  readonly source?: string;
  /** Never ask Windows Update for the files (`-LimitAccess`): only `source`. @default false */
  readonly limitAccess?: boolean;
  /**
   * What a name this Windows does not know means: `nonCompliant` (the step fails, naming it) or `notApplicable`
   * (the step passes; e.g. a Server-only feature on a client).
   * @default "nonCompliant"
   */
  readonly ifMissing?: 'nonCompliant' | 'notApplicable';
}

/**
 * A setting (system context): a Windows optional feature or capability enabled, disabled or not present (the
 * Dism module's cmdlets through seams); whether Windows needs a restart to finish is reported.
 */
export interface WindowsFeatureStep extends WindowsFeatureProps {
  readonly kind: 'windowsFeature';
}

/**
 * A Windows optional feature or capability in a state.
 * @example
 * windowsFeature({ id: 'netfx3', feature: 'NetFx3', state: 'enabled' })
 */
export function windowsFeature(props: WindowsFeatureProps): WindowsFeatureStep {
  return Object.freeze({ kind: 'windowsFeature', ...props });
}

const label = (step: WindowsFeatureProps): string => step.feature ?? step.capability ?? '';
const kindWords = (step: WindowsFeatureProps): string => (step.feature !== undefined ? 'optional feature' : 'capability');
const STATE_WORDS = { enabled: 'enabled', disabled: 'disabled', absent: 'not present' } as const;

function check(step: WindowsFeatureProps, issue: StepIssue): void {
  const given = [step.feature, step.capability].filter((v) => v !== undefined);
  if (given.length !== 1) {
    issue([], `the windowsFeature step ${JSON.stringify(step.id)} needs exactly one of feature (Get-WindowsOptionalFeature) and capability (Get-WindowsCapability)`);
    return;
  }
  const key = step.feature !== undefined ? 'feature' : 'capability';
  const name = given[0]!;
  if (typeof name !== 'string' || name.trim() === '' || /[\\/\s"]/.test(name)) {
    issue([key], `${key} ${JSON.stringify(name)} is not a ${kindWords(step)} name: no spaces, quotes or slashes (write it as ${key === 'feature' ? "Get-WindowsOptionalFeature -Online shows FeatureName, e.g. 'NetFx3'" : "Get-WindowsCapability -Online shows Name, e.g. 'OpenSSH.Client~~~~0.0.1.0'"})`);
  } else if (key === 'feature' && /[*?]/.test(name)) {
    issue([key], `feature ${JSON.stringify(name)} has a wildcard: name one optional feature exactly, e.g. 'NetFx3'`);
  } else if (key === 'capability' && (/\?/.test(name) || /\*/.test(name.replace(/\*$/, '')) || !/^[^*~]+~/.test(name))) {
    issue([key], `capability ${JSON.stringify(name)} is not one capability: write its full name ('Rsat.Dns.Tools~~~~0.0.1.0'), or the name up to its version and '*' ('Rsat.Dns.Tools~~~~*')`);
  }
  if (key === 'capability' && step.state === 'disabled') {
    issue(['state'], "a capability is installed or not, never disabled: use state 'absent' (Remove-WindowsCapability) or 'enabled'");
  }
  if ((step.source !== undefined || step.limitAccess) && step.state !== 'enabled') {
    issue([step.source !== undefined ? 'source' : 'limitAccess'], "source and limitAccess say where the files come from when enabling: leave them out unless state is 'enabled'");
  }
  if (step.limitAccess && step.source === undefined) {
    issue(['limitAccess'], 'limitAccess without a source leaves Windows nowhere to get the files from: give source (e.g. a share with sources\\sxs) or drop limitAccess');
  }
  if (step.source !== undefined && (typeof step.source !== 'string' || !/^([A-Za-z]:\\|\\\\[^\\]+\\|%[A-Za-z_]+%)/.test(step.source))) {
    issue(['source'], `source ${JSON.stringify(step.source)} is not a folder: write an absolute path ('D:\\sources\\sxs') or a share ('\\\\fs01\\media\\sxs')`);
  }
}

export const windowsFeatureRoom: StepRoom<WindowsFeatureStep> = {
  kind: 'windowsFeature',
  category: 'setting',
  script: 'features/windows-feature.ps1',
  setScript: 'features/windows-feature-set.ps1',
  functions: { test: 'Test-RgWindowsFeature', set: 'Set-RgWindowsFeatureState' },
  runtime: ['features.ps1'],
  setRuntime: ['features-write.ps1'],
  // The Dism cmdlets need an administrator, online servicing of the running Windows.
  contextOf: () => 'system',
  check,
  toData: (step) => ({
    FeatureKind: step.feature !== undefined ? 'OptionalFeature' : 'Capability',
    Name: label(step),
    Want: step.state === 'enabled' ? 'Enabled' : step.state === 'disabled' ? 'Disabled' : 'Absent',
    Source: step.source ?? '',
    LimitAccess: step.limitAccess ?? false,
    IfMissing: step.ifMissing === 'notApplicable' ? 'NotApplicable' : 'NonCompliant',
  }),
  title: (step) => `Windows ${kindWords(step)} ${label(step)} ${STATE_WORDS[step.state]}`,
  explain: (step) => {
    const what = `the Windows ${kindWords(step)} ${label(step)}`;
    const missing = step.ifMissing === 'notApplicable' ? 'a Windows that does not know it passes' : 'a Windows that does not know it fails';
    const change = step.state === 'enabled'
      ? (step.feature !== undefined ? 'enables it with the features it needs (Enable-WindowsOptionalFeature -All -NoRestart)' : 'installs it (Add-WindowsCapability)')
        + (step.source !== undefined ? `, its files from ${step.source}${step.limitAccess ? ' only' : ' or Windows Update'}` : ', its files from Windows Update if needed')
      : step.state === 'disabled'
        ? 'disables it, keeping its files (Disable-WindowsOptionalFeature -NoRestart)'
        : step.feature !== undefined ? 'disables it and removes its files (Disable-WindowsOptionalFeature -Remove -NoRestart)' : 'removes it (Remove-WindowsCapability)';
    return {
      detects: `${what} is ${STATE_WORDS[step.state]} (${missing})`,
      changes: `${change}; never restarts the device, but says when Windows needs a restart to finish`,
    };
  },
};
