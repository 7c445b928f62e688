/**
 * The Windows PowerShell 5.1 commands that generated scripts may call, with the parameters they may
 * use: the `allowlisted-commands` rule holds every script to it (a command the script does not define
 * itself must be here, and every named parameter must be listed here or be a common parameter).
 *
 * Each parameter carries its .NET type in Windows PowerShell 5.1 as the 5.1 compatibility profile names
 * it. `npm run check:allowlist` (run by .ci/run) checks every entry against
 * windows-powershell-5.1.json (docs/reference/README.md): the command is in that module, and every parameter
 * exists with the same type. Add an entry when a runtime part or a step room needs a new command, with
 * the parameters it uses and nothing more.
 */

/** The oldest Windows that runs Windows PowerShell 5.1 (WMF 5.1); Intune's own floor is Windows 10 1607 (14393). */
export const SUPPORTED_WINDOWS = { build: 7601, name: 'Windows 7 SP1 / Windows Server 2008 R2 SP1 (WMF 5.1)' } as const;

export interface WindowsBuild {
  readonly build: number;
  readonly name: string;
}

export interface AllowedCommand {
  /** The 5.1 module that has it. */
  readonly module: string;
  /** Parameter name -> .NET type in Windows PowerShell 5.1 (as the 5.1 profile writes it). */
  readonly parameters: Readonly<Record<string, string>>;
  /** The oldest Windows build that has the command, when not every supported build (SUPPORTED_WINDOWS) has it. */
  readonly minBuild?: WindowsBuild;
  /** What the runtime uses it for. */
  readonly use: string;
}

/** about_CommonParameters in Windows PowerShell 5.1 (-ProgressAction is 7.4's, see the no-7-only-parameters rule). */
export const COMMON_PARAMETERS: readonly string[] = [
  'Debug', 'ErrorAction', 'ErrorVariable', 'InformationAction', 'InformationVariable', 'OutBuffer',
  'OutVariable', 'PipelineVariable', 'Verbose', 'WarningAction', 'WarningVariable',
];

const SWITCH = 'System.Management.Automation.SwitchParameter';
const STRING = 'System.String';
const STRINGS = 'System.String[]';
const SCRIPTBLOCK = 'System.Management.Automation.ScriptBlock';
const PSOBJECT = 'System.Management.Automation.PSObject';
const INT = 'System.Int32';
const INTS = 'System.Int32[]';
const BOOL = 'System.Boolean';

const WINDOWS_8: WindowsBuild = { build: 9200, name: 'Windows 8 / Windows Server 2012' };
const WINDOWS_10: WindowsBuild = { build: 10240, name: 'Windows 10 1507 / Windows Server 2016' };
/** Remove-AppxPackage -AllUsers: Windows 10 1809 and later (from memory of Microsoft's cmdlet page; not in docs/reference yet). */
const WINDOWS_10_1809: WindowsBuild = { build: 17763, name: 'Windows 10 1809 / Windows Server 2019' };

