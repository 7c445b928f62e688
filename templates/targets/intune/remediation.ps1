function Invoke-RgRemediation {
    <#
    .SYNOPSIS
        Intune's contract over Invoke-RgRepair: exit code 0 only when every step is compliant afterwards,
        and one summary line (REMEDIATED, COMPLIANT or FAILED).
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    $words = Get-RgStepWording -Steps $Steps
    $repair = Invoke-RgRepair -Steps $Steps
    $after = $repair.After
    $changed = $repair.Changed
    $setErrors = $repair.SetErrors
    $restart = $repair.Restart
    $notes = ''
    if ($repair.Actions.Count -gt 0) {
        $notes += '; ' + $repair.Actions.Count + ' action(s) taken: ' + ($repair.Actions -join ', ')
    }
    $cooling = [string[]]@($repair.Cooldown.Keys)
    [array]::Sort($cooling)
    foreach ($id in $cooling) {
        $notes += '; ' + $id + ' in cooldown until ' + $repair.Cooldown[$id].ToString('yyyy-MM-dd HH:mm', [System.Globalization.CultureInfo]::InvariantCulture) + ' UTC'
    }
    $failing = @($after | Where-Object -FilterScript { -not $_.Compliant })
    $id = Get-RgSummaryName
    if ($failing.Count -eq 0) {
        if ($changed.Count -eq 0) {
            return [pscustomobject]@{ ExitCode = 0; Summary = 'COMPLIANT ' + $id + ': nothing to change, all ' + $after.Count + ' ' + $words.Noun + ' ' + $words.Good }
        }
        $summary = 'REMEDIATED ' + $id + ': fixed ' + $changed.Count + ' of ' + $after.Count + ' ' + $words.Noun + ' (' + ($changed -join ', ') + '); all ' + $words.Good + ' now'
        if ($restart) {
            $summary += '; restart required to take effect'
        }
        $summary += $notes
        return [pscustomobject]@{ ExitCode = 0; Summary = $summary }
    }
    $findings = @($failing | ForEach-Object -Process {
            if ($setErrors.ContainsKey($_.Id)) { $_.Id + ' (error: ' + $setErrors[$_.Id] + ')' } else { Format-RgFinding -Result $_ }
        }) -join '; '
    $summary = 'FAILED ' + $id + ': ' + $failing.Count + ' of ' + $after.Count + ' ' + $words.Noun + ' still ' + $words.Bad + ': ' + $findings
    # Steps that were changed still need their restart, even when others failed (SCHANNEL, cipher order:
    # docs/reference/intune-configmgr.md 3.3). Under -WhatIf nothing was changed, so nothing needs one.
    $restarting = @($Steps | Where-Object -FilterScript { $_.RestartRequired -and $changed -contains $_.Id } | ForEach-Object -Process { $_.Id })
    if ($restart -and $restarting.Count -gt 0 -and -not $WhatIfPreference) {
        $summary += '; restart recommended for the changes made (' + ($restarting -join ', ') + ')'
    }
    $summary += $notes
    if ($WhatIfPreference) {
        $summary += ' (WhatIf: nothing was changed)'
    }
    [pscustomobject]@{ ExitCode = 1; Summary = $summary }
}
