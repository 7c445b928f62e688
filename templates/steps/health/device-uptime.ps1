function Test-RgDeviceUptime {
    <#
    .SYNOPSIS
        Whether Windows has run at most MaxDays since it last started (Get-RgLastBootTime, Get-RgUtcNow).
    .PARAMETER Step
        The step: MaxDays.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    $boot = Get-RgLastBootTime
    $days = ((Get-RgUtcNow) - $boot).TotalDays
    $actual = 'up ' + $days.ToString('0.0', $culture) + ' days (started ' + $boot.ToString('yyyy-MM-dd HH:mm', $culture) + ' UTC)'
    New-RgStepResult -Step $Step -Compliant ($days -le [double]$Step.MaxDays) -Actual $actual -Expected ('up at most ' + $Step.MaxDays + ' days')
}
