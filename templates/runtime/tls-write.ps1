function Enable-RgTlsCipherSuite {
    <#
    .SYNOPSIS
        Seam: enables a TLS cipher suite at a position of the computer's order (the TLS module's
        Enable-TlsCipherSuite -Position, Windows 10 and later; 0 is tried first). Throws when it cannot.
    .DESCRIPTION
        Whether Enable-TlsCipherSuite moves a suite that is already enabled to the new position is not
        documented; the step reads the order again afterwards (Get-RgTlsCipherSuite), so a suite that did not
        move is reported, never taken for done.
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
    Enable-TlsCipherSuite -Name $Name -Position ([uint32]$Position) -ErrorAction Stop
}
