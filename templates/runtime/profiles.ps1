function Get-RgUserProfiles {
    <#
    .SYNOPSIS
        The users' profiles on the device (docs/reference/user-profiles.md): the subkeys of ProfileList whose SID
        is a user's (S-1-5-21-... local or domain, S-1-12-1-... Entra ID; not the system accounts S-1-5-18, -19,
        -20, nor a '.bak' copy), with their folder (ProfileImagePath) and whether their hive is loaded (HKU\<SID>);
        with -IncludeDefault also the Default profile (ProfileList's Default value: the template of new users'
        profiles; not HKU\.DEFAULT, which is LocalSystem's hive). Public is not a user profile and never listed.
        Read through the registry seams.
    .PARAMETER IncludeDefault
        Add the Default profile (Sid empty, Name 'Default', never loaded).
    .OUTPUTS
        One object per profile: Sid, Name (the folder's name), Path, Loaded ([bool]), IsDefault ([bool]).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [switch]$IncludeDefault
    )
    $list = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
    $keys = Get-RgRegistrySubKeyNames -Hive 'HKLM' -SubKey $list
    $loaded = @((Get-RgRegistrySubKeyNames -Hive 'HKU' -SubKey '').Names)
    foreach ($sid in @($keys.Names)) {
        if ($sid -notmatch '^S-1-(5-21|12-1)-[0-9-]+$') {
            continue
        }
        $image = Get-RgRegistryData -Hive 'HKLM' -SubKey ($list + '\' + $sid) -Name 'ProfileImagePath'
        if (-not $image.Exists -or -not [string]$image.Value) {
            continue
        }
        $path = Resolve-RgFilePath -Path ([string]$image.Value)
        [pscustomobject]@{ Sid = $sid; Name = $path.TrimEnd('\').Split('\')[-1]; Path = $path; Loaded = ($loaded -contains $sid); IsDefault = $false }
    }
    if ($IncludeDefault) {
        $default = Get-RgRegistryData -Hive 'HKLM' -SubKey $list -Name 'Default'
        if ($default.Exists -and [string]$default.Value) {
            $path = Resolve-RgFilePath -Path ([string]$default.Value)
            [pscustomobject]@{ Sid = ''; Name = 'Default'; Path = $path; Loaded = $false; IsDefault = $true }
        }
    }
}

function Resolve-RgProfilePath {
    <#
    .SYNOPSIS
        A step's path in one user's profile: the user's variables (%USERPROFILE%, %APPDATA%, %LOCALAPPDATA%,
        %TEMP%, %TMP%) as that profile's standard folders (AppData\Roaming, AppData\Local, AppData\Local\Temp;
        a redirected AppData is not followed), then the machine's variables expanded (Resolve-RgFilePath).
    .PARAMETER Path
        The path as the step has it.
    .PARAMETER ProfilePath
        The profile folder, e.g. C:\Users\alice.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$ProfilePath
    )
    $root = $ProfilePath.TrimEnd('\')
    $places = @(
        @('%USERPROFILE%', $root),
        @('%APPDATA%', ($root + '\AppData\Roaming')),
        @('%LOCALAPPDATA%', ($root + '\AppData\Local')),
        @('%TEMP%', ($root + '\AppData\Local\Temp')),
        @('%TMP%', ($root + '\AppData\Local\Temp'))
    )
    foreach ($place in $places) {
        if ($Path.StartsWith($place[0], [System.StringComparison]::OrdinalIgnoreCase)) {
            return Resolve-RgFilePath -Path ($place[1] + $Path.Substring($place[0].Length))
        }
    }
    Resolve-RgFilePath -Path $Path
}
