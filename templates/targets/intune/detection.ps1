function Invoke-RgDetection {
    <#
    .SYNOPSIS
        Tests every step; exit code 0 when all are compliant, 1 when any is not (Intune then runs remediation).
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
        return [pscustomobject]@{
            ExitCode = 0
            Summary  = 'COMPLIANT ' + (Get-RgSummaryName) + ': all ' + $results.Count + ' ' + $words.Noun + ' ' + $words.Good
        }
    }
    $findings = @($failing | ForEach-Object -Process { Format-RgFinding -Result $_ }) -join '; '
    [pscustomobject]@{
        ExitCode = 1
        Summary  = 'NON-COMPLIANT ' + (Get-RgSummaryName) + ': ' + $failing.Count + ' of ' + $results.Count + ' ' + $words.Noun + ' ' + $words.Bad + ': ' + $findings
    }
}
