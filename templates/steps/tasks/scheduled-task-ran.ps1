function Test-RgScheduledTaskRan {
    <#
    .SYNOPSIS
        Whether a scheduled task ran within the step's hours (and ended with a success result, when given).
        Reads only.
    .PARAMETER Step
        The step: TaskPath, TaskName, WithinHours, SuccessResults.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $run = Get-RgScheduledTaskRun -Step $Step
    New-RgStepResult -Step $Step -Compliant $run.Compliant -Actual $run.Actual -Expected $run.Expected
}
