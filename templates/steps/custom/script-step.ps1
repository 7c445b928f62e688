function Get-RgScriptStepArguments {
    <#
    .SYNOPSIS
        The arguments a script step's own function is called with: -Step, and each of the step's Parameters by
        name (data from the step table, never code).
    .PARAMETER Step
        The step: Parameters.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $arguments = @{ Step = $Step }
    foreach ($name in @($Step.Parameters.Keys)) {
        $arguments[[string]$name] = $Step.Parameters[$name]
    }
    $arguments
}

function Test-RgScriptStep {
    <#
    .SYNOPSIS
        Runs the admin's test function (TestFunction, checked at build time) with the step and its parameters,
        and holds it to the step contract: exactly one result from New-RgStepResult for this step. Anything else
        (nothing, $true, a number, two results) is an error naming what came back, never a pass.
    .PARAMETER Step
        The step: TestFunction, Parameters.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $arguments = Get-RgScriptStepArguments -Step $Step
    $output = @(& ([string]$Step.TestFunction) @arguments)
    $results = @($output | Where-Object -FilterScript {
            $_ -is [System.Management.Automation.PSCustomObject] -and $null -ne $_.PSObject.Properties['Compliant'] -and $null -ne $_.PSObject.Properties['Id'] -and $_.Id -eq $Step.Id
        })
    if ($output.Count -eq 1 -and $results.Count -eq 1) {
        return $results[0]
    }
    $what = 'nothing'
    if ($output.Count -gt 0) {
        $what = @($output[0..([System.Math]::Min(2, $output.Count - 1))] | ForEach-Object -Process {
                if ($null -eq $_) { '$null' } else { $_.GetType().Name + ' ' + [string]$_ }
            }) -join ', '
        $what = [string]$output.Count + ' object(s): ' + $what
    }
    throw ($Step.TestFunction + ' returned ' + $what + ', not one result from New-RgStepResult -Step $Step')
}
