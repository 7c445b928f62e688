function Test-RgProcessStopped {
    <#
    .SYNOPSIS
        The state ending the process brings: none of the name runs (Get-RgProcess). After the action this is
        the verification.
    .PARAMETER Step
        The step: ProcessName, AnySession.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $running = @(Get-RgProcess -Name ([string]$Step.ProcessName) -AnySession:([bool]$Step.AnySession))
    if ($running.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'not running' -Expected 'not running'
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ('running (' + (($running | ForEach-Object -Process { 'id ' + $_.Id }) -join ', ') + ')') -Expected 'not running'
}