export const WINDOWS_POWERSHELL_51_ALLOWLIST: Readonly<Record<string, AllowedCommand>> = {
  // Microsoft.PowerShell.Core: the only module the test engine has, so the runtime outside seams uses only these.
  'Set-StrictMode': { module: 'Microsoft.PowerShell.Core', parameters: { Version: 'System.Version', Off: SWITCH }, use: 'script header' },
  'Where-Object': {
    module: 'Microsoft.PowerShell.Core',
    parameters: { FilterScript: SCRIPTBLOCK, InputObject: PSOBJECT, Property: STRING, Value: 'System.Object', EQ: SWITCH, NE: SWITCH },
    use: 'filtering step results and log lines',
  },
  'ForEach-Object': {
    module: 'Microsoft.PowerShell.Core',
    parameters: { Process: 'System.Management.Automation.ScriptBlock[]', Begin: SCRIPTBLOCK, End: SCRIPTBLOCK, InputObject: PSOBJECT, MemberName: STRING },
    use: 'pipelines over step results',
  },
  'Export-ModuleMember': { module: 'Microsoft.PowerShell.Core', parameters: { Function: STRINGS }, use: 'the module target: exporting exactly Test-<Name> and Repair-<Name>' },
  'Out-Null': { module: 'Microsoft.PowerShell.Core', parameters: { InputObject: PSOBJECT }, use: 'discarding output' },
  'Get-Command': {
    module: 'Microsoft.PowerShell.Core',
    parameters: { Name: STRINGS, CommandType: 'System.Management.Automation.CommandTypes', Module: STRINGS },
    use: 'seams that test whether a module command exists on this build before calling it',
  },

  // Microsoft.PowerShell.Utility
  'Add-Type': { module: 'Microsoft.PowerShell.Utility', parameters: { AssemblyName: STRINGS, TypeDefinition: STRING, PassThru: SWITCH }, use: 'loading an assembly 5.1 does not load at start (System.Net.Http); compiling the C# 5 TLS validation callback (Get-RgTlsChain)' },
  'Invoke-WebRequest': {
    module: 'Microsoft.PowerShell.Utility',
    parameters: {
      Uri: 'System.Uri', Method: 'Microsoft.PowerShell.Commands.WebRequestMethod', UseBasicParsing: SWITCH, TimeoutSec: INT,
      Headers: 'System.Collections.IDictionary', UserAgent: STRING, MaximumRedirection: INT, UseDefaultCredentials: SWITCH,
      Proxy: 'System.Uri', ProxyUseDefaultCredentials: SWITCH,
    },
    use: 'HTTP seams (Get-RgHttpDate: the Date header of a sign-in endpoint)',
  },

  // Microsoft.PowerShell.Management
  'Get-Process': { module: 'Microsoft.PowerShell.Management', parameters: { Name: STRINGS, Id: INTS, IncludeUserName: SWITCH }, use: 'process seams (Get-RgProcess)' },
  'Stop-Process': {
    module: 'Microsoft.PowerShell.Management',
    parameters: { Id: INTS, Name: STRINGS, InputObject: 'System.Diagnostics.Process[]', Force: SWITCH, PassThru: SWITCH },
    use: 'process seams (Stop-RgProcess)',
  },
  'Start-Process': {
    module: 'Microsoft.PowerShell.Management',
    parameters: { FilePath: STRING, ArgumentList: STRINGS, WorkingDirectory: STRING, WindowStyle: 'System.Diagnostics.ProcessWindowStyle', PassThru: SWITCH },
    use: 'process seams (Start-RgProcess: starting OneDrive again after a reset)',
  },
  'Get-Service': { module: 'Microsoft.PowerShell.Management', parameters: { Name: STRINGS }, use: 'service seams (W32Time state)' },
  'Start-Service': { module: 'Microsoft.PowerShell.Management', parameters: { Name: STRINGS, PassThru: SWITCH }, use: 'service seams (starting W32Time)' },
  'Set-Service': {
    module: 'Microsoft.PowerShell.Management',
    parameters: { Name: STRING, StartupType: 'System.ServiceProcess.ServiceStartMode' },
    use: 'service seams (W32Time start type)',
  },

  // ScheduledTasks (CIM-based; Windows 8 and later)
  'Get-ScheduledTask': { module: 'ScheduledTasks', parameters: { TaskName: STRINGS, TaskPath: STRINGS }, minBuild: WINDOWS_8, use: 'scheduled-task seams (Automatic-Device-Join)' },
  'Start-ScheduledTask': {
    module: 'ScheduledTasks',
    parameters: { TaskName: STRING, TaskPath: STRING, InputObject: 'Microsoft.Management.Infrastructure.CimInstance' },
    minBuild: WINDOWS_8,
    use: 'scheduled-task seams (Start-RgScheduledTask: Automatic-Device-Join)',
  },

  // ScheduledTasks for the scheduledTask rooms (Get-RgScheduledTask, Set-RgScheduledTaskEnabled)
  'Get-ScheduledTaskInfo': { module: 'ScheduledTasks', parameters: { InputObject: 'Microsoft.Management.Infrastructure.CimInstance' }, minBuild: WINDOWS_8, use: 'task seam: last run time and result' },
  'Enable-ScheduledTask': { module: 'ScheduledTasks', parameters: { TaskName: STRING, TaskPath: STRING }, minBuild: WINDOWS_8, use: 'task seam: scheduledTask enabled' },
  'Disable-ScheduledTask': { module: 'ScheduledTasks', parameters: { TaskName: STRING, TaskPath: STRING }, minBuild: WINDOWS_8, use: 'task seam: scheduledTask disabled' },

  // Microsoft.PowerShell.Utility for the file room's JSON seams (Get-RgJsonProperty, Set-RgJsonProperty)
  'ConvertFrom-Json': { module: 'Microsoft.PowerShell.Utility', parameters: { InputObject: STRING }, use: 'file seams: reading a JSON file' },
  'ConvertTo-Json': { module: 'Microsoft.PowerShell.Utility', parameters: { InputObject: 'System.Object', Compress: SWITCH, Depth: 'System.Int32' }, use: 'file seams: writing a JSON file back' },
  'Add-Member': { module: 'Microsoft.PowerShell.Utility', parameters: { NotePropertyName: STRING, NotePropertyValue: 'System.Object', Force: SWITCH, InputObject: 'System.Management.Automation.PSObject' }, use: 'file seams: setting a JSON property' },

  // Appx and Dism for the appxPackage room (seams in runtime/appx.ps1, appx-write.ps1)
  'Get-AppxPackage': { module: 'Appx', parameters: { Name: STRING, AllUsers: SWITCH }, minBuild: WINDOWS_8, use: 'AppX seam: installed packages (the user\'s or every user\'s)' },
  'Remove-AppxPackage': { module: 'Appx', parameters: { Package: STRING, AllUsers: SWITCH }, minBuild: WINDOWS_10_1809, use: 'AppX seam: a package removed for the user or every user' },
  'Get-AppxProvisionedPackage': { module: 'Dism', parameters: { Online: SWITCH }, minBuild: WINDOWS_8, use: 'AppX seam: provisioned packages' },
  'Remove-AppxProvisionedPackage': { module: 'Dism', parameters: { Online: SWITCH, PackageName: STRING }, minBuild: WINDOWS_8, use: 'AppX seam: a provisioning removed' },

  // Dism for the windowsFeature room (seams in runtime/features.ps1, features-write.ps1; docs/reference/windows-admin.md 3.1)
  'Get-WindowsOptionalFeature': { module: 'Dism', parameters: { Online: SWITCH }, minBuild: WINDOWS_8, use: 'feature seam: every optional feature and its state' },
  'Enable-WindowsOptionalFeature': {
    module: 'Dism', parameters: { Online: SWITCH, FeatureName: STRINGS, All: SWITCH, NoRestart: SWITCH, Source: STRINGS, LimitAccess: SWITCH }, minBuild: WINDOWS_8,
    use: 'feature seam: an optional feature enabled with its parents, never restarting',
  },
  'Disable-WindowsOptionalFeature': { module: 'Dism', parameters: { Online: SWITCH, FeatureName: STRINGS, NoRestart: SWITCH, Remove: SWITCH }, minBuild: WINDOWS_8, use: 'feature seam: an optional feature disabled (or its payload removed)' },
  'Get-WindowsCapability': { module: 'Dism', parameters: { Online: SWITCH }, minBuild: WINDOWS_10, use: 'feature seam: every capability and its state' },
  'Add-WindowsCapability': { module: 'Dism', parameters: { Online: SWITCH, Name: STRING, Source: STRINGS, LimitAccess: SWITCH }, minBuild: WINDOWS_10, use: 'feature seam: a capability added' },
  'Remove-WindowsCapability': { module: 'Dism', parameters: { Online: SWITCH, Name: STRING }, minBuild: WINDOWS_10, use: 'feature seam: a capability removed' },

  // Microsoft.PowerShell.LocalAccounts for the localUser room (seams in runtime/accounts.ps1, accounts-write.ps1; docs/reference/windows-admin.md 2.4)
  'Get-LocalUser': { module: 'Microsoft.PowerShell.LocalAccounts', parameters: {}, use: 'account seam: every local user with its SID and whether it is enabled' },
  'Enable-LocalUser': { module: 'Microsoft.PowerShell.LocalAccounts', parameters: { SID: 'System.Security.Principal.SecurityIdentifier[]' }, use: 'account seam: a local user enabled' },
  'Disable-LocalUser': { module: 'Microsoft.PowerShell.LocalAccounts', parameters: { SID: 'System.Security.Principal.SecurityIdentifier[]' }, use: 'account seam: a local user disabled' },
  'Remove-LocalUser': { module: 'Microsoft.PowerShell.LocalAccounts', parameters: { SID: 'System.Security.Principal.SecurityIdentifier[]' }, use: 'account seam: a local user deleted' },

  // Defender for the defender rooms (seams in runtime/defender.ps1, defender-write.ps1; docs/reference/windows-admin.md 1)
  'Get-MpPreference': { module: 'Defender', parameters: {}, minBuild: WINDOWS_8, use: 'Defender seam: the preferences remgen types' },
  'Set-MpPreference': {
    module: 'Defender',
    parameters: {
      DisableRealtimeMonitoring: BOOL, DisableBehaviorMonitoring: BOOL, DisableIOAVProtection: BOOL, DisableScriptScanning: BOOL, DisableBlockAtFirstSeen: BOOL,
      PUAProtection: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.MpPreference.PUAProtectionType', MAPSReporting: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.MpPreference.MAPSReportingType', CloudBlockLevel: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.MpPreference.CloudBlockLevelType',
      SubmitSamplesConsent: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.MpPreference.SubmitSamplesConsentType', EnableNetworkProtection: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.MpPreference.ASRRuleActionType', Force: SWITCH,
    },
    minBuild: WINDOWS_8,
    use: 'Defender seam: one preference set (read again by the step: tamper protection can make it do nothing)',
  },
  'Get-MpComputerStatus': { module: 'Defender', parameters: {}, minBuild: WINDOWS_8, use: 'Defender seam: real-time protection, signature age, running mode, tamper protection' },
  'Update-MpSignature': { module: 'Defender', parameters: { UpdateSource: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.MpSignature.UpdateSource' }, minBuild: WINDOWS_8, use: 'Defender seam: a signature update' },

  // TLS (Windows 10 and later)
  // CimCmdlets (every supported Windows has it): the last boot time (Get-RgLastBootTime).
  'Get-CimInstance': { module: 'CimCmdlets', parameters: { ClassName: STRING, Property: STRINGS }, use: 'device-health seam: Win32_OperatingSystem LastBootUpTime' },
  'Get-TlsCipherSuite': { module: 'TLS', parameters: { Name: STRING }, minBuild: WINDOWS_10, use: 'cipher-suite seam: the Azure Front Door suites and their order' },
  'Enable-TlsCipherSuite': { module: 'TLS', parameters: { Name: STRING, Position: 'System.UInt32' }, minBuild: WINDOWS_10, use: 'cipher-suite seam: enabling a suite at a position' },
  'Disable-TlsCipherSuite': { module: 'TLS', parameters: { Name: STRING }, minBuild: WINDOWS_10, use: 'cipher-suite seam: an enabled suite is disabled, then enabled again at its new position' },
};

/** The allowlist entry for a command name (case-insensitive), if any. */
export function allowedCommand(name: string): { name: string; entry: AllowedCommand } | undefined {
  const wanted = name.toLowerCase();
  for (const [key, entry] of Object.entries(WINDOWS_POWERSHELL_51_ALLOWLIST)) {
    if (key.toLowerCase() === wanted) return { name: key, entry };
  }
  return undefined;
}
