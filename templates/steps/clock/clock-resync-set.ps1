function Invoke-RgClockResync {
    <#
    .SYNOPSIS
        Asks the Windows Time service to resync now (`w32tm /resync`), starting W32Time first when it is
        stopped and setting its start type to Automatic when it is Manual; a disabled or missing service, or
        a skew that cannot be measured, is an error and nothing is done. Whether it worked is decided by measuring the skew again (the repair loop tests the step
        afterwards), not by w32tm's exit code or words.
    .PARAMETER Step
        The step: Uri, ThresholdSeconds, TimeoutMilliseconds.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $skew = Get-RgClockSkew -Uri ([string]$Step.Uri) -TimeoutMilliseconds ([int]$Step.TimeoutMilliseconds)
    if (-not $skew.Measured) {
        throw ('the clock skew could not be measured (' + (Format-RgClockSkew -Skew $skew -Uri ([string]$Step.Uri)) + '): w32tm /resync not run')
    }
    $service = Get-RgService -Name 'W32Time'
    if (-not $service.Exists) {
        throw 'the Windows Time service (W32Time) is not installed: w32tm /resync cannot run'
    }
    if ($service.StartType -eq 'Manual') {
        # A clock that drifted on a device whose time service starts only on a trigger: keep it running
        # (reference 3.5: resync needs W32Time running). A disabled service is left as the admin set it.
        if ($PSCmdlet.ShouldProcess('Windows Time service (W32Time), start type Manual', 'Set start type Automatic')) {
            Set-RgServiceStartType -Name 'W32Time' -StartType 'Automatic'
            Write-RgLog -Message ($Step.Id + ': set the W32Time start type to Automatic (was Manual)')
        }
    }
    if ($service.Status -ne 'Running') {
        if ($service.StartType -eq 'Disabled') {
            throw ('the Windows Time service (W32Time) is ' + $service.Status + ' and disabled: not started, w32tm /resync not run (enable the service first)')
        }
        if ($PSCmdlet.ShouldProcess('Windows Time service (W32Time), ' + $service.Status + ', start type ' + $service.StartType, 'Start')) {
            Start-RgService -Name 'W32Time' -TimeoutSeconds 30
            Write-RgLog -Message ($Step.Id + ': started W32Time (was ' + $service.Status + ')')
        }
    }
    if ($PSCmdlet.ShouldProcess('device clock, ' + (Format-RgClockSkew -Skew $skew -Uri ([string]$Step.Uri)), 'Resync with W32Time (w32tm /resync)')) {
        $result = Invoke-RgNativeCommand -FilePath 'w32tm.exe' -ArgumentList @('/resync') -TimeoutSeconds 60
        $words = @($result.Output | Where-Object -FilterScript { -not [string]::IsNullOrWhiteSpace([string]$_) } | ForEach-Object -Process { ([string]$_).Trim() }) -join ' '
        if ($result.TimedOut) {
            Write-RgLog -Message ($Step.Id + ': w32tm /resync did not finish within 60 seconds') -Severity Warning
        }
        else {
            Write-RgLog -Message ($Step.Id + ': w32tm /resync exit code ' + $result.ExitCode + ': ' + $words)
        }
    }
}
