import type { AllowedCommand } from './windows-powershell-5.1-allowlist.ts';

/**
 * The one exception to `allowlisted-commands` and `core-only-outside-seams`: the ConfigMgr target's import
 * script (configmgr/<id>/Import-<Name>.ps1). It runs on a site server, never on a device, and calling the
 * ConfigurationManager module is its purpose, so it may call the commands listed here, with the
 * parameters listed and no others, outside seam functions. Every other script, device scripts in
 * particular, stays held to the Windows PowerShell 5.1 allowlist and to Core commands outside seams.
 *
 * The ConfigurationManager module is not in windows-powershell-5.1.json (docs/reference/README.md) (a Windows 10
 * profile without the ConfigMgr console), so `npm run check:allowlist` cannot check these entries; they
 * follow the cmdlet reference on Learn (MicrosoftDocs/sccm-docs-powershell-ref, sccm-ps/ConfigurationManager/
 * <cmdlet>.md) and docs/reference/intune-configmgr.md 2.1. Push-Location, Pop-Location and
 * Import-Module are the 5.1 profile's (Microsoft.PowerShell.Management and Core): the cmdlets run from the
 * site drive, and the module is loaded from the console's folder.
 */
export const CONFIGMGR_IMPORT_SCRIPT = /(?:^|[\\/])Import-[A-Z][A-Za-z0-9]*\.ps1$/;

const STRING = 'System.String';
const SWITCH = 'System.Management.Automation.SwitchParameter';
const BOOLEAN = 'System.Boolean';
const RESULT = 'Microsoft.ConfigurationManagement.ManagementProvider.IResultObject';
const CM = 'ConfigurationManager';

export const CONFIGMGR_IMPORT_COMMANDS: Readonly<Record<string, AllowedCommand>> = {
  'Get-CMConfigurationItem': { module: CM, parameters: { Name: STRING }, use: 'finds the configuration item by name' },
  'New-CMConfigurationItem': {
    module: CM,
    parameters: { Name: STRING, Description: STRING, CreationType: 'CICreationType' },
    use: 'creates the configuration item (Windows OS)',
  },
  'Set-CMConfigurationItem': { module: CM, parameters: { InputObject: RESULT, Description: STRING }, use: 'updates its description' },
  'Get-CMComplianceSetting': { module: CM, parameters: { InputObject: RESULT, SettingName: STRING }, use: 'finds the script setting' },
  'Add-CMComplianceSettingScript': {
    module: CM,
    parameters: {
      InputObject: 'System.Management.Automation.PSObject', Name: STRING, Description: STRING, DataType: 'SettingDataType',
      DiscoveryScriptLanguage: 'ScriptingLanguage', DiscoveryScriptFile: STRING, RemediationScriptLanguage: 'ScriptingLanguage',
      RemediationScriptFile: STRING, Remediate: SWITCH, Is64Bit: SWITCH, IsPerUser: SWITCH, ValueRule: SWITCH, RuleName: STRING,
      ExpectedValue: 'System.String[]', ExpressionOperator: 'RuleExpressionOperator', NoncomplianceSeverity: 'NoncomplianceSeverity',
      ReportNoncompliance: SWITCH,
    },
    use: 'adds the script setting (String, PowerShell, 64-bit) with its value rule: equals Compliant, remediate',
  },
  'Set-CMComplianceSettingScript': {
    module: CM,
    parameters: {
      InputObject: 'System.Management.Automation.PSObject', SettingName: STRING, Description: STRING, DiscoveryScriptLanguage: 'ScriptingLanguage',
      DiscoveryScriptFile: STRING, RemediationScriptLanguage: 'ScriptingLanguage', RemediationScriptFile: STRING, Is64Bit: BOOLEAN, IsPerUser: BOOLEAN,
    },
    use: 'updates the setting\'s scripts from the new signed files',
  },
  'Get-CMBaseline': { module: CM, parameters: { Name: STRING }, use: 'finds the baseline by name' },
  'New-CMBaseline': { module: CM, parameters: { Name: STRING, Description: STRING }, use: 'creates the baseline' },
  'Set-CMBaseline': { module: CM, parameters: { InputObject: RESULT, AddOSConfigurationItem: 'System.String[]' }, use: 'adds the configuration item to the baseline' },
  'Import-Module': { module: 'Microsoft.PowerShell.Core', parameters: { Name: 'System.String[]' }, use: 'loads ConfigurationManager.psd1 from the console folder' },
  'Push-Location': { module: 'Microsoft.PowerShell.Management', parameters: { Path: STRING }, use: 'moves to the site drive (XYZ:)' },
  'Pop-Location': { module: 'Microsoft.PowerShell.Management', parameters: {}, use: 'returns from the site drive' },
};

/** The import-script entry for a command, when `file` is an import script and the command is on its list. */
export function importScriptCommand(file: string, name: string): { name: string; entry: AllowedCommand } | undefined {
  if (!CONFIGMGR_IMPORT_SCRIPT.test(file)) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, entry] of Object.entries(CONFIGMGR_IMPORT_COMMANDS)) {
    if (key.toLowerCase() === wanted) return { name: key, entry };
  }
  return undefined;
}
