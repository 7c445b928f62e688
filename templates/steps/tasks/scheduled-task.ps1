function Test-RgScheduledTaskState {
    <#
    .SYNOPSIS
        Whether a scheduled task is enabled or disabled as the step wants (Get-RgScheduledTask). A task that
        is not registered is not compliant, or compliant as not applicable when the step says so.
    .PARAMETER Step
        The step: TaskPath, TaskName, Want (Enabled or Disabled), IfMissing (NonCompliant or NotApplicable).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = [string]$Step.Want.ToLowerInvariant()
    $task = Get-RgScheduledTask -TaskPath ([string]$Step.TaskPath) -TaskName ([string]$Step.TaskName)
    if (-not $task.Exists) {
        if ($Step.IfMissing -eq 'NotApplicable') {
            return New-RgStepResult -Step $Step -Compliant $true -Actual 'not registered (not applicable)' -Expected $expected
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'not registered' -Expected $expected
    }
    $enabled = $task.State -ne 'Disabled'
    $actual = 'enabled (' + $task.State + ')'
    if (-not $enabled) {
        $actual = 'disabled'
    }
    New-RgStepResult -Step $Step -Compliant ($enabled -eq ($Step.Want -eq 'Enabled')) -Actual $actual -Expected $expected
}
