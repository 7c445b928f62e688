function Test-RgDefenderSignatureUpdate {
    <#
    .SYNOPSIS
        The state a signature update is for: wanted whenever the gate probes report the symptom, so this test never
        passes on its own (Test-RgSteps counts the action as not needed while its gate passes); the set half checks
        the signature date moved, the gate tested again verifies.
    .PARAMETER Step
        The step: UpdateSource.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $status = Get-RgMpComputerStatus
    New-RgStepResult -Step $Step -Compliant $false -Actual (Get-RgDefenderStatusWords -Status $status) -Expected 'updated while the gate reports the symptom'
}
