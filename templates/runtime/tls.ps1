function Get-RgTlsCipherSuite {
    <#
    .SYNOPSIS
        Seam: the TLS cipher suites enabled on this computer, in order (the TLS module's Get-TlsCipherSuite,
        Windows 10 and later; docs/reference/intune-configmgr.md 3.0). Reads only.
    .OUTPUTS
        Available ([bool]: false when the TLS module or its cmdlet is missing, i.e. before Windows 10), Names
        ([string[]], first tried first), Error ([string]: why the list could not be read, empty when it was).
        Never throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $command = Get-Command -Name 'Get-TlsCipherSuite' -ErrorAction SilentlyContinue
    if ($null -eq $command) {
        return [pscustomobject]@{ Available = $false; Names = [string[]]@(); Error = 'Get-TlsCipherSuite is not available on this Windows (needs Windows 10)' }
    }
    try {
        $names = [string[]]@(Get-TlsCipherSuite -ErrorAction Stop | ForEach-Object -Process { [string]$_.Name })
        [pscustomobject]@{ Available = $true; Names = $names; Error = '' }
    }
    catch {
        [pscustomobject]@{ Available = $true; Names = [string[]]@(); Error = $_.Exception.Message }
    }
}
