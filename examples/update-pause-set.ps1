function Clear-ContosoUpdatePause {
    <#
    .SYNOPSIS
        Ends the pause: deletes the pause end and start times Settings > Windows Update wrote.
    .DESCRIPTION
        Deletes PauseUpdatesExpiryTime, PauseFeatureUpdatesEndTime, PauseQualityUpdatesEndTime and their start
        times under HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings (observed names, not a documented
        interface); the next scan of Windows Update sees no pause. A missing value is not an error.
    .PARAMETER Step
        The step's row.
    .PARAMETER MaximumPauseDays
        Unused here: the test half reads it.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [int]$MaximumPauseDays
    )
    $key = 'SOFTWARE\Microsoft\WindowsUpdate\UX\Settings'
    $names = @('PauseUpdatesExpiryTime', 'PauseUpdatesStartTime', 'PauseFeatureUpdatesEndTime', 'PauseFeatureUpdatesStartTime', 'PauseQualityUpdatesEndTime', 'PauseQualityUpdatesStartTime')
    foreach ($name in $names) {
        if ($PSCmdlet.ShouldProcess('HKLM:\' + $key + '\' + $name, 'Delete the value')) {
            Remove-RgRegistryData -Hive 'HKLM' -SubKey $key -Name $name
        }
    }
    Write-RgLog -Message ($Step.Id + ': Windows Update pause cleared')
}
