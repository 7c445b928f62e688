function Test-RgWindowsVersion {
    <#
    .SYNOPSIS
        Reports the Windows build (CurrentBuildNumber.UBR, and the DisplayVersion such as 23H2); passes when it
        is at least the step's MinimumBuild (always, when MinimumBuild is 0). Reads only.
    .PARAMETER Step
        The step: MinimumBuild.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $key = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $minimum = [int]$Step.MinimumBuild
    $expected = 'any Windows build'
    if ($minimum -gt 0) {
        $expected = 'Windows build ' + $minimum + ' or later'
    }
    $build = Get-RgRegistryData -Hive 'HKLM' -SubKey $key -Name 'CurrentBuildNumber' -View 64
    $number = 0
    if (-not $build.Exists -or -not [int]::TryParse([string]$build.Value, [ref]$number)) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'an unknown Windows build (no CurrentBuildNumber)' -Expected $expected
    }
    $actual = 'Windows build ' + $number
    $ubr = Get-RgRegistryData -Hive 'HKLM' -SubKey $key -Name 'UBR' -View 64
    if ($ubr.Exists -and $ubr.Kind -eq 'DWord') {
        $actual += '.' + $ubr.Value
    }
    $display = Get-RgRegistryData -Hive 'HKLM' -SubKey $key -Name 'DisplayVersion' -View 64
    if ($display.Exists -and $display.Kind -eq 'String') {
        $actual += ' (' + $display.Value + ')'
    }
    New-RgStepResult -Step $Step -Compliant ($number -ge $minimum) -Actual $actual -Expected $expected
}
