function Test-RgServiceState {
    <#
    .SYNOPSIS
        Whether a Windows service starts and runs as the step wants (Get-RgService). A service that is not
        installed is not compliant, or compliant as not applicable when the step says so.
    .PARAMETER Step
        The step: ServiceName, StartType (Automatic, AutomaticDelayed, Manual, Disabled; empty: not looked
        at), Status (Running, Stopped; empty: not looked at), IfMissing (NonCompliant or NotApplicable).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $wanted = @()
    if ($Step.StartType) {
        $wanted += 'start ' + $Step.StartType
    }
    if ($Step.Status) {
        $wanted += [string]$Step.Status
    }
    $expected = $wanted -join ', '
    $service = Get-RgService -Name ([string]$Step.ServiceName)
    if (-not $service.Exists) {
        if ($Step.IfMissing -eq 'NotApplicable') {
            return New-RgStepResult -Step $Step -Compliant $true -Actual 'not installed (not applicable)' -Expected $expected
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'not installed' -Expected $expected
    }
    $startType = Get-RgServiceStartWords -Service $service
    $compliant = $true
    $actual = @()
    if ($Step.StartType) {
        $actual += 'start ' + $startType
        $compliant = $compliant -and $startType -eq $Step.StartType
    }
    if ($Step.Status) {
        $actual += [string]$service.Status
        $compliant = $compliant -and $service.Status -eq $Step.Status
    }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual ($actual -join ', ') -Expected $expected
}
