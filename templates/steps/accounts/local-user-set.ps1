function Set-RgLocalUserState {
    <#
    .SYNOPSIS
        Deletes the account (Remove-RgLocalUser) or enables or disables it (Set-RgLocalUserEnabled), through
        ShouldProcess. A missing account is never created (a password would have to be in the script): an error.
    .PARAMETER Step
        The step: UserName, Rid, Want, Enabled.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $user = Find-RgLocalUser -Step $Step
    if ($null -eq $user) {
        if ($Step.Want -eq 'Absent') { return }
        throw ('the local account ' + $Step.UserName + ' does not exist; remgen does not create accounts (a password would have to be in the script)')
    }
    if ($Step.Want -eq 'Absent') {
        if ($PSCmdlet.ShouldProcess('local user ' + $user.Name, 'Delete')) {
            Remove-RgLocalUser -Sid $user.Sid
            Write-RgLog -Message ($Step.Id + ': deleted the local user ' + $user.Name + ' (' + $user.Sid + ')')
        }
        return
    }
    $want = $Step.Enabled -eq 'Enabled'
    if ($Step.Enabled -and $user.Enabled -ne $want) {
        if ($PSCmdlet.ShouldProcess('local user ' + $user.Name, 'Set ' + $Step.Enabled)) {
            Set-RgLocalUserEnabled -Sid $user.Sid -Enabled $want
            Write-RgLog -Message ($Step.Id + ': ' + ([string]$Step.Enabled).ToLowerInvariant() + ' the local user ' + $user.Name)
        }
    }
}
