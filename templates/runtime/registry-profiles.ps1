function Test-RgRegistryValueProfiles {
    <#
    .SYNOPSIS
        A registryValue step in every user's hive (Get-RgRegistryValueProfiles), as one result counted by profile.
    .PARAMETER Step
        The step.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $found = Get-RgRegistryValueProfiles -Step $Step
    New-RgStepResult -Step $Step -Compliant ($found.Wrong.Count -eq 0) -Actual $found.Words -Expected ($found.Expected + ' in every profile')
}

function Get-RgRegistryValueProfiles {
    <#
    .SYNOPSIS
        The step's value in each user's hive: which profiles are as wanted, which are not (with what is there),
        which were skipped (a hive that could not be loaded), and all of it in words for the summary.
    .PARAMETER Step
        The step: SubKey, Name, View, Type, Value, Want, IncludeDefault.
    .OUTPUTS
        Good ([string[]]), Wrong (profile objects), Skipped ([string[]]), Expected, Words.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $good = [System.Collections.Generic.List[string]]::new()
    $wrong = [System.Collections.Generic.List[object]]::new()
    $skipped = [System.Collections.Generic.List[string]]::new()
    $expected = Format-RgRegistryValueData -Kind ([string]$Step.Type) -Value $Step.Value
    if ($Step['Want'] -eq 'Absent') {
        $expected = 'absent'
    }
    $profiles = @(Get-RgUserProfiles -IncludeDefault:([bool]$Step.IncludeDefault))
    foreach ($userProfile in $profiles) {
        $run = Invoke-RgInUserHive -UserProfile $userProfile -ScriptBlock {
            param($root)
            Get-RgRegistryValueState -Step $Step -Hive 'HKU' -SubKey ($root + '\' + $Step.SubKey)
        }
        if ($run.Skipped) {
            $skipped.Add($userProfile.Name + ' (' + $run.Reason + ')')
        }
        elseif ($run.Value.Compliant) {
            $good.Add($userProfile.Name)
        }
        else {
            $wrong.Add([pscustomobject]@{ Profile = $userProfile; Actual = $run.Value.Actual })
        }
    }
    $words = [string]$profiles.Count + ' profile(s)'
    if ($wrong.Count -eq 0) {
        $words += ': ' + $good.Count + ' as wanted'
    }
    else {
        $words += ': ' + $wrong.Count + ' wrong (' + (@($wrong | ForEach-Object -Process { $_.Profile.Name + ' ' + $_.Actual }) -join ', ') + '), ' + $good.Count + ' as wanted'
    }
    if ($skipped.Count -gt 0) {
        $words += ', ' + $skipped.Count + ' skipped: ' + ($skipped -join ', ')
    }
    [pscustomobject]@{ Good = $good.ToArray(); Wrong = $wrong.ToArray(); Skipped = $skipped.ToArray(); Expected = $expected; Words = $words }
}
