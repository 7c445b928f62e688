function Test-RgAppxPackage {
    <#
    .SYNOPSIS
        Whether the AppX package is installed (the user's or every user's) and, with Provisioned, provisioned,
        as the step wants (Get-RgAppxState).
    .PARAMETER Step
        The step: Name, FamilyName, AllUsers, Provisioned, Want (Present or Absent).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $state = Get-RgAppxState -Step $Step
    $installed = @($state.Installed)
    $provisioned = @($state.Provisioned)
    $words = @()
    if ($installed.Count -gt 0) {
        $words += 'installed: ' + (($installed | ForEach-Object -Process { $_.PackageFullName }) -join ', ')
    }
    if ($provisioned.Count -gt 0) {
        $words += 'provisioned: ' + (($provisioned | ForEach-Object -Process { $_.PackageName }) -join ', ')
    }
    $actual = $words -join '; '
    if (-not $actual) {
        $actual = 'not installed'
    }
    if ($Step.Want -eq 'Absent') {
        $expected = 'not installed'
        if ($Step.Provisioned) {
            $expected = 'not installed, not provisioned'
        }
        return New-RgStepResult -Step $Step -Compliant ($installed.Count -eq 0 -and $provisioned.Count -eq 0) -Actual $actual -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant ($installed.Count -gt 0) -Actual $actual -Expected 'installed'
}
