function Test-RgJoinRepair {
    <#
    .SYNOPSIS
        Whether the device is joined as wanted with a DeviceAuthStatus of SUCCESS (the state the repair fixes),
        read from `dsregcmd /status`; after the repair this is the verification. Reads only.
    .PARAMETER Step
        The step: Want.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $verdict = Test-RgJoinWanted -State (Get-RgJoinState) -Want ([string]$Step.Want)
    New-RgStepResult -Step $Step -Compliant $verdict.Compliant -Actual $verdict.Actual -Expected $verdict.Expected
}
