function ConvertTo-RgAppVersion {
    <#
    .SYNOPSIS
        A DisplayVersion as a [version] (its leading numbers: '23.01 beta' is 23.1, '5' is 5.0), or $null when
        it has none.
    .PARAMETER Text
        The DisplayVersion.
    #>
    [CmdletBinding()]
    [OutputType([version])]
    param(
        [AllowEmptyString()]
        [string]$Text
    )
    $match = [regex]::Match([string]$Text, '^\s*v?(\d{1,9}(\.\d{1,9}){0,3})')
    if (-not $match.Success) {
        return $null
    }
    $digits = $match.Groups[1].Value
    if ($digits -notmatch '\.') {
        $digits += '.0'
    }
    [version]$digits
}

function Test-RgAppName {
    <#
    .SYNOPSIS
        Whether a name is the pattern: exactly (case-insensitive), or with * and ? wildcards ([ and ] are
        plain characters).
    .PARAMETER Name
        The name read from the device.
    .PARAMETER Pattern
        The step's name or pattern.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [AllowEmptyString()]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [string]$Pattern
    )
    if ($Pattern.IndexOfAny([char[]]@('*', '?')) -lt 0) {
        return [string]::Equals($Name, $Pattern, [System.StringComparison]::OrdinalIgnoreCase)
    }
    $escaped = $Pattern.Replace('`', '``').Replace('[', '`[').Replace(']', '`]')
    $Name -like $escaped
}

function Get-RgInstalledApps {
    <#
    .SYNOPSIS
        The uninstall entries of the step's app: HKLM ...\CurrentVersion\Uninstall in the 64-bit and (on 64-bit
        Windows) the 32-bit view for Scope Machine, HKCU's for Scope User, through Get-RgRegistrySubKeyNames and
        Get-RgRegistryData; matched on DisplayName, then Publisher, then BelowVersion.
    .PARAMETER Step
        The step: DisplayName, Publisher (empty: any), Scope (Machine or User), BelowVersion (empty: any).
    .OUTPUTS
        One object per entry: Hive, View, Key, DisplayName, Publisher, DisplayVersion, Version ([version] or
        $null), ProductCode (the key name of a Windows Installer product, else empty), QuietUninstallString,
        UninstallString.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $root = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
    $places = @(@{ Hive = 'HKCU'; View = 64 })
    if ($Step.Scope -ne 'User') {
        $places = @(@{ Hive = 'HKLM'; View = 64 })
        if ((Get-RgPlatform).Is64BitOperatingSystem) {
            $places += @{ Hive = 'HKLM'; View = 32 }
        }
    }
    $below = $null
    if ($Step.BelowVersion) {
        $below = [version](ConvertTo-RgAppVersion -Text ([string]$Step.BelowVersion))
    }
    foreach ($place in $places) {
        $keys = Get-RgRegistrySubKeyNames -Hive $place.Hive -SubKey $root -View $place.View
        foreach ($name in @($keys.Names)) {
            $subKey = $root + '\' + $name
            $read = @{}
            $display = Get-RgRegistryData -Hive $place.Hive -SubKey $subKey -Name 'DisplayName' -View $place.View
            if (-not $display.Exists -or -not (Test-RgAppName -Name ([string]$display.Value) -Pattern ([string]$Step.DisplayName))) {
                continue
            }
            foreach ($value in @('Publisher', 'DisplayVersion', 'QuietUninstallString', 'UninstallString', 'WindowsInstaller')) {
                $data = Get-RgRegistryData -Hive $place.Hive -SubKey $subKey -Name $value -View $place.View
                $read[$value] = ''
                if ($data.Exists) {
                    $read[$value] = [string]$data.Value
                }
            }
            if ($Step.Publisher -and -not (Test-RgAppName -Name $read.Publisher -Pattern ([string]$Step.Publisher))) {
                continue
            }
            $version = ConvertTo-RgAppVersion -Text $read.DisplayVersion
            if ($null -ne $below -and ($null -eq $version -or $version -ge $below)) {
                continue
            }
            $productCode = ''
            if ($read.WindowsInstaller -eq '1' -and $name -match '^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$') {
                $productCode = $name
            }
            [pscustomobject]@{
                Hive = $place.Hive; View = $place.View; Key = $name; DisplayName = [string]$display.Value; Publisher = $read.Publisher
                DisplayVersion = $read.DisplayVersion; Version = $version; ProductCode = $productCode
                QuietUninstallString = $read.QuietUninstallString; UninstallString = $read.UninstallString
            }
        }
    }
}

function Format-RgApp {
    <#
    .SYNOPSIS
        An uninstall entry in words: its name and version, and where it is.
    .PARAMETER App
        One entry from Get-RgInstalledApps.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$App
    )
    $where = $App.Hive
    if ($App.Hive -eq 'HKLM') {
        $where += ' ' + $App.View + '-bit'
    }
    $version = $App.DisplayVersion
    if (-not $version) {
        $version = 'no version'
    }
    $App.DisplayName + ' ' + $version + ' (' + $where + ')'
}
