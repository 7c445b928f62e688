function Invoke-RgRemediation {
    <#
    .SYNOPSIS
        Applies every step that is not compliant, tests all steps again, and returns exit code 0 only when all
        are compliant afterwards.
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    $before = @(foreach ($step in $Steps) { Test-RgStep -Step $step })
    $changed = [System.Collections.Generic.List[string]]::new()
    $setErrors = @{}
    $restart = $false
    for ($index = 0; $index -lt $Steps.Count; $index++) {
        $step = $Steps[$index]
        if ($before[$index].Compliant) {
            continue
        }
        try {
            & $step.SetCommand -Step $step
            $changed.Add($step.Id)
            if ($step.RestartRequired) {
                $restart = $true
            }
        }
        catch {
            $setErrors[$step.Id] = $_.Exception.Message
            Write-RgLog -Message ($step.Id + ': could not be applied: ' + $_.Exception.Message) -Severity Error
        }
    }
    $after = @(foreach ($step in $Steps) { Test-RgStep -Step $step })
    $failing = @($after | Where-Object -FilterScript { -not $_.Compliant })
    $id = $script:RgPackage.Id
    if ($failing.Count -eq 0) {
        if ($changed.Count -eq 0) {
            return [pscustomobject]@{ ExitCode = 0; Summary = 'COMPLIANT ' + $id + ': nothing to change, all ' + $after.Count + ' settings compliant' }
        }
        $summary = 'REMEDIATED ' + $id + ': fixed ' + $changed.Count + ' of ' + $after.Count + ' settings (' + ($changed -join ', ') + '); all compliant now'
        if ($restart) {
            $summary += '; restart required to take effect'
        }
        return [pscustomobject]@{ ExitCode = 0; Summary = $summary }
    }
    $findings = @($failing | ForEach-Object -Process {
            if ($setErrors.ContainsKey($_.Id)) { $_.Id + ' (error: ' + $setErrors[$_.Id] + ')' } else { Get-RgFinding -Result $_ }
        }) -join '; '
    $summary = 'FAILED ' + $id + ': ' + $failing.Count + ' of ' + $after.Count + ' settings still wrong: ' + $findings
    if ($WhatIfPreference) {
        $summary += ' (WhatIf: nothing was changed)'
    }
    [pscustomobject]@{ ExitCode = 1; Summary = $summary }
}
