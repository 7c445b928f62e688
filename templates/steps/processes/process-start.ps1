function Test-RgProcessStarted {
    <#
    .SYNOPSIS
        The state starting the program brings: a process of its name runs in this session (Get-RgProcess). After
        the action this is the verification.
    .PARAMETER Step
        The step: ProcessName.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $running = @(Get-RgProcess -Name ([string]$Step.ProcessName))
    if ($running.Count -gt 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('running (' + (($running | ForEach-Object -Process { 'id ' + $_.Id }) -join ', ') + ')') -Expected 'running'
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual 'not running' -Expected 'running'
}
