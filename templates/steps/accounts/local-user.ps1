function Test-RgLocalUser {
    <#
    .SYNOPSIS
        Whether a local user account exists (or not) and is enabled or disabled as the step wants (Get-RgLocalUser),
        found by name or by RID.
    .PARAMETER Step
        The step: UserName, Rid, Want (Present, Absent), Enabled (Enabled, Disabled; empty: not looked at).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = [string]$Step.Want
    if ($Step.Want -eq 'Present' -and $Step.Enabled) { $expected = [string]$Step.Enabled }
    $user = Find-RgLocalUser -Step $Step
    if ($null -eq $user) {
        return New-RgStepResult -Step $Step -Compliant ($Step.Want -eq 'Absent') -Actual 'absent' -Expected $expected
    }
    $state = 'Disabled'
    if ($user.Enabled) { $state = 'Enabled' }
    $actual = $user.Name + ' ' + $state
    if ($Step.Want -eq 'Absent') {
        return New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected 'Absent'
    }
    New-RgStepResult -Step $Step -Compliant (-not $Step.Enabled -or $Step.Enabled -eq $state) -Actual $actual -Expected $expected
}
