/**
 * Microsoft.PowerShell.Core commands that both Windows PowerShell 5.1 and the test engine (System.Management.
 * Automation 7.6.9, which has no other module) have: outside its seam functions a generated script may call
 * only these and its own functions (the `core-only-outside-seams` rule), so that everything but the seams
 * runs under test.
 *
 * `npm run check:allowlist` checks every name against the Microsoft.PowerShell.Core module of
 * windows-powershell-5.1.json (docs/reference/README.md), and spec/lint/lists.spec.ts against the engine's own
 * `Get-Command -Module Microsoft.PowerShell.Core`.
 */
export const CORE_COMMANDS: readonly string[] = [
  'Add-History', 'Clear-History', 'Debug-Job', 'Enter-PSHostProcess', 'Enter-PSSession', 'Exit-PSHostProcess',
  'Exit-PSSession', 'Export-ModuleMember', 'ForEach-Object', 'Get-Command', 'Get-Help', 'Get-History', 'Get-Job',
  'Get-Module', 'Get-PSHostProcessInfo', 'Get-PSSession', 'Import-Module', 'Invoke-Command', 'Invoke-History',
  'New-Module', 'New-ModuleManifest', 'New-PSRoleCapabilityFile', 'New-PSSession', 'New-PSSessionConfigurationFile',
  'New-PSSessionOption', 'New-PSTransportOption', 'Out-Default', 'Out-Host', 'Out-Null', 'Receive-Job',
  'Register-ArgumentCompleter', 'Remove-Job', 'Remove-Module', 'Remove-PSSession', 'Save-Help', 'Set-PSDebug',
  'Set-StrictMode', 'Start-Job', 'Stop-Job', 'Test-ModuleManifest', 'Update-Help', 'Wait-Job', 'Where-Object',
];
