function Update-RgDefenderSignatureNow {
    <#
    .SYNOPSIS
        Updates Defender's signatures (Update-RgMpSignature) through ShouldProcess, and reads the status again: a
        signature date that did not move is an error, whatever Update-MpSignature returned.
    .PARAMETER Step
        The step: UpdateSource.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $before = Get-RgMpComputerStatus
    if (-not $before.Running) {
        throw 'Microsoft Defender Antivirus is not running (HRESULT 0x800106BA: another antivirus may have it off); no update was asked for'
    }
    if ($PSCmdlet.ShouldProcess('Defender signatures', 'Update (' + $before.AntivirusSignatureAge + ' day(s) old)')) {
        Update-RgMpSignature -UpdateSource ([string]$Step.UpdateSource)
        $after = Get-RgMpComputerStatus
        $moved = $after.AntivirusSignatureAge -lt $before.AntivirusSignatureAge -or
            ($null -ne $after.AntivirusSignatureLastUpdated -and ($null -eq $before.AntivirusSignatureLastUpdated -or $after.AntivirusSignatureLastUpdated -gt $before.AntivirusSignatureLastUpdated))
        if (-not $moved) {
            throw ('Update-MpSignature returned, but the signatures are still ' + $after.AntivirusSignatureAge + ' day(s) old: the update source may be unreachable')
        }
        Write-RgLog -Message ($Step.Id + ': updated the Defender signatures (were ' + $before.AntivirusSignatureAge + ' day(s) old, now ' + $after.AntivirusSignatureAge + ')')
    }
}
