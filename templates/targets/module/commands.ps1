function Assert-RgModuleHost {
    <#
    .SYNOPSIS
        A module runs in the caller's process and never relaunches: in a 32-bit PowerShell on 64-bit
        Windows, a test warns and a repair refuses (start 64-bit PowerShell instead).
    .PARAMETER Repair
        Whether the caller is about to change the device.
    #>
    [CmdletBinding()]
    param(
        [switch]$Repair
    )
    $platform = Get-RgPlatform
    if (-not $platform.Is64BitOperatingSystem -or $platform.Is64BitProcess) {
        return
    }
    $message = 'this is a 32-bit PowerShell on 64-bit Windows; ' + $script:RgPackage.Id + ' is meant for 64-bit PowerShell (' + $platform.SystemRoot + '\System32\WindowsPowerShell\v1.0\powershell.exe)'
    Write-RgLog -Message $message -Severity Warning
    if ($Repair) {
        throw ('refusing to change the device: ' + $message + '; start 64-bit PowerShell and import the module there')
    }
    $PSCmdlet.WriteWarning($message + '; the results may differ from a 64-bit run')
}

function ConvertTo-RgModuleDetail {
    <#
    .SYNOPSIS
        A step result in words: what was found and, when it is not compliant, what is wanted.
    .PARAMETER Result
        A step result (New-RgStepResult).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [pscustomobject]$Result
    )
    if ($Result.Failure) {
        return 'error: ' + $Result.Failure
    }
    if ($Result.Compliant) {
        return $Result.Actual
    }
    'is ' + $Result.Actual + ', want ' + $Result.Expected
}

function Invoke-RgModuleTest {
    <#
    .SYNOPSIS
        Test-<Name>: tests every step and returns one object per step; changes nothing.
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    Initialize-RgLog
    Assert-RgModuleHost
    Write-RgLog -Message ('Test started (' + $script:RgScriptName + ')')
    $results = @(Test-RgSteps -Steps $Steps)
    for ($index = 0; $index -lt $Steps.Count; $index++) {
        $step = $Steps[$index]
        $result = $results[$index]
        $detail = ConvertTo-RgModuleDetail -Result $result
        $PSCmdlet.WriteVerbose($step.Id + ': ' + $(if ($result.Compliant) { 'compliant' } else { 'not compliant' }) + ' (' + $detail + ')')
        [pscustomobject]@{
            PSTypeName = 'Remgen.StepTest'
            Name       = $step.Id
            Title      = $step.Title
            Category   = $step.Category
            Compliant  = [bool]$result.Compliant
            Detail     = $detail
            Actual     = $result.Actual
            Expected   = $result.Expected
        }
    }
}

function Invoke-RgModuleRepair {
    <#
    .SYNOPSIS
        Repair-<Name>: the shared repair loop (Invoke-RgRepair), one object per step saying what happened.
    .DESCRIPTION
        Each set function asks ShouldProcess, so -WhatIf lists each change and makes none, and -Confirm asks
        per change. Action is None (already compliant), Changed (applied, compliant now), WhatIf (would be
        applied), NotChanged (declined at the prompt, or applied without effect), Failed (an error) or
        NotRepairable (a check that nothing here can change).
    .PARAMETER Steps
        The step table.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Steps
    )
    Initialize-RgLog
    Assert-RgModuleHost -Repair
    Write-RgLog -Message ('Repair started (' + $script:RgScriptName + ')')
    $PSCmdlet.WriteVerbose('testing ' + $Steps.Count + ' steps, then applying each that is not compliant')
    $repair = Invoke-RgRepair -Steps $Steps
    $restart = $false
    for ($index = 0; $index -lt $Steps.Count; $index++) {
        $step = $Steps[$index]
        $before = $repair.Before[$index]
        $after = $repair.After[$index]
        if ($before.Compliant) {
            $action = 'None'
        }
        elseif (-not $step.SetCommand) {
            $action = 'NotRepairable'
        }
        elseif ($repair.SetErrors.ContainsKey($step.Id)) {
            $action = 'Failed'
        }
        elseif ($WhatIfPreference) {
            $action = 'WhatIf'
        }
        elseif ($after.Compliant) {
            $action = 'Changed'
        }
        else {
            $action = 'NotChanged'
        }
        $detail = ConvertTo-RgModuleDetail -Result $after
        if ($action -eq 'Failed') {
            $detail = 'error: ' + $repair.SetErrors[$step.Id]
        }
        $stepRestart = $action -eq 'Changed' -and [bool]$step.RestartRequired
        if ($stepRestart) {
            $restart = $true
        }
        $PSCmdlet.WriteVerbose($step.Id + ': ' + $action + ' (' + $detail + ')')
        [pscustomobject]@{
            PSTypeName      = 'Remgen.StepRepair'
            Name            = $step.Id
            Title           = $step.Title
            Category        = $step.Category
            Action          = $action
            Compliant       = [bool]$after.Compliant
            Before          = ConvertTo-RgModuleDetail -Result $before
            Detail          = $detail
            RestartRequired = $stepRestart
        }
    }
    if ($restart) {
        $PSCmdlet.WriteWarning('restart the device for the changes to take effect')
    }
    Write-RgLog -Message ('Repair finished (' + $repair.Changed.Count + ' applied or offered)')
}
