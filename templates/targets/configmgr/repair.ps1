function Invoke-RgCmRemediation {
    <#
    .SYNOPSIS
        ConfigMgr remediation over Invoke-RgRepair: exit code 0 only when every step is compliant
        afterwards, 1 otherwise, and one summary line (REMEDIATED, COMPLIANT or FAILED).
    .DESCRIPTION
        ConfigMgr runs it when discovery returned NonCompliant and the rule remediates (Equals,
        docs/reference/intune-configmgr.md 2.1); exit 0 or non-zero, no restart (section 6).
        A restart that a change needs is said in the summary and the log, never done.
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    $repair = Invoke-RgRepair -Steps $Steps
    $report = Get-RgCmRepairReport -Steps $Steps -Repair $repair
    $exitCode = 1
    if ($report.Compliant) {
        $exitCode = 0
    }
    [pscustomobject]@{ ExitCode = $exitCode; Summary = $report.Summary }
}

function Invoke-RgCmProgram {
    <#
    .SYNOPSIS
        ConfigMgr program mode (packages/programs, task sequences) over Invoke-RgRepair: one exit code per
        outcome class, and one summary line.
    .DESCRIPTION
        Exit codes: 0 compliant, or fixed; 3010 fixed, and a change needs a restart to take effect (the
        script never restarts the device; ConfigMgr's soft-reboot code, docs/reference/intune-configmgr.md
        2.4); 2 still not compliant afterwards (also under -WhatIf); 3 a step could not be applied; 4 a
        step could not be tested. 1 (the main loop's) means the script itself failed.
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    $repair = Invoke-RgRepair -Steps $Steps
    $report = Get-RgCmRepairReport -Steps $Steps -Repair $repair
    $exitCode = 2
    if ($report.Compliant) {
        $exitCode = 0
        if ($report.Restart) {
            $exitCode = 3010
        }
    }
    elseif ($report.NotApplied) {
        $exitCode = 3
    }
    elseif ($report.NotTested) {
        $exitCode = 4
    }
    [pscustomobject]@{ ExitCode = $exitCode; Summary = $report.Summary }
}

function Get-RgCmRepairReport {
    <#
    .SYNOPSIS
        The outcome of Invoke-RgRepair in words and classes: compliant or not afterwards, whether a step
        could not be applied or not be tested, whether a restart is needed, and the summary line.
    .PARAMETER Steps
        The step table.
    .PARAMETER Repair
        What Invoke-RgRepair returned.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps,

        [Parameter(Mandatory = $true)]
        [pscustomobject]$Repair
    )
    $words = Get-RgStepWording -Steps $Steps
    $after = $Repair.After
    $changed = $Repair.Changed
    $setErrors = $Repair.SetErrors
    $failing = @($after | Where-Object -FilterScript { -not $_.Compliant })
    $id = Get-RgSummaryName
    if ($failing.Count -eq 0) {
        if ($changed.Count -eq 0) {
            $summary = 'COMPLIANT ' + $id + ': nothing to change, all ' + $after.Count + ' ' + $words.Noun + ' ' + $words.Good
        }
        else {
            $summary = 'REMEDIATED ' + $id + ': fixed ' + $changed.Count + ' of ' + $after.Count + ' ' + $words.Noun + ' (' + ($changed -join ', ') + '); all ' + $words.Good + ' now'
            if ($Repair.Restart) {
                $summary += '; restart required to take effect'
            }
        }
        return [pscustomobject]@{
            Compliant = $true; NotApplied = $false; NotTested = $false; Restart = ($changed.Count -gt 0 -and $Repair.Restart); Summary = $summary
        }
    }
    $findings = @($failing | ForEach-Object -Process {
            if ($setErrors.ContainsKey($_.Id)) { $_.Id + ' (error: ' + $setErrors[$_.Id] + ')' } else { Format-RgFinding -Result $_ }
        }) -join '; '
    $summary = 'FAILED ' + $id + ': ' + $failing.Count + ' of ' + $after.Count + ' ' + $words.Noun + ' still ' + $words.Bad + ': ' + $findings
    if ($WhatIfPreference) {
        $summary += ' (WhatIf: nothing was changed)'
    }
    $notTested = @($failing | Where-Object -FilterScript { $_.Failure -and -not $setErrors.ContainsKey($_.Id) })
    [pscustomobject]@{
        Compliant  = $false
        NotApplied = ($setErrors.Count -gt 0)
        NotTested  = ($notTested.Count -gt 0)
        Restart    = $false
        Summary    = $summary
    }
}
