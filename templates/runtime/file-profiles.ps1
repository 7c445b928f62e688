function Test-RgFileStateProfiles {
    <#
    .SYNOPSIS
        A file step in every user's profile (Get-RgFileStateProfiles), as one result counted by profile.
    .PARAMETER Step
        The step.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $found = Get-RgFileStateProfiles -Step $Step
    $words = [string]$found.Count + ' profile(s)'
    if ($found.Wrong.Count -eq 0) {
        $words += ': ' + $found.Good + ' as wanted'
    }
    else {
        $words += ': ' + $found.Wrong.Count + ' wrong (' + (@($found.Wrong | ForEach-Object -Process { $_.Profile.Name + ' ' + $_.Result.Actual }) -join ', ') + '), ' + $found.Good + ' as wanted'
    }
    if ($found.Skipped.Count -gt 0) {
        $words += ', ' + $found.Skipped.Count + ' skipped: ' + ($found.Skipped -join ', ')
    }
    New-RgStepResult -Step $Step -Compliant ($found.Wrong.Count -eq 0) -Actual $words -Expected ($found.Expected + ' in every profile')
}

function Get-RgFileStateProfiles {
    <#
    .SYNOPSIS
        The file's state in each user's profile (Get-RgUserProfiles, Resolve-RgProfilePath): how many are as
        wanted, which are not (with their path and result), which were skipped (signed in, for AllSignedOut).
    .PARAMETER Step
        The step: Path, Want, Content, Profiles, IncludeDefault.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $good = 0
    $count = 0
    $expected = ''
    $wrong = [System.Collections.Generic.List[object]]::new()
    $skipped = [System.Collections.Generic.List[string]]::new()
    foreach ($userProfile in @(Get-RgUserProfiles -IncludeDefault:([bool]$Step.IncludeDefault))) {
        $count++
        if ($Step.Profiles -eq 'AllSignedOut' -and $userProfile.Loaded) {
            $skipped.Add($userProfile.Name + ' (signed in)')
            continue
        }
        $path = Resolve-RgProfilePath -Path ([string]$Step.Path) -ProfilePath $userProfile.Path
        $result = Test-RgFileStateAt -Step $Step -Path $path
        $expected = $result.Expected
        if ($result.Compliant) {
            $good++
        }
        else {
            $wrong.Add([pscustomobject]@{ Profile = $userProfile; Path = $path; Result = $result })
        }
    }
    [pscustomobject]@{ Count = $count; Good = $good; Wrong = $wrong.ToArray(); Skipped = $skipped.ToArray(); Expected = $expected }
}
