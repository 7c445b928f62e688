function Test-RgLocalGroupMember {
    <#
    .SYNOPSIS
        Whether a local group holds the step's members (and, in Exactly mode, no one else but the built-in
        Administrator and Domain Admins; never the Remove list), read by SID (Get-RgGroupMembershipPlan).
    .PARAMETER Step
        The step: Group, Members, Mode (Include, Exactly), Remove.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = @($Step.Members) -join ', '
    if ($Step.Mode -eq 'Exactly') { $expected = 'exactly ' + $expected }
    else { $expected = 'includes ' + $expected }
    $plan = Get-RgGroupMembershipPlan -Step $Step
    if (-not $plan.Group.Exists) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('no local group ' + $Step.Group + ' on this device') -Expected $expected
    }
    $actual = @()
    if ($plan.Missing.Count -gt 0) {
        $actual += 'missing ' + (@($plan.Missing | ForEach-Object -Process { if ($_.Resolved) { $_.Member } else { $_.Member + ' (no SID for this name on this device: write the SID)' } }) -join ', ')
    }
    if ($plan.Extra.Count -gt 0) { $actual += 'also ' + (@($plan.Extra | ForEach-Object -Process { if ($_.Name -and $_.Name -ne $_.Sid) { $_.Name + ' (' + $_.Sid + ')' } else { $_.Sid } }) -join ', ') }
    if ($actual.Count -eq 0) { $actual = @('holds ' + $plan.Words) }
    New-RgStepResult -Step $Step -Compliant ($plan.Missing.Count -eq 0 -and $plan.Extra.Count -eq 0) -Actual ($actual -join '; ') -Expected $expected
}
