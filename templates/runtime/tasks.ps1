function Start-RgScheduledTask {
    <#
    .SYNOPSIS
        Seam: starts a registered scheduled task now (the ScheduledTasks module's Start-ScheduledTask,
        Windows 8 and later). The task runs on its own, as its own principal; this does not wait for it.
    .PARAMETER TaskPath
        The task's folder, with the leading and trailing backslash, e.g. '\Microsoft\Windows\Workplace Join\'.
    .PARAMETER TaskName
        The task's name, e.g. 'Automatic-Device-Join'.
    .OUTPUTS
        Started ([bool]), Error ([string], empty when started: why it could not be started, e.g. the task
        does not exist or is disabled). Never throws for a task that cannot be started.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$TaskPath,

        [Parameter(Mandatory = $true)]
        [string]$TaskName
    )
    try {
        Start-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -ErrorAction Stop
        [pscustomobject]@{ Started = $true; Error = '' }
    }
    catch {
        [pscustomobject]@{ Started = $false; Error = $_.Exception.Message }
    }
}
