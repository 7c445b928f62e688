function Enable-RgTlsCipherSuite {
    <#
    .SYNOPSIS
        Seam: enables a TLS cipher suite at a position of the computer's order (the TLS module's
        Enable-TlsCipherSuite -Position, Windows 10 and later; 0 is tried first). Throws when it cannot.
    .DESCRIPTION
        Enable-TlsCipherSuite adds a suite that is not enabled; whether it moves one that already is, is not
        documented (reference 3.0 names only -Position), and community scripts catch an error there. So a
        suite that is enabled already is disabled first and enabled again at the position; when that second
        step fails, it is enabled again without a position (last, but not lost) and the error is thrown.
        The step reads the order again afterwards (Get-RgTlsCipherSuite): a suite that did not move is
        reported, never taken for done.
    .PARAMETER Name
        The suite, as Get-TlsCipherSuite names it, e.g. 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'.
    .PARAMETER Position
        Its place in the order, from 0.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [ValidateRange(0, 1024)]
        [int]$Position
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    $enabled = @(Get-TlsCipherSuite -Name $Name -ErrorAction Stop | Where-Object -FilterScript { [string]$_.Name -eq $Name })
    if ($enabled.Count -eq 0) {
        Enable-TlsCipherSuite -Name $Name -Position ([uint32]$Position) -ErrorAction Stop
        return
    }
    Disable-TlsCipherSuite -Name $Name -ErrorAction Stop
    try {
        Enable-TlsCipherSuite -Name $Name -Position ([uint32]$Position) -ErrorAction Stop
    }
    catch {
        $reason = $_.Exception.Message
        Enable-TlsCipherSuite -Name $Name -ErrorAction Stop
        throw ('could not move ' + $Name + ' to position ' + $Position + ' (' + $reason + '); it is enabled again at the end of the order')
    }
}
