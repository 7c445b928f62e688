function Test-ContosoUpdatePause {
    <#
    .SYNOPSIS
        Windows Update is not paused for longer than MaximumPauseDays from now.
    .DESCRIPTION
        Reads the pause end time Settings > Windows Update writes (PauseUpdatesExpiryTime under
        HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings, an ISO 8601 time; observed on Windows 10 and 11, not
        a documented interface) and compares it with the device clock (Get-RgUtcNow). Not set, or unreadable as a
        time, is not paused.
    .PARAMETER Step
        The step's row.
    .PARAMETER MaximumPauseDays
        The longest pause the organisation accepts, in days from now.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [Parameter(Mandatory = $true)]
        [int]$MaximumPauseDays
    )
    $expected = 'paused for at most ' + $MaximumPauseDays + ' day(s)'
    $value = Get-RgRegistryData -Hive 'HKLM' -SubKey 'SOFTWARE\Microsoft\WindowsUpdate\UX\Settings' -Name 'PauseUpdatesExpiryTime'
    if (-not $value.Exists) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'not paused' -Expected $expected
    }
    $until = [datetime]::MinValue
    $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal
    if (-not [datetime]::TryParse([string]$value.Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$until)) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('not paused (unreadable end time ' + [string]$value.Value + ')') -Expected $expected
    }
    $days = [System.Math]::Ceiling(($until - (Get-RgUtcNow)).TotalDays)
    $actual = 'paused until ' + $until.ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture) + ' (' + $days + ' day(s))'
    if ($days -le 0) {
        $actual = 'pause ended ' + $until.ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    New-RgStepResult -Step $Step -Compliant ($days -le $MaximumPauseDays) -Actual $actual -Expected $expected
}
