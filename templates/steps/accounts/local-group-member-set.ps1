function Set-RgLocalGroupMember {
    <#
    .SYNOPSIS
        Adds each missing member (Add-RgLocalGroupMember: by SID, or by name when it did not resolve) and removes
        each member that must not be there (Remove-RgLocalGroupMember, by SID), each through ShouldProcess. The
        repair loop reads the group again to verify.
    .PARAMETER Step
        The step: Group, Members, Mode, Remove.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $plan = Get-RgGroupMembershipPlan -Step $Step
    if (-not $plan.Group.Exists) {
        throw ('there is no local group ' + $Step.Group + ' on this device; remgen does not create groups')
    }
    $name = [string]$plan.Group.Name
    foreach ($item in $plan.Missing) {
        $member = [string]$item.Member
        if ($item.Sid) { $member = [string]$item.Sid }
        if ($PSCmdlet.ShouldProcess('local group ' + $name, 'Add ' + $item.Member)) {
            Add-RgLocalGroupMember -Group $name -Member $member
            Write-RgLog -Message ($Step.Id + ': added ' + $item.Member + ' to ' + $name)
        }
    }
    foreach ($item in $plan.Extra) {
        if ($PSCmdlet.ShouldProcess('local group ' + $name, 'Remove ' + $item.Name + ' (' + $item.Sid + ')')) {
            Remove-RgLocalGroupMember -Group $name -Sid ([string]$item.Sid)
            Write-RgLog -Message ($Step.Id + ': removed ' + $item.Name + ' (' + $item.Sid + ') from ' + $name)
        }
    }
}
