function Set-RgScheduledTaskState {
    <#
    .SYNOPSIS
        Enables or disables the scheduled task (Set-RgScheduledTaskEnabled), through ShouldProcess. A task that
        is not registered cannot be created here: an error naming it.
    .PARAMETER Step
        The step: TaskPath, TaskName, Want.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $name = [string]$Step.TaskPath + [string]$Step.TaskName
    $task = Get-RgScheduledTask -TaskPath ([string]$Step.TaskPath) -TaskName ([string]$Step.TaskName)
    if (-not $task.Exists) {
        throw ('the scheduled task ' + $name + ' is not registered; remgen does not create tasks')
    }
    $enable = $Step.Want -eq 'Enabled'
    $verb = 'Disable'
    if ($enable) {
        $verb = 'Enable'
    }
    if ($PSCmdlet.ShouldProcess('scheduled task ' + $name, $verb)) {
        Set-RgScheduledTaskEnabled -TaskPath ([string]$Step.TaskPath) -TaskName ([string]$Step.TaskName) -Enabled $enable
        Write-RgLog -Message ($Step.Id + ': ' + $verb.ToLowerInvariant() + 'd the scheduled task ' + $name)
    }
}
