function Test-RgFileState {
    <#
    .SYNOPSIS
        Whether a file is present or absent as the step wants, and, when present, holds the wanted content: a JSON
        property's value, or exact bytes by SHA-256. With Profiles, in every user's profile, counted by profile.
    .PARAMETER Step
        The step: Path (with %VARIABLE%s), Want (Present or Absent), Content (None, Json, Sha256), Property, Json,
        Sha256; Profiles and IncludeDefault for every user's profile.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    if ($Step['Profiles']) {
        # Every user's profile: runtime/file-profiles.ps1, named in the step's data.
        return & ([string]$Step.ProfilesTest) -Step $Step
    }
    Test-RgFileStateAt -Step $Step -Path (Resolve-RgFilePath -Path ([string]$Step.Path))
}

function Test-RgFileStateAt {
    <#
    .SYNOPSIS
        The file state at one expanded path (Test-RgFileState's comparison).
    .PARAMETER Step
        The step: Want, Content, Property, Json, Sha256.
    .PARAMETER Path
        The file's full path, expanded.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $path = $Path
    $item = Get-RgFileItem -Path $path
    if ($Step.Want -eq 'Absent') {
        if (-not $item.Exists) {
            return New-RgStepResult -Step $Step -Compliant $true -Actual 'absent' -Expected 'absent'
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('present (' + $item.Length + ' bytes)') -Expected 'absent'
    }
    if ($item.IsFolder) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'a folder' -Expected 'a file'
    }
    switch ([string]$Step.Content) {
        'Json' {
            $expected = [string]$Step.Property + ' = ' + [string]$Step.Json
            $found = Get-RgJsonProperty -Path $path -Property ([string]$Step.Property)
            if (-not $found.FileExists) {
                return New-RgStepResult -Step $Step -Compliant $false -Actual 'file absent' -Expected $expected
            }
            if (-not $found.Exists) {
                return New-RgStepResult -Step $Step -Compliant $false -Actual ([string]$Step.Property + ' not set') -Expected $expected
            }
            return New-RgStepResult -Step $Step -Compliant ([string]$found.Json -ceq [string]$Step.Json) -Actual ([string]$Step.Property + ' = ' + $found.Json) -Expected $expected
        }
        'Sha256' {
            $expected = 'SHA-256 ' + [string]$Step.Sha256
            if (-not $item.Exists) {
                return New-RgStepResult -Step $Step -Compliant $false -Actual 'absent' -Expected $expected
            }
            $hash = Get-RgFileHash -Path $path
            return New-RgStepResult -Step $Step -Compliant ($hash -eq [string]$Step.Sha256) -Actual ('SHA-256 ' + $hash) -Expected $expected
        }
        default {
            if ($item.Exists) {
                return New-RgStepResult -Step $Step -Compliant $true -Actual 'present' -Expected 'present'
            }
            return New-RgStepResult -Step $Step -Compliant $false -Actual 'absent' -Expected 'present'
        }
    }
}
