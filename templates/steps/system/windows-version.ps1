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
    $minimum = [int]$Step.MinimumBuild
    $expected = 'any Windows build'
    if ($minimum -gt 0) {
        $expected = 'Windows build ' + $minimum + ' or later'
    }
    $build = Get-RgWindowsBuild
    if (-not $build.Known) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual $build.Text -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant ($build.Number -ge $minimum) -Actual $build.Text -Expected $expected
}
