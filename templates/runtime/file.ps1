function Get-RgFileItem {
    <#
    .SYNOPSIS
        Seam: whether a file or folder exists, with its size and last write time ([System.IO.FileInfo] and
        [System.IO.DirectoryInfo]). The path is already expanded.
    .PARAMETER Path
        The full path.
    .OUTPUTS
        Exists ([bool]), IsFolder ([bool]), Length ([long] bytes, 0 for a folder), LastWriteTimeUtc ([datetime]
        or $null). Throws when the folder above cannot be read (access denied).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $file = [System.IO.FileInfo]::new($Path)
    if ($file.Exists) {
        return [pscustomobject]@{ Exists = $true; IsFolder = $false; Length = [long]$file.Length; LastWriteTimeUtc = $file.LastWriteTimeUtc }
    }
    $folder = [System.IO.DirectoryInfo]::new($Path)
    if ($folder.Exists) {
        return [pscustomobject]@{ Exists = $true; IsFolder = $true; Length = [long]0; LastWriteTimeUtc = $folder.LastWriteTimeUtc }
    }
    [pscustomobject]@{ Exists = $false; IsFolder = $false; Length = [long]0; LastWriteTimeUtc = $null }
}

function Get-RgFileHash {
    <#
    .SYNOPSIS
        Seam: the SHA-256 of a file's bytes, as 64 upper-case hex digits ([System.Security.Cryptography.SHA256],
        the file opened for reading and shared). Throws when it cannot be read.
    .PARAMETER Path
        The full path.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        [System.BitConverter]::ToString($sha.ComputeHash($stream)).Replace('-', '')
    }
    finally {
        $sha.Dispose()
        $stream.Dispose()
    }
}

function Get-RgJsonProperty {
    <#
    .SYNOPSIS
        Seam: one property of a JSON file (a dotted path of object members, e.g. 'update.channel'), as compact
        JSON text ('"beta"', 'true', '5'), read with ConvertFrom-Json.
    .PARAMETER Path
        The full path of the JSON file (UTF-8).
    .PARAMETER Property
        The dotted property path.
    .OUTPUTS
        FileExists ([bool]), Exists ([bool]: the property is there), Json ([string]). Throws when the file cannot
        be read or is not JSON.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$Property
    )
    if (-not [System.IO.File]::Exists($Path)) {
        return [pscustomobject]@{ FileExists = $false; Exists = $false; Json = '' }
    }
    $node = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8))
    foreach ($name in $Property.Split('.')) {
        if ($null -eq $node -or $node -isnot [System.Management.Automation.PSCustomObject] -or $null -eq $node.PSObject.Properties[$name]) {
            return [pscustomobject]@{ FileExists = $true; Exists = $false; Json = '' }
        }
        $node = $node.PSObject.Properties[$name].Value
    }
    [pscustomobject]@{ FileExists = $true; Exists = $true; Json = (ConvertTo-Json -InputObject $node -Compress -Depth 20) }
}

function Resolve-RgFilePath {
    <#
    .SYNOPSIS
        A step's path with its %VARIABLE%s expanded in this process's environment (the signed-in user's in
        user context); throws naming a variable that is not set, so nothing is written under a literal %X%.
    .PARAMETER Path
        The path as the step has it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $expanded = [System.Environment]::ExpandEnvironmentVariables($Path)
    $left = [regex]::Match($expanded, '%[A-Za-z0-9_()]+%')
    if ($left.Success) {
        throw ('the environment variable ' + $left.Value + ' in ' + $Path + ' is not set in this context')
    }
    $expanded
}
