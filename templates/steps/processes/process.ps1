function Test-RgProcessState {
    <#
    .SYNOPSIS
        Whether a process of the name runs, in this session or in any (Get-RgProcess).
    .PARAMETER Step
        The step: ProcessName, AnySession, Want (Running or NotRunning).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $running = @(Get-RgProcess -Name ([string]$Step.ProcessName) -AnySession:([bool]$Step.AnySession))
    $actual = 'not running'
    if ($running.Count -gt 0) {
        $actual = 'running (' + (($running | ForEach-Object -Process { 'id ' + $_.Id + ' session ' + $_.SessionId }) -join ', ') + ')'
    }
    $expected = 'not running'
    if ($Step.Want -eq 'Running') {
        $expected = 'running'
    }
    New-RgStepResult -Step $Step -Compliant (($running.Count -gt 0) -eq ($Step.Want -eq 'Running')) -Actual $actual -Expected $expected
}
