function Get-RgTextFile {
    <#
    .SYNOPSIS
        Seam: a text file's lines with what writing it back needs: its encoding, told by the bytes as Notepad
        tells them (docs/reference/windows-files.md 3): a UTF-8 BOM (EF BB BF) is utf8bom, a UTF-16 LE BOM (FF FE)
        utf16le, else bytes that are valid UTF-8 with a non-ASCII character utf8, else ansi (the system's ANSI
        code page, [System.Text.Encoding]::Default on Windows PowerShell 5.1's .NET Framework); its line ending
        (CRLF unless the first line break is a bare LF) and whether the last line ends with one.
    .PARAMETER Path
        The full path (expanded).
    .OUTPUTS
        Exists ([bool]), Lines ([string[]]), Encoding (utf8bom, utf16le, utf8, ansi; empty when absent),
        NewLine, FinalNewLine ([bool]). Throws when it cannot be read (access denied).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    if (-not [System.IO.File]::Exists($Path)) {
        return [pscustomobject]@{ Exists = $false; Lines = [string[]]@(); Encoding = ''; NewLine = "`r`n"; FinalNewLine = $true }
    }
    $bytes = [System.IO.File]::ReadAllBytes($Path)
    $skip = 0
    if ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) {
        $encoding = 'utf8bom'
        $skip = 3
        $decoder = [System.Text.UTF8Encoding]::new($false)
    }
    elseif ($bytes.Length -ge 2 -and $bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE) {
        $encoding = 'utf16le'
        $skip = 2
        $decoder = [System.Text.UnicodeEncoding]::new($false, $false)
    }
    else {
        $encoding = 'ansi'
        $decoder = [System.Text.Encoding]::Default
        $wide = $false
        foreach ($byte in $bytes) {
            if ($byte -ge 0x80) {
                $wide = $true
                break
            }
        }
        if ($wide) {
            try {
                $strict = [System.Text.UTF8Encoding]::new($false, $true)
                $null = $strict.GetString($bytes)
                $encoding = 'utf8'
                $decoder = $strict
            }
            catch {
                # Not valid UTF-8: the ANSI code page's bytes, read and written back as such.
                $encoding = 'ansi'
            }
        }
    }
    $text = $decoder.GetString($bytes, $skip, $bytes.Length - $skip)
    $newLine = "`r`n"
    $first = $text.IndexOf("`n")
    if ($first -ge 0 -and ($first -eq 0 -or $text[$first - 1] -ne "`r")) {
        $newLine = "`n"
    }
    $final = $text.EndsWith("`n") -or $text.Length -eq 0
    $lines = [string[]]@()
    if ($text.Length -gt 0) {
        $lines = [string[]]([regex]::Split($text, '\r?\n'))
        if ($final) {
            $lines = [string[]]($lines[0..($lines.Count - 2)])
        }
    }
    [pscustomobject]@{ Exists = $true; Lines = $lines; Encoding = $encoding; NewLine = $newLine; FinalNewLine = $final }
}

function Get-RgFileLinePlan {
    <#
    .SYNOPSIS
        What a fileLine step finds in the file's lines (Get-RgTextFile) and the lines it would write: the line
        present (the first line matching Match replaced by it and later matches dropped; else inserted after the
        first line matching After, or appended), or absent (every equal or matching line dropped). Other lines
        are kept as they are.
    .PARAMETER Step
        The step: Want (Present or Absent), Line, Match, After.
    .PARAMETER File
        The file as Get-RgTextFile read it.
    .OUTPUTS
        Compliant ([bool]), Actual, Expected, Lines ([string[]]: the file after the change), Problem (why it
        cannot be changed, else empty).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [Parameter(Mandatory = $true)]
        [object]$File
    )
    $want = [string]$Step.Line
    $match = [string]$Step.Match
    # A pattern that backtracks without end fails the step after 2 s per line instead of hanging the script.
    $none = [System.Text.RegularExpressions.RegexOptions]::None
    $limit = [System.TimeSpan]::FromSeconds(2)
    $lines = [string[]]@($File.Lines)
    $hits = [System.Collections.Generic.List[int]]::new()
    for ($index = 0; $index -lt $lines.Count; $index++) {
        if (($match -and [regex]::IsMatch($lines[$index], $match, $none, $limit)) -or (-not $match -and $lines[$index] -ceq $want)) {
            $hits.Add($index)
        }
    }
    $kept = [System.Collections.Generic.List[string]]::new()
    if ($Step.Want -eq 'Absent') {
        $expected = 'no line ' + $want
        if ($match) {
            $expected = 'no line matching ' + $match
        }
        for ($index = 0; $index -lt $lines.Count; $index++) {
            if (-not $hits.Contains($index)) {
                $kept.Add($lines[$index])
            }
        }
        $actual = 'absent'
        if (-not $File.Exists) {
            $actual = 'file absent'
        }
        elseif ($hits.Count -gt 0) {
            $actual = 'has ' + $lines[$hits[0]]
            if ($hits.Count -gt 1) {
                $actual += ' (and ' + ($hits.Count - 1) + ' more)'
            }
        }
        return [pscustomobject]@{ Compliant = ($hits.Count -eq 0); Actual = $actual; Expected = $expected; Lines = $kept.ToArray(); Problem = '' }
    }
    $exact = @($lines | Where-Object -FilterScript { $_ -ceq $want }).Count
    $wrong = @($hits | Where-Object -FilterScript { $lines[$_] -cne $want }).Count
    $compliant = $exact -gt 0 -and ($wrong -eq 0) -and ($hits.Count -le 1 -or -not $match)
    $actual = 'has ' + $want
    if (-not $File.Exists) {
        $actual = 'file absent'
    }
    elseif ($hits.Count -gt 0 -and -not $compliant) {
        $actual = 'has ' + $lines[$hits[0]]
        if ($hits.Count -gt 1) {
            $actual += ' (and ' + ($hits.Count - 1) + ' more matching)'
        }
    }
    elseif (-not $compliant) {
        $actual = 'line absent'
        if ($match) {
            $actual = 'no line matches ' + $match
        }
    }
    $problem = ''
    if ($hits.Count -gt 0) {
        for ($index = 0; $index -lt $lines.Count; $index++) {
            if ($index -eq $hits[0]) {
                $kept.Add($want)
            }
            elseif (-not $hits.Contains($index)) {
                $kept.Add($lines[$index])
            }
        }
    }
    elseif ($Step.After) {
        $anchor = -1
        for ($index = 0; $index -lt $lines.Count; $index++) {
            if ([regex]::IsMatch($lines[$index], [string]$Step.After, $none, $limit)) {
                $anchor = $index
                break
            }
        }
        if ($anchor -lt 0) {
            $problem = 'no line matches ' + [string]$Step.After + ' to put ' + $want + ' after'
            if (-not $compliant) {
                $actual += '; ' + $problem
            }
        }
        for ($index = 0; $index -lt $lines.Count; $index++) {
            $kept.Add($lines[$index])
            if ($index -eq $anchor) {
                $kept.Add($want)
            }
        }
    }
    else {
        $kept.AddRange($lines)
        $kept.Add($want)
    }
    [pscustomobject]@{ Compliant = $compliant; Actual = $actual; Expected = $want; Lines = $kept.ToArray(); Problem = $problem }
}
