function Set-RgRegistryValue {
    <#
    .SYNOPSIS
        Writes the step's kind and data, creating the key when missing; or deletes the value (Want Absent). With
        Profiles, in each user's hive that is not as wanted (loaded when it is not, and unloaded again).
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Type, Value; Want Absent for a value that must not exist; Profiles and
        IncludeDefault for every user's profile.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $write = {
        param([string]$hive, [string]$subKey, [string]$target)
        if ($Step['Want'] -eq 'Absent') {
            if ($PSCmdlet.ShouldProcess($target, 'Delete the value')) {
                Remove-RgRegistryData -Hive $hive -SubKey $subKey -Name $Step.Name -View $Step.View
                Write-RgLog -Message ($Step.Id + ': deleted ' + $target)
            }
            return
        }
        $data = Format-RgRegistryValueData -Kind $Step.Type -Value $Step.Value
        if ($PSCmdlet.ShouldProcess($target, 'Set to ' + $data)) {
            Write-RgRegistryData -Hive $hive -SubKey $subKey -Name $Step.Name -Kind $Step.Type -Value $Step.Value -View $Step.View
            Write-RgLog -Message ($Step.Id + ': set ' + $target + ' to ' + $data)
        }
    }
    if (-not $Step['Profiles']) {
        & $write $Step.Hive $Step.SubKey ($Step.Hive + ':\' + $Step.SubKey + '\' + $Step.Name + ' (' + $Step.View + '-bit view)')
        return
    }
    foreach ($wrong in @((Get-RgRegistryValueProfiles -Step $Step).Wrong)) {
        $target = $wrong.Profile.Name + "'s HKCU:\" + $Step.SubKey + '\' + $Step.Name
        $null = Invoke-RgInUserHive -UserProfile $wrong.Profile -ScriptBlock {
            param($root)
            & $write 'HKU' ($root + '\' + $Step.SubKey) $target
        }
    }
}
