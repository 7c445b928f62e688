function Get-RgLocalUser {
    <#
    .SYNOPSIS
        Seam: every local user account (the LocalAccounts module's Get-LocalUser, listed whole so a missing name is
        no match rather than a localized error).
    .OUTPUTS
        One object per account: Name, Sid ([string]), Enabled ([bool]). Throws when the accounts cannot be read.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    foreach ($user in @(Get-LocalUser -ErrorAction Stop)) {
        [pscustomobject]@{ Name = [string]$user.Name; Sid = [string]$user.SID.Value; Enabled = [bool]$user.Enabled }
    }
}

function Get-RgLocalGroup {
    <#
    .SYNOPSIS
        Seam: a local group and its members through the ADSI WinNT provider, never Get-LocalGroupMember, which
        fails on orphaned and Entra SIDs (docs/reference/windows-admin.md 2.2). A SID is translated to the group's
        name in this Windows' language first.
    .PARAMETER Group
        A SID (S-1-5-32-544) or a local group name.
    .OUTPUTS
        Exists ([bool]), Name, Sid, Members (one { Sid; Name; Path } per member; a member whose name no longer
        resolves has its SID as Name). Throws when the group cannot be read (access denied).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Group
    )
    $name = $Group
    if ($Group -match '^S-1-') {
        try {
            $account = ([System.Security.Principal.SecurityIdentifier]::new($Group)).Translate([System.Security.Principal.NTAccount]).Value
        }
        catch [System.Security.Principal.IdentityNotMappedException] {
            return [pscustomobject]@{ Exists = $false; Name = ''; Sid = $Group; Members = @() }
        }
        $name = $account.Substring($account.IndexOf('\') + 1)
    }
    $path = 'WinNT://' + [System.Environment]::MachineName + '/' + $name + ',group'
    if (-not [System.DirectoryServices.DirectoryEntry]::Exists($path)) {
        return [pscustomobject]@{ Exists = $false; Name = $name; Sid = ''; Members = @() }
    }
    $entry = [System.DirectoryServices.DirectoryEntry]::new($path)
    try {
        $groupSid = ([System.Security.Principal.SecurityIdentifier]::new([byte[]]$entry.Properties['objectSid'].Value, 0)).Value
        $members = foreach ($member in @($entry.Invoke('Members'))) {
            $item = [System.DirectoryServices.DirectoryEntry]::new($member)
            try {
                $memberPath = [string]$item.Path
                $sid = ''
                try { $sid = ([System.Security.Principal.SecurityIdentifier]::new([byte[]]$item.Properties['objectSid'].Value, 0)).Value }
                catch { $sid = '' }
                if (-not $sid -and $memberPath -match '(S-1-[0-9-]+)$') { $sid = $Matches[1] }
                $memberName = [string]$item.Name
                if (-not $memberName) { $memberName = $sid }
                [pscustomobject]@{ Sid = $sid; Name = $memberName; Path = $memberPath }
            }
            finally {
                $item.Dispose()
            }
        }
        [pscustomobject]@{ Exists = $true; Name = $name; Sid = $groupSid; Members = @($members) }
    }
    finally {
        $entry.Dispose()
    }
}

function Resolve-RgAccountSid {
    <#
    .SYNOPSIS
        Seam: the SID of an account name (NTAccount.Translate): a local name, DOMAIN\name or AzureAD\<UPN>.
    .PARAMETER Name
        The account name.
    .OUTPUTS
        Resolved ([bool]), Sid, Error (why not, when not); never throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name
    )
    try {
        $sid = ([System.Security.Principal.NTAccount]::new($Name)).Translate([System.Security.Principal.SecurityIdentifier]).Value
        [pscustomobject]@{ Resolved = $true; Sid = [string]$sid; Error = '' }
    }
    catch {
        [pscustomobject]@{ Resolved = $false; Sid = ''; Error = $_.Exception.Message }
    }
}

function Find-RgLocalUser {
    <#
    .SYNOPSIS
        The step's local user among Get-RgLocalUser's: by name, or by RID (the last number of a local account's SID).
    .PARAMETER Step
        The step: UserName, Rid.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    foreach ($user in @(Get-RgLocalUser)) {
        if ([int]$Step.Rid -gt 0) {
            if ($user.Sid -match '^S-1-5-21-' -and $user.Sid.EndsWith('-' + [int]$Step.Rid)) { return $user }
        }
        elseif ([string]::Equals([string]$user.Name, [string]$Step.UserName, [System.StringComparison]::OrdinalIgnoreCase)) {
            return $user
        }
    }
    $null
}

function Get-RgGroupMembershipPlan {
    <#
    .SYNOPSIS
        The step's group as it is and what would make it right: wanted members resolved to SIDs (a name that does
        not resolve is matched by its name), the missing ones, and the ones to take out (in Exactly mode every
        other member but RID 500 and 512 accounts, and always the Remove list).
    .PARAMETER Step
        The step: Group, Members, Mode, Remove.
    .OUTPUTS
        Group (Get-RgLocalGroup's answer), Missing ({ Member; Sid; Resolved }: a name this device cannot resolve
        has no Sid and is added by name), Extra ({ Sid; Name }), Words (members in words: what the group holds).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $group = Get-RgLocalGroup -Group ([string]$Step.Group)
    $plan = [pscustomobject]@{ Group = $group; Missing = @(); Extra = @(); Words = '' }
    if (-not $group.Exists) { return $plan }
    $present = @($group.Members)
    $findMember = {
        param([string]$Member)
        $sid = $Member
        $resolvable = $true
        if ($Member -notmatch '^S-1-') {
            $resolved = Resolve-RgAccountSid -Name $Member
            $sid = $resolved.Sid
            $resolvable = $resolved.Resolved
        }
        $leaf = $Member.Substring($Member.IndexOf('\') + 1)
        $hit = @($present | Where-Object -FilterScript {
                ($sid -and [string]::Equals([string]$_.Sid, $sid, [System.StringComparison]::OrdinalIgnoreCase)) -or
                [string]::Equals([string]$_.Name, $Member, [System.StringComparison]::OrdinalIgnoreCase) -or
                [string]::Equals([string]$_.Name, $leaf, [System.StringComparison]::OrdinalIgnoreCase)
            })
        [pscustomobject]@{ Member = $Member; Sid = $sid; Resolved = $resolvable; Hit = $hit }
    }
    $wantedSids = @()
    foreach ($member in @($Step.Members)) {
        $found = & $findMember ([string]$member)
        $wantedSids += @($found.Hit | ForEach-Object -Process { $_.Sid })
        if ($found.Hit.Count -eq 0) { $plan.Missing += [pscustomobject]@{ Member = $found.Member; Sid = $found.Sid; Resolved = $found.Resolved } }
    }
    $removeSids = @()
    foreach ($member in @($Step.Remove)) {
        $found = & $findMember ([string]$member)
        $removeSids += @($found.Hit | ForEach-Object -Process { $_.Sid })
    }
    foreach ($item in $present) {
        $protected = $item.Sid -match '^S-1-5-21-.*-(500|512)$'
        $out = $removeSids -contains $item.Sid
        if (-not $out -and $Step.Mode -eq 'Exactly' -and -not $protected -and $wantedSids -notcontains $item.Sid) { $out = $true }
        if ($out) { $plan.Extra += [pscustomobject]@{ Sid = $item.Sid; Name = $item.Name } }
    }
    $plan.Words = (@($present | ForEach-Object -Process { if ($_.Name -and $_.Name -ne $_.Sid) { [string]$_.Name } else { [string]$_.Sid } }) -join ', ')
    $plan
}
