function Test-RgClockSkew {
    <#
    .SYNOPSIS
        The device clock against the server's HTTPS Date header: compliant when they differ by at most
        ThresholdSeconds. Reports the Windows Time service and `w32tm /query /status` (in the log, and in
        Actual when not compliant); those never decide. A Date that cannot be read is non-compliant, with
        the reason. Reads only.
    .PARAMETER Step
        The step: Uri, ThresholdSeconds, TimeoutMilliseconds.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = 'device clock within ' + [int]$Step.ThresholdSeconds + ' s of ' + $Step.Uri
    $skew = Get-RgClockSkew -Uri ([string]$Step.Uri) -TimeoutMilliseconds ([int]$Step.TimeoutMilliseconds)
    $measured = Format-RgClockSkew -Skew $skew -Uri ([string]$Step.Uri)
    $service = Get-RgW32TimeService
    $status = Get-RgW32TimeStatus
    $time = $service.Text + '; ' + $status
    Write-RgLog -Message ($Step.Id + ': ' + $measured + '; ' + $time)
    if ($skew.Measured -and [System.Math]::Abs([int]$skew.SkewSeconds) -le [int]$Step.ThresholdSeconds) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('device clock ' + $skew.SkewSeconds + ' s off') -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ($measured + '; ' + $time) -Expected $expected
}
