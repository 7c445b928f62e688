function Test-RgScheduledTaskRun {
    <#
    .SYNOPSIS
        The state the action fixes: the task ran within the step's hours. After the action this is the
        verification (Start-ScheduledTask's answer is not taken as proof).
    .PARAMETER Step
        The step: TaskPath, TaskName, WithinHours, SuccessResults (empty: the run is what counts).
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
