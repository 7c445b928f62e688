function Test-RgInstalledApp {
    <#
    .SYNOPSIS
        Whether the app is installed (or not), at the version the step wants, from the uninstall entries
        (Get-RgInstalledApps); versions are compared as [version].
    .PARAMETER Step
        The step: DisplayName, Publisher, Scope, BelowVersion, Want (Present or Absent), MinimumVersion,
        ExactVersion.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $apps = @(Get-RgInstalledApps -Step $Step)
    $found = ($apps | ForEach-Object -Process { Format-RgApp -App $_ }) -join '; '
    if ($Step.Want -eq 'Absent') {
        if ($apps.Count -eq 0) {
            return New-RgStepResult -Step $Step -Compliant $true -Actual 'not installed' -Expected 'not installed'
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('installed: ' + $found) -Expected 'not installed'
    }
    $expected = 'installed'
    $fits = $apps
    if ($Step.MinimumVersion) {
        $minimum = ConvertTo-RgAppVersion -Text ([string]$Step.MinimumVersion)
        $expected = 'installed, version ' + $Step.MinimumVersion + ' or later'
        $fits = @($apps | Where-Object -FilterScript { $null -ne $_.Version -and $_.Version -ge $minimum })
    }
    elseif ($Step.ExactVersion) {
        $exact = ConvertTo-RgAppVersion -Text ([string]$Step.ExactVersion)
        $expected = 'installed, version ' + $Step.ExactVersion
        $fits = @($apps | Where-Object -FilterScript { $null -ne $_.Version -and $_.Version -eq $exact })
    }
    if ($apps.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'not installed' -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant (@($fits).Count -gt 0) -Actual ('installed: ' + $found) -Expected $expected
}
