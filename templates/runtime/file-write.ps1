function Write-RgFileText {
    <#
    .SYNOPSIS
        Seam: writes a file's whole text as UTF-8 without a BOM, creating its folder when missing.
    .PARAMETER Path
        The full path.
    .PARAMETER Text
        The text.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Text
    )
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Path))
    [System.IO.File]::WriteAllText($Path, $Text, [System.Text.UTF8Encoding]::new($false))
}

function Set-RgJsonProperty {
    <#
    .SYNOPSIS
        Seam: sets one property of a JSON file (dotted path; missing objects on the way are created) to a value
        given as JSON text, and writes the file back (ConvertTo-Json -Depth 20, UTF-8 without a BOM). A missing
        file is created as an object.
    .PARAMETER Path
        The full path.
    .PARAMETER Property
        The dotted property path.
    .PARAMETER Json
        The value as JSON text, e.g. '"beta"' or 'true'.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$Property,

        [Parameter(Mandatory = $true)]
        [string]$Json
    )
    $root = [pscustomobject]@{}
    if ([System.IO.File]::Exists($Path)) {
        $root = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8))
    }
    $value = ConvertFrom-Json -InputObject ('[' + $Json + ']')
    $names = $Property.Split('.')
    $node = $root
    for ($index = 0; $index -lt $names.Count - 1; $index++) {
        $next = $node.PSObject.Properties[$names[$index]]
        if ($null -eq $next -or $next.Value -isnot [System.Management.Automation.PSCustomObject]) {
            $node | Add-Member -NotePropertyName $names[$index] -NotePropertyValue ([pscustomobject]@{}) -Force
        }
        $node = $node.PSObject.Properties[$names[$index]].Value
    }
    $node | Add-Member -NotePropertyName $names[-1] -NotePropertyValue $value[0] -Force
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Path))
    [System.IO.File]::WriteAllText($Path, (ConvertTo-Json -InputObject $root -Depth 20), [System.Text.UTF8Encoding]::new($false))
}

function Remove-RgFileItem {
    <#
    .SYNOPSIS
        Seam: deletes a file ([System.IO.File]::Delete; one already gone is not an error); throws when it cannot.
    .PARAMETER Path
        The full path.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    [System.IO.File]::Delete($Path)
}

function Save-RgDownload {
    <#
    .SYNOPSIS
        Seam: copies a source to a new file: an https:// URL downloaded with [System.Net.HttpWebRequest] (TLS 1.2
        enabled first, the system proxy with default credentials, 300 s), or a file or UNC path copied. The caller
        checks the hash before the file replaces anything. Throws when it fails.
    .PARAMETER Source
        An https:// URL or a full path.
    .PARAMETER Path
        The new file (overwritten).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Source,

        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Path))
    if (-not $Source.StartsWith('https://', [System.StringComparison]::OrdinalIgnoreCase)) {
        [System.IO.File]::Copy($Source, $Path, $true)
        return
    }
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $request = [System.Net.HttpWebRequest][System.Net.WebRequest]::Create($Source)
    $request.Timeout = 300000
    $request.UseDefaultCredentials = $true
    $response = $request.GetResponse()
    try {
        $in = $response.GetResponseStream()
        $out = [System.IO.File]::Create($Path)
        try {
            $in.CopyTo($out)
        }
        finally {
            $out.Dispose()
            $in.Dispose()
        }
    }
    finally {
        $response.Dispose()
    }
}

function Move-RgFile {
    <#
    .SYNOPSIS
        Seam: moves a file over another (the destination replaced: deleted first, then the move); throws when it cannot.
    .PARAMETER Path
        The file to move.
    .PARAMETER Destination
        Where it goes.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$Destination
    )
    if ([System.IO.File]::Exists($Destination)) {
        [System.IO.File]::Delete($Destination)
    }
    [System.IO.File]::Move($Path, $Destination)
}
