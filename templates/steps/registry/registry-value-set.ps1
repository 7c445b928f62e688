function Set-RgRegistryValue {
    <#
    .SYNOPSIS
        Writes the step's kind and data, creating the key when missing; or deletes the value (Want Absent). With
        Profiles, in each user's hive that is not as wanted (ProfilesSet: Set-RgRegistryValueProfiles).
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Type, Value; Want Absent for a value that must not exist; Profiles and
        IncludeDefault for every user's profile.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    if ($Step['Profiles']) {
        # Every user's hive: runtime/registry-profiles-write.ps1, named in the step's data.
        & ([string]$Step.ProfilesSet) -Step $Step
        return
    }
    $target = $Step.Hive + ':\' + $Step.SubKey + '\' + $Step.Name + ' (' + $Step.View + '-bit view)'
    if ($Step['Want'] -eq 'Absent') {
        if ($PSCmdlet.ShouldProcess($target, 'Delete the value')) {
            Remove-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -View $Step.View
            Write-RgLog -Message ($Step.Id + ': deleted ' + $target)
        }
        return
    }
    $data = Format-RgRegistryValueData -Kind $Step.Type -Value $Step.Value
    if ($PSCmdlet.ShouldProcess($target, 'Set to ' + $data)) {
        Write-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -Kind $Step.Type -Value $Step.Value -View $Step.View
        Write-RgLog -Message ($Step.Id + ': set ' + $target + ' to ' + $data)
    }
}
