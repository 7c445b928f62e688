function Get-RgWinsockCatalog {
    <#
    .SYNOPSIS
        The Winsock catalog's providers from `netsh winsock show catalog` (Invoke-RgNativeCommand), read by
        tokens no language changes (docs/reference/device-health.md 4): each entry's provider id (a GUID) and
        each provider path (a DLL path, %SystemRoot% or a drive letter first). The translated labels are never
        read. Microsoft's providers are the known DLLs in %SystemRoot%\system32; every other path is third-party.
    .OUTPUTS
        Read ([bool]), Entries ([int]: provider ids seen), Paths ([string[]]: distinct provider paths),
        ThirdParty ([string[]]: those not Microsoft's), Problem ([string]: why not read).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $microsoft = @('mswsock.dll', 'napinsp.dll', 'pnrpnsp.dll', 'nlaapi.dll', 'winrnr.dll', 'wshbth.dll', 'wshqos.dll', 'wshhyperv.dll', 'rsvpsp.dll', 'wshtcpip.dll', 'wship6.dll')
    $result = Invoke-RgNativeCommand -FilePath 'netsh.exe' -ArgumentList @('winsock', 'show', 'catalog') -TimeoutSeconds 60
    if ($result.TimedOut) {
        return [pscustomobject]@{ Read = $false; Entries = 0; Paths = [string[]]@(); ThirdParty = [string[]]@(); Problem = 'netsh winsock show catalog did not finish within 60 s' }
    }
    if ($result.ExitCode -ne 0) {
        return [pscustomobject]@{ Read = $false; Entries = 0; Paths = [string[]]@(); ThirdParty = [string[]]@(); Problem = 'netsh winsock show catalog exit code ' + $result.ExitCode }
    }
    $entries = 0
    $paths = [System.Collections.Generic.List[string]]::new()
    foreach ($line in @($result.Output)) {
        if ([regex]::IsMatch([string]$line, '\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}')) {
            $entries++
        }
        $path = [regex]::Match([string]$line, '(?:%[A-Za-z]+%|[A-Za-z]:)\\[^:*?"<>|]*?\.dll\b', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
        if ($path.Success -and -not $paths.Contains($path.Value)) {
            $paths.Add($path.Value)
        }
    }
    if ($paths.Count -eq 0) {
        return [pscustomobject]@{ Read = $false; Entries = $entries; Paths = [string[]]@(); ThirdParty = [string[]]@(); Problem = 'netsh winsock show catalog listed no provider path' }
    }
    $thirdParty = foreach ($path in $paths) {
        $normal = $path -replace '^%(SystemRoot|windir)%', 'C:\Windows'
        $cut = $normal.LastIndexOf('\')
        $folder = $normal.Substring(0, [System.Math]::Max(0, $cut))
        $leaf = $normal.Substring($cut + 1)
        $inSystem32 = [string]::Equals($folder, 'C:\Windows\system32', [System.StringComparison]::OrdinalIgnoreCase) -or
            [string]::Equals($folder, [string](Get-RgPlatform).SystemRoot + '\system32', [System.StringComparison]::OrdinalIgnoreCase)
        if (-not ($inSystem32 -and $microsoft -contains $leaf.ToLowerInvariant())) {
            $path
        }
    }
    [pscustomobject]@{ Read = $true; Entries = $entries; Paths = [string[]]$paths.ToArray(); ThirdParty = [string[]]@($thirdParty); Problem = '' }
}
