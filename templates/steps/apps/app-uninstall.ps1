function Test-RgAppUninstalled {
    <#
    .SYNOPSIS
        The state the uninstall brings: no matching uninstall entry (Get-RgInstalledApps). After the action this
        is the verification: the keys read again, not the uninstaller's exit code.
    .PARAMETER Step
        The step: DisplayName, Publisher, Scope, BelowVersion.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $apps = @(Get-RgInstalledApps -Step $Step)
    if ($apps.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'not installed' -Expected 'not installed'
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ('installed: ' + (($apps | ForEach-Object -Process { Format-RgApp -App $_ }) -join '; ')) -Expected 'not installed'
}
