function Write-RgTextFile {
    <#
    .SYNOPSIS
        Seam: writes a text file's lines in the given encoding (with its BOM for utf8bom and utf16le; ansi is the
        system's ANSI code page, [System.Text.Encoding]::Default on .NET Framework), joined by NewLine, with a
        final line break when FinalNewLine. The bytes go to <file>.remgen-new beside it first, which then
        replaces the file ([System.IO.File]::Replace, keeping its permissions) or becomes it; the folder is
        created when missing. Throws when it cannot (access denied, a file in use).
    .PARAMETER Path
        The full path (expanded).
    .PARAMETER Lines
        The lines, without line breaks.
    .PARAMETER Encoding
        utf8bom, utf16le, utf8 (no BOM) or ansi.
    .PARAMETER NewLine
        CRLF or LF.
    .PARAMETER FinalNewLine
        Whether the last line ends with a line break.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$Lines,

        [Parameter(Mandatory = $true)]
        [ValidateSet('utf8bom', 'utf16le', 'utf8', 'ansi')]
        [string]$Encoding,

        [Parameter(Mandatory = $true)]
        [string]$NewLine,

        [switch]$FinalNewLine
    )
    switch ($Encoding) {
        'utf8bom' { $writer = [System.Text.UTF8Encoding]::new($true) }
        'utf16le' { $writer = [System.Text.UnicodeEncoding]::new($false, $true) }
        'utf8' { $writer = [System.Text.UTF8Encoding]::new($false) }
        default { $writer = [System.Text.Encoding]::Default }
    }
    $text = $Lines -join $NewLine
    if ($FinalNewLine -and $Lines.Count -gt 0) {
        $text += $NewLine
    }
    $stream = [System.IO.MemoryStream]::new()
    try {
        $preamble = $writer.GetPreamble()
        $stream.Write($preamble, 0, $preamble.Length)
        $body = $writer.GetBytes($text)
        $stream.Write($body, 0, $body.Length)
        $bytes = $stream.ToArray()
    }
    finally {
        $stream.Dispose()
    }
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Path))
    $new = $Path + '.remgen-new'
    [System.IO.File]::WriteAllBytes($new, $bytes)
    if ([System.IO.File]::Exists($Path)) {
        # No backup file: [NullString]::Value, since PowerShell passes $null to a string parameter as ''.
        [System.IO.File]::Replace($new, $Path, [System.Management.Automation.Language.NullString]::Value)
    }
    else {
        [System.IO.File]::Move($new, $Path)
    }
}
