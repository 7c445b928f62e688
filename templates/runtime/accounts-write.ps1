function Set-RgLocalUserEnabled {
    <#
    .SYNOPSIS
        Seam: enables or disables a local user (Enable-LocalUser / Disable-LocalUser by SID); throws when it cannot.
    .PARAMETER Sid
        The account's SID.
    .PARAMETER Enabled
        Enabled or not.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Sid,

        [Parameter(Mandatory = $true)]
        [bool]$Enabled
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    if ($Enabled) {
        Enable-LocalUser -SID $Sid -ErrorAction Stop
    }
    else {
        Disable-LocalUser -SID $Sid -ErrorAction Stop
    }
}

function Remove-RgLocalUser {
    <#
    .SYNOPSIS
        Seam: deletes a local user account (Remove-LocalUser by SID); its profile folder is left. Throws when it cannot.
    .PARAMETER Sid
        The account's SID.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Sid
    )
    $ConfirmPreference = 'None'
    Remove-LocalUser -SID $Sid -ErrorAction Stop
}

function Add-RgLocalGroupMember {
    <#
    .SYNOPSIS
        Seam: adds a member to a local group: a SID through ADSI (WinNT://<SID>, which works for Entra SIDs too), a
        name through `net.exe localgroup <group> <name> /add` (how Entra users are added by UPN), judged by its exit
        code only (docs/reference/windows-admin.md 2.2). Throws when it cannot.
    .PARAMETER Group
        The group's name on this device (Get-RgLocalGroup's Name).
    .PARAMETER Member
        A SID or an account name.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Group,

        [Parameter(Mandatory = $true)]
        [string]$Member
    )
    if ($Member -match '^S-1-') {
        $entry = [System.DirectoryServices.DirectoryEntry]::new('WinNT://' + [System.Environment]::MachineName + '/' + $Group + ',group')
        try {
            $null = $entry.Invoke('Add', @('WinNT://' + $Member))
        }
        finally {
            $entry.Dispose()
        }
        return
    }
    $net = (Get-RgPlatform).SystemRoot + '\System32\net.exe'
    $result = Invoke-RgNativeCommand -FilePath $net -ArgumentList @('localgroup', $Group, $Member, '/add') -TimeoutSeconds 60
    if ($result.ExitCode -ne 0) {
        throw ('net.exe localgroup ' + $Group + ' ' + $Member + ' /add exited with ' + $result.ExitCode + ': ' + (@($result.Output) -join ' '))
    }
}

function Remove-RgLocalGroupMember {
    <#
    .SYNOPSIS
        Seam: removes a member from a local group by SID through ADSI (WinNT://<SID>: orphaned SIDs too). Throws
        when it cannot.
    .PARAMETER Group
        The group's name on this device.
    .PARAMETER Sid
        The member's SID.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Group,

        [Parameter(Mandatory = $true)]
        [string]$Sid
    )
    $entry = [System.DirectoryServices.DirectoryEntry]::new('WinNT://' + [System.Environment]::MachineName + '/' + $Group + ',group')
    try {
        $null = $entry.Invoke('Remove', @('WinNT://' + $Sid))
    }
    finally {
        $entry.Dispose()
    }
}
