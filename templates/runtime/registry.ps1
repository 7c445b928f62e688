function Open-RgRegistryBaseKey {
    <#
    .SYNOPSIS
        The registry seams' own helper: a hive's root key in an explicit view (RegistryKey.OpenBaseKey), so
        the right key is reached whatever this process's bitness. The caller disposes it.
    .PARAMETER Hive
        HKLM, HKCU or HKU (HKEY_USERS: a user's hive by SID, every user's profile from SYSTEM).
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.Win32.RegistryKey])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $hiveName = [Microsoft.Win32.RegistryHive]::CurrentUser
    if ($Hive -eq 'HKLM') {
        $hiveName = [Microsoft.Win32.RegistryHive]::LocalMachine
    }
    elseif ($Hive -eq 'HKU') {
        $hiveName = [Microsoft.Win32.RegistryHive]::Users
    }
    $viewName = [Microsoft.Win32.RegistryView]::Registry64
    if ($View -eq 32) {
        $viewName = [Microsoft.Win32.RegistryView]::Registry32
    }
    [Microsoft.Win32.RegistryKey]::OpenBaseKey($hiveName, $viewName)
}

function Get-RgRegistryData {
    <#
    .SYNOPSIS
        Seam: reads one value in an explicit view. DWord and QWord come back unsigned; ExpandString unexpanded.
    .PARAMETER Hive
        HKLM, HKCU or HKU (HKEY_USERS: a user's hive by SID, every user's profile from SYSTEM).
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER Name
        Value name ('' is the key's default value).
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Name,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $base = Open-RgRegistryBaseKey -Hive $Hive -View $View
    try {
        $key = $base.OpenSubKey($SubKey, $false)
    }
    finally {
        $base.Dispose()
    }
    if ($null -eq $key) {
        return [pscustomobject]@{ KeyExists = $false; Exists = $false; Kind = ''; Value = $null }
    }
    try {
        if ($key.GetValueNames() -notcontains $Name) {
            return [pscustomobject]@{ KeyExists = $true; Exists = $false; Kind = ''; Value = $null }
        }
        $kind = $key.GetValueKind($Name).ToString()
        $value = $key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
        if ($kind -eq 'DWord') {
            $value = [System.BitConverter]::ToUInt32([System.BitConverter]::GetBytes([int32]$value), 0)
        }
        elseif ($kind -eq 'QWord') {
            $value = [System.BitConverter]::ToUInt64([System.BitConverter]::GetBytes([int64]$value), 0)
        }
        [pscustomobject]@{ KeyExists = $true; Exists = $true; Kind = $kind; Value = $value }
    }
    finally {
        $key.Dispose()
    }
}

function Get-RgRegistrySubKeyNames {
    <#
    .SYNOPSIS
        Seam: the names of a key's subkeys in an explicit view ([Microsoft.Win32.RegistryKey].GetSubKeyNames).
    .PARAMETER Hive
        HKLM, HKCU or HKU.
    .PARAMETER SubKey
        Path below the hive; empty for the hive's own subkeys (HKU: the loaded users' hives).
    .PARAMETER View
        64 (native) or 32 (WOW64).
    .OUTPUTS
        KeyExists ([bool]), Names ([string[]], empty when the key does not exist). Access denied throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$SubKey,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $base = Open-RgRegistryBaseKey -Hive $Hive -View $View
    if ($SubKey -eq '') {
        $key = $base
    }
    else {
        try {
            $key = $base.OpenSubKey($SubKey, $false)
        }
        finally {
            $base.Dispose()
        }
    }
    if ($null -eq $key) {
        return [pscustomobject]@{ KeyExists = $false; Names = [string[]]@() }
    }
    try {
        [pscustomobject]@{ KeyExists = $true; Names = [string[]]$key.GetSubKeyNames() }
    }
    finally {
        $key.Dispose()
    }
}
