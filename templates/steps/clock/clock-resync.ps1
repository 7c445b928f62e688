function Test-RgClockResync {
    <#
    .SYNOPSIS
        The state the resync fixes: whether the device clock is within ThresholdSeconds of the server's HTTPS
        Date, measured here (after a resync too, so the action is verified by the clock, not by w32tm).
        A Date that cannot be read is not compliant (the set half then refuses to act on it).
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
    if ($skew.Measured -and [System.Math]::Abs([int]$skew.SkewSeconds) -le [int]$Step.ThresholdSeconds) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('device clock ' + $skew.SkewSeconds + ' s off') -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual $measured -Expected $expected
}
