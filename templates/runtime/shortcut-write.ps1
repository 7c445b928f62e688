function Set-RgShortcut {
    <#
    .SYNOPSIS
        Seam: creates or corrects a shortcut (.lnk) through the WScript.Shell COM object: CreateShortcut (which
        opens the file when it exists, so properties not given keep their values), the properties set, Save
        (docs/reference/windows-files.md 2). The folder is created when missing. Throws when it cannot.
    .PARAMETER Path
        The .lnk file's full path.
    .PARAMETER TargetPath
        The program or file it opens (no arguments: those go in Arguments).
    .PARAMETER Arguments
        Its arguments as one string, as the shortcut holds them.
    .PARAMETER WorkingDirectory
        The folder it starts in; empty leaves it as it is.
    .PARAMETER IconLocation
        'path,index'; empty leaves it as it is.
    .PARAMETER Description
        The tooltip; empty leaves it as it is.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$TargetPath,

        [AllowEmptyString()]
        [string]$Arguments = '',

        [AllowEmptyString()]
        [string]$WorkingDirectory = '',

        [AllowEmptyString()]
        [string]$IconLocation = '',

        [AllowEmptyString()]
        [string]$Description = ''
    )
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Path))
    $shell = [System.Activator]::CreateInstance([System.Type]::GetTypeFromProgID('WScript.Shell'))
    try {
        $link = $shell.CreateShortcut($Path)
        try {
            $link.TargetPath = $TargetPath
            $link.Arguments = $Arguments
            if ($WorkingDirectory) {
                $link.WorkingDirectory = $WorkingDirectory
            }
            if ($IconLocation) {
                $link.IconLocation = $IconLocation
            }
            if ($Description) {
                $link.Description = $Description
            }
            $link.Save()
        }
        finally {
            $null = [System.Runtime.InteropServices.Marshal]::ReleaseComObject($link)
        }
    }
    finally {
        $null = [System.Runtime.InteropServices.Marshal]::ReleaseComObject($shell)
    }
}
