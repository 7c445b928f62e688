function Write-RgRegistryData {
    <#
    .SYNOPSIS
        Seam: writes one value in an explicit view, creating the key when missing.
    .PARAMETER Hive
        HKLM, HKCU or HKU (HKEY_USERS: a user's hive by SID, every user's profile from SYSTEM).
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER Name
        Value name ('' is the key's default value).
    .PARAMETER Kind
        DWord, QWord, String, ExpandString or MultiString.
    .PARAMETER Value
        Data: an unsigned number (DWord, QWord as decimal text), a string, or strings.
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [ValidateSet('DWord', 'QWord', 'String', 'ExpandString', 'MultiString')]
        [string]$Kind,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [object]$Value,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    if ($Kind -eq 'DWord') {
        $data = [System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32]$Value), 0)
    }
    elseif ($Kind -eq 'QWord') {
        $data = [System.BitConverter]::ToInt64([System.BitConverter]::GetBytes([uint64]$Value), 0)
    }
    elseif ($Kind -eq 'MultiString') {
        $data = [string[]]@($Value)
    }
    else {
        $data = [string]$Value
    }
    $base = Open-RgRegistryBaseKey -Hive $Hive -View $View
    try {
        $key = $base.CreateSubKey($SubKey)
    }
    finally {
        $base.Dispose()
    }
    try {
        $key.SetValue($Name, $data, [Microsoft.Win32.RegistryValueKind]$Kind)
    }
    finally {
        $key.Dispose()
    }
}

function Remove-RgRegistryData {
    <#
    .SYNOPSIS
        Seam: deletes one value in an explicit view (RegistryKey.DeleteValue); a missing key or value is not an
        error. The key and its other values stay.
    .PARAMETER Hive
        HKLM, HKCU or HKU.
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER Name
        Value name.
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [Parameter(Mandatory = $true)]
        [string]$Name,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $base = Open-RgRegistryBaseKey -Hive $Hive -View $View
    try {
        $key = $base.OpenSubKey($SubKey, $true)
    }
    finally {
        $base.Dispose()
    }
    if ($null -eq $key) {
        return
    }
    try {
        $key.DeleteValue($Name, $false)
    }
    finally {
        $key.Dispose()
    }
}

function New-RgRegistryKey {
    <#
    .SYNOPSIS
        Seam: creates a key (and the keys above it) in an explicit view (RegistryKey.CreateSubKey); an existing
        key is left as it is.
    .PARAMETER Hive
        HKLM, HKCU or HKU.
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $base = Open-RgRegistryBaseKey -Hive $Hive -View $View
    try {
        $key = $base.CreateSubKey($SubKey)
        $key.Dispose()
    }
    finally {
        $base.Dispose()
    }
}

function Remove-RgRegistryKey {
    <#
    .SYNOPSIS
        Seam: deletes a key with everything below it in an explicit view (RegistryKey.DeleteSubKeyTree); a
        missing key is not an error.
    .PARAMETER Hive
        HKLM, HKCU or HKU.
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU', 'HKU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $base = Open-RgRegistryBaseKey -Hive $Hive -View $View
    try {
        $base.DeleteSubKeyTree($SubKey, $false)
    }
    finally {
        $base.Dispose()
    }
}
