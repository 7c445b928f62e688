import type { StepBase } from '../../model/step.ts';
import type { StepRoom } from '../room.ts';

/** Props of {@link windowsVersion}. */
export interface WindowsVersionProps extends StepBase {
  /**
   * Lowest Windows build that passes. TLS 1.3 in SCHANNEL needs Windows Server 2022 (build 20348) or later
   * (docs/reference/intune-configmgr.md 3.3); Windows 11 starts at build 22000.
   * @default 0 (any build: the probe only reports it)
   * @minimum 0
   * @maximum 99999
   * @example 20348
   */
  readonly minimumBuild?: number;
}

/** A probe: reports the Windows build the device runs; fails when it is below `minimumBuild`. Never changes anything. */
export interface WindowsVersionStep extends WindowsVersionProps {
  readonly kind: 'windowsVersion';
}

/**
 * A probe of the Windows build (CurrentBuildNumber and UBR under HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion).
 * @example
 * windowsVersion({ id: 'tls13-capable', minimumBuild: 20348 })
 */
export function windowsVersion(props: WindowsVersionProps): WindowsVersionStep {
  return Object.freeze({ kind: 'windowsVersion', ...props });
}

const wanted = (step: WindowsVersionProps): string =>
  step.minimumBuild ? `Windows build ${step.minimumBuild} or later` : 'any Windows build (reported only)';

export const windowsVersionRoom: StepRoom<WindowsVersionStep> = {
  kind: 'windowsVersion',
  category: 'probe',
  script: 'system/windows-version.ps1',
  functions: { test: 'Test-RgWindowsVersion' },
  // windows.ps1: Get-RgWindowsBuild, shared with schannelProtocol (TLS 1.3 needs a build).
  runtime: ['registry.ps1', 'windows.ps1'],
  // HKLM is readable by the signed-in user too: the probe fits either package.
  contextOf: () => 'any',
  check(step, issue) {
    const { minimumBuild } = step;
    if (minimumBuild !== undefined && (!Number.isInteger(minimumBuild) || minimumBuild < 0 || minimumBuild > 99999)) {
      issue(['minimumBuild'], `minimumBuild ${JSON.stringify(minimumBuild)} is not a Windows build number: use a whole number such as 20348 or 22000`);
    }
  },
  toData: (step) => ({ MinimumBuild: step.minimumBuild ?? 0 }),
  title: (step) => (step.minimumBuild ? `Windows build is ${step.minimumBuild} or later` : 'Windows build (reported)'),
  explain: (step) => ({
    detects: `the device runs ${wanted(step)} (HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion CurrentBuildNumber and UBR)`,
    changes: 'nothing: a probe only reads and reports',
  }),
};
