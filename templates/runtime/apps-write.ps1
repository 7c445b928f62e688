function Split-RgCommandLine {
    <#
    .SYNOPSIS
        A command line from the registry (an UninstallString) as a program and its arguments, so it runs
        without cmd /c: a quoted program path, or an unquoted one up to its .exe; then the arguments,
        split on spaces outside quotes (quotes around a whole argument removed).
    .PARAMETER CommandLine
        The command line.
    .OUTPUTS
        FilePath ([string]), ArgumentList ([string[]]).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$CommandLine
    )
    $text = $CommandLine.Trim()
    $rest = ''
    if ($text.StartsWith('"')) {
        $end = $text.IndexOf('"', 1)
        if ($end -lt 0) {
            throw ('the command line ' + $CommandLine + ' has no closing quote')
        }
        $file = $text.Substring(1, $end - 1)
        $rest = $text.Substring($end + 1)
    }
    else {
        $exe = [regex]::Match($text, '^(.+?\.exe)(\s|$)', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
        if ($exe.Success) {
            $file = $exe.Groups[1].Value
            $rest = $text.Substring($file.Length)
        }
        else {
            $first = [regex]::Match($text, '^\S+')
            $file = $first.Value
            $rest = $text.Substring($file.Length)
        }
    }
    $arguments = foreach ($token in [regex]::Matches($rest, '(?:[^\s"]+|"[^"]*")+')) {
        $value = $token.Value
        if ($value.Length -ge 2 -and $value.StartsWith('"') -and $value.EndsWith('"')) {
            $value = $value.Substring(1, $value.Length - 2)
        }
        $value
    }
    [pscustomobject]@{ FilePath = $file; ArgumentList = [string[]]@($arguments) }
}

function Get-RgUninstallCommand {
    <#
    .SYNOPSIS
        How one entry is uninstalled silently, by the step's Method; throws when the entry gives no silent way.
    .PARAMETER Step
        The step: Method, SilentArguments.
    .PARAMETER App
        One entry from Get-RgInstalledApps.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [Parameter(Mandatory = $true)]
        [object]$App
    )
    $method = [string]$Step.Method
    if ($method -eq 'Auto') {
        $method = 'QuietUninstallString'
        if ($App.ProductCode) {
            $method = 'Msi'
        }
    }
    $name = Format-RgApp -App $App
    if ($method -eq 'Msi') {
        if (-not $App.ProductCode) {
            throw ($name + ' is not a Windows Installer product (no product code key with WindowsInstaller 1): use method quietUninstallString or uninstallString')
        }
        $msiexec = (Get-RgPlatform).SystemRoot + '\System32\msiexec.exe'
        return [pscustomobject]@{ FilePath = $msiexec; ArgumentList = [string[]]@('/x', $App.ProductCode, '/qn', '/norestart') }
    }
    if ($method -eq 'QuietUninstallString') {
        if (-not $App.QuietUninstallString) {
            throw ('no silent way to uninstall ' + $name + ': it has no QuietUninstallString and is not a Windows Installer product; its UninstallString is ' + $App.UninstallString + ' (give method uninstallString with the vendor''s silentArguments)')
        }
        return Split-RgCommandLine -CommandLine $App.QuietUninstallString
    }
    if (-not $App.UninstallString) {
        throw ($name + ' has no UninstallString')
    }
    $command = Split-RgCommandLine -CommandLine $App.UninstallString
    [pscustomobject]@{ FilePath = $command.FilePath; ArgumentList = [string[]](@($command.ArgumentList) + @($Step.SilentArguments)) }
}
