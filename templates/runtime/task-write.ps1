function Set-RgScheduledTaskEnabled {
    <#
    .SYNOPSIS
        Seam: enables or disables a registered scheduled task (the ScheduledTasks module's Enable-ScheduledTask
        and Disable-ScheduledTask, Windows 8 and later); throws when it cannot.
    .PARAMETER TaskPath
        The task's folder, with the leading and trailing backslash.
    .PARAMETER TaskName
        The task's name.
    .PARAMETER Enabled
        $true to enable, $false to disable.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$TaskPath,

        [Parameter(Mandatory = $true)]
        [string]$TaskName,

        [Parameter(Mandatory = $true)]
        [bool]$Enabled
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    if ($Enabled) {
        $null = Enable-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -ErrorAction Stop
    }
    else {
        $null = Disable-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -ErrorAction Stop
    }
}
