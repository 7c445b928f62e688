function Test-RgCommandRun {
    <#
    .SYNOPSIS
        The state a program run is for: it is wanted whenever the gate probes report the symptom, so this test
        never passes on its own and runs nothing (Test-RgSteps counts the action as not needed while its gate
        passes); after the run the gate's probes tested again are the verification.
    .PARAMETER Step
        The step: Program.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    New-RgStepResult -Step $Step -Compliant $false -Actual ('not run (' + $Step.Program + ')') -Expected 'run while the gate reports the symptom'
}
