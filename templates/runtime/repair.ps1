function Invoke-RgRepair {
    <#
    .SYNOPSIS
        Tests every step, applies each changeable step that is not compliant, then tests every step again.
    .DESCRIPTION
        Target-neutral: each target's entry turns the outcome into its host's exit code and summary. A probe
        (no SetCommand) is only tested; a setting's set function asks ShouldProcess, so -WhatIf lists each
        change and -Confirm asks per change. An action runs only when its gate reports the symptom (Test-RgSteps)
        and its cooldown has passed; each run is remembered on the device under Software\remgen\<package>
        (HKLM for system, HKCU for user context) through the registry seams. An error while applying a step
        is logged and kept in SetErrors; it never stops the other steps.
    .PARAMETER Steps
        The step table.
    .OUTPUTS
        Before and After (step results), Changed (ids applied: settings set, actions run), Actions (the
        actions run), Cooldown (action id -> end of its cooldown, for actions not run again), SetErrors
        (id -> message), Restart.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    $before = @(Test-RgSteps -Steps $Steps)
    $changed = [System.Collections.Generic.List[string]]::new()
    $actions = [System.Collections.Generic.List[string]]::new()
    $cooldown = @{}
    $setErrors = @{}
    $restart = $false
    for ($index = 0; $index -lt $Steps.Count; $index++) {
        $step = $Steps[$index]
        if ($before[$index].Compliant -or -not $step.SetCommand) {
            continue
        }
        if ($step.Category -eq 'action') {
            $until = Get-RgActionCooldownEnd -Step $step
            if ($null -ne $until) {
                $cooldown[$step.Id] = $until
                Write-RgLog -Message ($step.Id + ': needed, but in cooldown until ' + $until.ToString('yyyy-MM-dd HH:mm', [System.Globalization.CultureInfo]::InvariantCulture) + ' UTC; not run again') -Severity Warning
                continue
            }
            Write-RgLog -Message ($step.Id + ': running (' + $before[$index].Actual + ')')
        }
        try {
            & $step.SetCommand -Step $step
            if ($step.Category -eq 'action') {
                $actions.Add($step.Id)
                if (-not $WhatIfPreference) {
                    Save-RgActionRun -Step $step
                }
            }
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
    $after = @(Test-RgSteps -Steps $Steps)
    [pscustomobject]@{
        Before    = $before
        After     = $after
        Changed   = $changed.ToArray()
        Actions   = $actions.ToArray()
        Cooldown  = $cooldown
        SetErrors = $setErrors
        Restart   = $restart
    }
}
