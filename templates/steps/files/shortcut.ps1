function Get-RgShortcutPlan {
    <#
    .SYNOPSIS
        Where the step's shortcut is (Get-RgSpecialFolder and its name), what it should hold (TargetPath,
        WorkingDirectory and IconLocation's path expanded with Resolve-RgFilePath) and how the one there
        (Get-RgShortcut) differs: paths compared case-insensitively, arguments and description exactly.
    .PARAMETER Step
        The step: Folder, Name, Want, TargetPath, Arguments, WorkingDirectory, IconLocation, Description.
    .OUTPUTS
        Path, Found (Get-RgShortcut), Wanted (the expanded values), Differences ([string[]]: each property that
        differs and its value there) and Wants (the same properties' wanted values).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $path = (Get-RgSpecialFolder -Name ([string]$Step.Folder)).TrimEnd('\') + '\' + [string]$Step.Name + '.lnk'
    $found = Get-RgShortcut -Path $path
    $wanted = [ordered]@{ TargetPath = ''; Arguments = [string]$Step.Arguments; WorkingDirectory = ''; IconLocation = ''; Description = [string]$Step.Description }
    $differences = [System.Collections.Generic.List[string]]::new()
    $wants = [System.Collections.Generic.List[string]]::new()
    if ($Step.Want -eq 'Present') {
        $wanted.TargetPath = Resolve-RgFilePath -Path ([string]$Step.TargetPath)
        if ($Step.WorkingDirectory) {
            $wanted.WorkingDirectory = Resolve-RgFilePath -Path ([string]$Step.WorkingDirectory)
        }
        if ($Step.IconLocation) {
            $wanted.IconLocation = Resolve-RgFilePath -Path ([string]$Step.IconLocation)
        }
        if ($found.Exists) {
            foreach ($name in @('TargetPath', 'WorkingDirectory', 'IconLocation')) {
                if ($wanted[$name] -and -not [string]::Equals([string]$found.$name, [string]$wanted[$name], [System.StringComparison]::OrdinalIgnoreCase)) {
                    $differences.Add($name + ' ' + [string]$found.$name)
                    $wants.Add($name + ' ' + [string]$wanted[$name])
                }
            }
            if ([string]$found.Arguments -cne $wanted.Arguments) {
                $differences.Add('Arguments ' + [string]$found.Arguments)
                $wants.Add('Arguments ' + $wanted.Arguments)
            }
            if ($wanted.Description -and [string]$found.Description -cne $wanted.Description) {
                $differences.Add('Description ' + [string]$found.Description)
                $wants.Add('Description ' + $wanted.Description)
            }
        }
    }
    [pscustomobject]@{ Path = $path; Found = $found; Wanted = $wanted; Differences = $differences.ToArray(); Wants = $wants.ToArray() }
}

function Test-RgShortcut {
    <#
    .SYNOPSIS
        Whether the shortcut on the desktop is absent as the step wants, or present with the wanted target,
        arguments and (when the step gives them) working folder, icon and description.
    .PARAMETER Step
        The step: Folder, Name, Want, TargetPath, Arguments, WorkingDirectory, IconLocation, Description.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $plan = Get-RgShortcutPlan -Step $Step
    if ($Step.Want -eq 'Absent') {
        if ($plan.Found.Exists) {
            return New-RgStepResult -Step $Step -Compliant $false -Actual ('present (' + $plan.Path + ' to ' + $plan.Found.TargetPath + ')') -Expected 'absent'
        }
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'absent' -Expected 'absent'
    }
    $expected = ($plan.Wanted.TargetPath + ' ' + $plan.Wanted.Arguments).Trim()
    if (-not $plan.Found.Exists) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('absent (' + $plan.Path + ')') -Expected $expected
    }
    if ($plan.Differences.Count -gt 0) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual ($plan.Differences -join '; ') -Expected ($plan.Wants -join '; ')
    }
    New-RgStepResult -Step $Step -Compliant $true -Actual $expected -Expected $expected
}
