function Invoke-RgCmDiscovery {
    <#
    .SYNOPSIS
        ConfigMgr discovery: tests every step and returns the value Compliant or NonCompliant, with exit code 0.
    .DESCRIPTION
        A configuration item's script setting (data type String) compares the one line discovery prints
        with its rule (equals Compliant); a non-zero exit code would be a discovery failure, not a
        compliance state (docs/reference/intune-configmgr.md 2.1). The findings in words go to the log.
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    $words = Get-RgStepWording -Steps $Steps
    $results = @(Test-RgSteps -Steps $Steps)
    $failing = @($results | Where-Object -FilterScript { -not $_.Compliant })
    if ($failing.Count -eq 0) {
        Write-RgLog -Message ('COMPLIANT ' + (Get-RgSummaryName) + ': all ' + $results.Count + ' ' + $words.Noun + ' ' + $words.Good)
        return [pscustomobject]@{ ExitCode = 0; Summary = 'Compliant' }
    }
    $findings = @($failing | ForEach-Object -Process { Format-RgFinding -Result $_ }) -join '; '
    Write-RgLog -Message ('NON-COMPLIANT ' + (Get-RgSummaryName) + ': ' + $failing.Count + ' of ' + $results.Count + ' ' + $words.Noun + ' ' + $words.Bad + ': ' + $findings) -Severity Warning
    [pscustomobject]@{ ExitCode = 0; Summary = 'NonCompliant' }
}

function Resolve-RgCmDiscoveryOutcome {
    <#
    .SYNOPSIS
        Holds discovery to ConfigMgr's contract whatever happened: exit code 0 and the one value Compliant
        or NonCompliant. A run that failed (an error the main loop caught, a 64-bit run that printed
        something else) reports NonCompliant, and the log says why.
    .PARAMETER Outcome
        The outcome of the main loop: { ExitCode; Summary }.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [AllowNull()]
        [object]$Outcome
    )
    $value = 'NonCompliant'
    try {
        if ($Outcome.ExitCode -eq 0 -and ($Outcome.Summary -ceq 'Compliant' -or $Outcome.Summary -ceq 'NonCompliant')) {
            $value = $Outcome.Summary
        }
        else {
            Write-RgLog -Message ('Discovery did not finish (exit code ' + $Outcome.ExitCode + ': ' + $Outcome.Summary + '); reporting NonCompliant') -Severity Error
        }
    }
    catch {
        Write-RgLog -Message ('Discovery did not finish; reporting NonCompliant: ' + $_.Exception.Message) -Severity Error
    }
    [pscustomobject]@{ ExitCode = 0; Summary = $value }
}
