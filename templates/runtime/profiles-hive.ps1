function Mount-RgUserHive {
    <#
    .SYNOPSIS
        Seam: loads a user's hive file (NTUSER.DAT) under HKU\<Name> with reg.exe load (%SystemRoot%\System32,
        through Invoke-RgNativeCommand); throws when reg exits non-zero (0 is success, 1 failure: a hive held by
        another process, a missing file). Only as SYSTEM or an administrator (the backup and restore privileges).
    .PARAMETER Name
        The key under HKU to load it at (remgen_<SID>).
    .PARAMETER Path
        The hive file.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $reg = [string](Get-RgPlatform).SystemRoot + '\System32\reg.exe'
    $result = Invoke-RgNativeCommand -FilePath $reg -ArgumentList @('load', ('HKU\' + $Name), $Path) -TimeoutSeconds 60
    if ($result.ExitCode -ne 0) {
        throw ('reg load of ' + $Path + ' failed (exit ' + $result.ExitCode + '): ' + (@($result.Output) -join ' '))
    }
}

function Dismount-RgUserHive {
    <#
    .SYNOPSIS
        Seam: unloads a hive Mount-RgUserHive loaded (reg.exe unload HKU\<Name>). The registry seams dispose every
        key they open, so no handle of this script holds it; a handle another process opened meanwhile does, so
        it is tried three times, a second apart, after a garbage collection. Throws when it stays loaded.
    .PARAMETER Name
        The key under HKU.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name
    )
    $reg = [string](Get-RgPlatform).SystemRoot + '\System32\reg.exe'
    $output = ''
    for ($try = 1; $try -le 3; $try++) {
        [System.GC]::Collect()
        [System.GC]::WaitForPendingFinalizers()
        $result = Invoke-RgNativeCommand -FilePath $reg -ArgumentList @('unload', ('HKU\' + $Name)) -TimeoutSeconds 60
        if ($result.ExitCode -eq 0) {
            return
        }
        $output = @($result.Output) -join ' '
        [System.Threading.Thread]::Sleep(1000)
    }
    throw ('reg unload of HKU\' + $Name + ' failed (exit 1): ' + $output)
}

function Invoke-RgInUserHive {
    <#
    .SYNOPSIS
        Runs a block with the key under HKU where a profile's hive is: HKU\<SID> when it is loaded, else its
        NTUSER.DAT loaded at HKU\remgen_<SID> (remgen_Default for the Default profile) and unloaded again right
        after, whatever the block did. A hive that cannot be loaded is skipped (Skipped and the reason); one that
        cannot be unloaded is an error (the user's next sign-in would find it held).
    .PARAMETER UserProfile
        One of Get-RgUserProfiles.
    .PARAMETER ScriptBlock
        Called with the key's name under HKU; what it returns comes back as Value.
    .OUTPUTS
        Skipped ([bool]), Reason, Value.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [pscustomobject]$UserProfile,

        [Parameter(Mandatory = $true)]
        [scriptblock]$ScriptBlock
    )
    if ($UserProfile.Loaded) {
        return [pscustomobject]@{ Skipped = $false; Reason = ''; Value = (& $ScriptBlock $UserProfile.Sid) }
    }
    $name = 'remgen_' + $UserProfile.Sid
    if ($UserProfile.IsDefault) {
        $name = 'remgen_Default'
    }
    try {
        Mount-RgUserHive -Name $name -Path ($UserProfile.Path.TrimEnd('\') + '\NTUSER.DAT')
    }
    catch {
        return [pscustomobject]@{ Skipped = $true; Reason = $_.Exception.Message; Value = $null }
    }
    try {
        $value = & $ScriptBlock $name
    }
    finally {
        Dismount-RgUserHive -Name $name
    }
    [pscustomobject]@{ Skipped = $false; Reason = ''; Value = $value }
}
