function Test-RgJoinState {
    <#
    .SYNOPSIS
        Reads `dsregcmd /status` and reports whether the device is joined as wanted, with a DeviceAuthStatus of
        SUCCESS and, in a user-context package (where dsregcmd shows the user's SSO state), a primary refresh
        token. Under SYSTEM the PRT is not checked: SYSTEM sees its own SSO state, never the user's (reference
        3.1). Reads only.
    .PARAMETER Step
        The step: Want (entra, hybrid, any-entra), Prt.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $state = Get-RgJoinState
    $prt = [bool]$Step.Prt -and $script:RgPackage.Context -eq 'user'
    if ([bool]$Step.Prt -and -not $prt) {
        Write-RgLog -Message ($Step.Id + ': the primary refresh token is not checked under SYSTEM (dsregcmd shows the user''s SSO state only as the user)')
    }
    Write-RgLog -Message ($Step.Id + ': dsregcmd /status: AzureAdJoined ' + $state.AzureAdJoined + ', DomainJoined ' + $state.DomainJoined + ', WorkplaceJoined ' + $state.WorkplaceJoined + ', DeviceAuthStatus ' + $state.DeviceAuthStatus + ', AzureAdPrt ' + $state.AzureAdPrt)
    $verdict = Test-RgJoinWanted -State $state -Want ([string]$Step.Want) -Prt $prt
    New-RgStepResult -Step $Step -Compliant $verdict.Compliant -Actual $verdict.Actual -Expected $verdict.Expected
}
