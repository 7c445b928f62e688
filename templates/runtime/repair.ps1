function Invoke-RgRepair {
    <#
    .SYNOPSIS
        Tests every step, applies each changeable step that is not compliant, then tests every step again.
    .DESCRIPTION
        Target-neutral: each target's entry turns the outcome into its host's exit code and summary. A probe
        (no SetCommand) is only tested; a setting's set function asks ShouldProcess, so -WhatIf lists each
        change and -Confirm asks per change. An error while applying a step is logged and kept in SetErrors;
        it never stops the other steps.
    .PARAMETER Steps
        The step table.
    .OUTPUTS
        Before and After (step results), Changed (ids applied), SetErrors (id -> message), Restart.
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
        if ($before[$index].Compliant -or -not $step.SetCommand) {
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
    [pscustomobject]@{
        Before    = $before
        After     = $after
        Changed   = $changed.ToArray()
        SetErrors = $setErrors
        Restart   = $restart
    }
}
