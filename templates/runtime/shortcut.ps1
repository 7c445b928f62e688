function Get-RgSpecialFolder {
    <#
    .SYNOPSIS
        Seam: a known folder of this account ([System.Environment]::GetFolderPath): CommonDesktopDirectory is
        every user's desktop (%PUBLIC%\Desktop), DesktopDirectory this user's (wherever it is redirected, e.g.
        to OneDrive). Throws when Windows gives no path.
    .PARAMETER Name
        CommonDesktopDirectory or DesktopDirectory.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('CommonDesktopDirectory', 'DesktopDirectory')]
        [string]$Name
    )
    $path = [System.Environment]::GetFolderPath([System.Environment+SpecialFolder]$Name)
    if (-not $path) {
        throw ('Windows gives no ' + $Name + ' folder for this account')
    }
    $path
}

function Get-RgShortcut {
    <#
    .SYNOPSIS
        Seam: a shortcut (.lnk) as the WScript.Shell COM object reads it: CreateShortcut on an existing file's
        path opens that shortcut (docs/reference/windows-files.md 2). Its TargetPath comes back with environment
        variables expanded, its IconLocation as 'path,index' (',0' when it has none).
    .PARAMETER Path
        The .lnk file's full path.
    .OUTPUTS
        Exists ([bool]), TargetPath, Arguments, WorkingDirectory, IconLocation, Description. Throws when it
        cannot be read.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    if (-not [System.IO.File]::Exists($Path)) {
        return [pscustomobject]@{ Exists = $false; TargetPath = ''; Arguments = ''; WorkingDirectory = ''; IconLocation = ''; Description = '' }
    }
    $shell = [System.Activator]::CreateInstance([System.Type]::GetTypeFromProgID('WScript.Shell'))
    try {
        $link = $shell.CreateShortcut($Path)
        try {
            [pscustomobject]@{
                Exists = $true; TargetPath = [string]$link.TargetPath; Arguments = [string]$link.Arguments
                WorkingDirectory = [string]$link.WorkingDirectory; IconLocation = [string]$link.IconLocation; Description = [string]$link.Description
            }
        }
        finally {
            $null = [System.Runtime.InteropServices.Marshal]::ReleaseComObject($link)
        }
    }
    finally {
        $null = [System.Runtime.InteropServices.Marshal]::ReleaseComObject($shell)
    }
}
