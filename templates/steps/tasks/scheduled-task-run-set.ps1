function Start-RgScheduledTaskRun {
    <#
    .SYNOPSIS
        Starts the scheduled task now (Start-RgScheduledTask, the seam joinRepair starts Automatic-Device-Join
        with), through ShouldProcess; the repair loop reads the task's last run again afterwards.
    .PARAMETER Step
        The step: TaskPath, TaskName.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $name = [string]$Step.TaskPath + [string]$Step.TaskName
    if ($PSCmdlet.ShouldProcess('scheduled task ' + $name, 'Start')) {
        $started = Start-RgScheduledTask -TaskPath ([string]$Step.TaskPath) -TaskName ([string]$Step.TaskName)
        if (-not $started.Started) {
            throw ('could not start the scheduled task ' + $name + ': ' + $started.Error)
        }
        Write-RgLog -Message ($Step.Id + ': started the scheduled task ' + $name + ' (its last run is read again)')
    }
}
