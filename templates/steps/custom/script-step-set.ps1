function Set-RgScriptStep {
    <#
    .SYNOPSIS
        Runs the admin's set function (SetFunction, checked at build time: it changes the device only through
        ShouldProcess) with the step and its parameters; what it returns is logged, not used. It throws when
        it cannot apply, and the test half tested again verifies.
    .PARAMETER Step
        The step: SetFunction, Parameters.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $arguments = Get-RgScriptStepArguments -Step $Step
    $output = @(& ([string]$Step.SetFunction) @arguments)
    foreach ($item in $output) {
        if ($null -ne $item) {
            Write-RgLog -Message ($Step.Id + ': ' + $Step.SetFunction + ' said: ' + [string]$item)
        }
    }
}
