function Remove-RgFolder {
    <#
    .SYNOPSIS
        Seam: deletes a folder with everything in it ([System.IO.Directory]::Delete, recursive; one already gone
        is not an error); throws when it cannot.
    .PARAMETER Path
        The folder.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    if ([System.IO.Directory]::Exists($Path)) {
        [System.IO.Directory]::Delete($Path, $true)
    }
}

function Move-RgFolder {
    <#
    .SYNOPSIS
        Seam: renames (moves) a folder ([System.IO.Directory]::Move); throws when it cannot (a file in it is in use).
    .PARAMETER Path
        The folder.
    .PARAMETER Destination
        Its new path (must not exist).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$Destination
    )
    [System.IO.Directory]::Move($Path, $Destination)
}
