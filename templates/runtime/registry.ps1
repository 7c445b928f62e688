function Open-RgRegistryKey {
    <#
    .SYNOPSIS
        Seam: opens a key in an explicit registry view; returns $null when it does not exist and Create is not set.
    .PARAMETER Hive
        HKLM or HKCU.
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER View
        64 (native) or 32 (WOW64).
    .PARAMETER Create
        Create the key when missing and open it writable.
    #>
    [CmdletBinding()]
    [OutputType([Microsoft.Win32.RegistryKey])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [ValidateSet(32, 64)]
        [int]$View = 64,

        [switch]$Create
    )
    $hiveName = [Microsoft.Win32.RegistryHive]::CurrentUser
    if ($Hive -eq 'HKLM') {
        $hiveName = [Microsoft.Win32.RegistryHive]::LocalMachine
    }
    $viewName = [Microsoft.Win32.RegistryView]::Registry64
    if ($View -eq 32) {
        $viewName = [Microsoft.Win32.RegistryView]::Registry32
    }
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($hiveName, $viewName)
    try {
        if ($Create) {
            return $base.CreateSubKey($SubKey)
        }
        $base.OpenSubKey($SubKey, $false)
    }
    finally {
        $base.Dispose()
    }
}

function Get-RgRegistryData {
    <#
    .SYNOPSIS
        Seam: reads one value in an explicit view. DWord and QWord come back unsigned; ExpandString unexpanded.
    .PARAMETER Hive
        HKLM or HKCU.
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER Name
        Value name.
    .PARAMETER View
        64 (native) or 32 (WOW64).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('HKLM', 'HKCU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [Parameter(Mandatory = $true)]
        [string]$Name,

        [ValidateSet(32, 64)]
        [int]$View = 64
    )
    $key = Open-RgRegistryKey -Hive $Hive -SubKey $SubKey -View $View
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

function Write-RgRegistryData {
    <#
    .SYNOPSIS
        Seam: writes one value in an explicit view, creating the key when missing.
    .PARAMETER Hive
        HKLM or HKCU.
    .PARAMETER SubKey
        Path below the hive.
    .PARAMETER Name
        Value name.
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
        [ValidateSet('HKLM', 'HKCU')]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey,

        [Parameter(Mandatory = $true)]
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
    $key = Open-RgRegistryKey -Hive $Hive -SubKey $SubKey -View $View -Create
    try {
        $key.SetValue($Name, $data, [Microsoft.Win32.RegistryValueKind]$Kind)
    }
    finally {
        $key.Dispose()
    }
}
