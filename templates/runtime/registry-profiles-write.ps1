function Set-RgRegistryValueProfiles {
    <#
    .SYNOPSIS
        A registryValue step in every user's hive: each profile that is not as wanted (Get-RgRegistryValueProfiles)
        gets the value written, or deleted (Want Absent), its hive loaded when it is not and unloaded again
        (Invoke-RgInUserHive); each change through ShouldProcess.
    .PARAMETER Step
        The step: SubKey, Name, View, Type, Value, Want, IncludeDefault.
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
    foreach ($wrong in @((Get-RgRegistryValueProfiles -Step $Step).Wrong)) {
        $target = $wrong.Profile.Name + "'s HKCU:\" + $Step.SubKey + '\' + $Step.Name
        $null = Invoke-RgInUserHive -UserProfile $wrong.Profile -ScriptBlock {
            param($root)
            & $write 'HKU' ($root + '\' + $Step.SubKey) $target
        }
    }
}
