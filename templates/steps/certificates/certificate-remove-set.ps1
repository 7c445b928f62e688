function Remove-RgExpiredCertificates {
    <#
    .SYNOPSIS
        Removes each matching certificate that has already expired (never one still valid), each through
        ShouldProcess (Remove-RgCertificate), then reads the store again: one still there is an error.
    .PARAMETER Step
        The step: the match (StoreLocation, StoreName, Subject, Issuer, TemplateOid, TemplateName, Thumbprint).
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $now = Get-RgUtcNow
    $store = [string]$Step.StoreLocation + '\' + [string]$Step.StoreName
    $removed = @()
    foreach ($cert in @(@((Find-RgCertificates -Step $Step).Certificates) | Where-Object -FilterScript { $_.NotAfterUtc -lt $now })) {
        $words = Format-RgCertificate -Certificate $cert -Now $now
        if ($PSCmdlet.ShouldProcess('certificate ' + $words + ' in ' + $store, 'Remove')) {
            Remove-RgCertificate -Location ([string]$Step.StoreLocation) -StoreName ([string]$Step.StoreName) -Thumbprint ([string]$cert.Thumbprint)
            Write-RgLog -Message ($Step.Id + ': removed ' + $words + ' (' + $cert.Thumbprint + ') from ' + $store)
            $removed += [string]$cert.Thumbprint
        }
    }
    if ($removed.Count -gt 0) {
        $left = @(@((Find-RgCertificates -Step $Step).Certificates) | Where-Object -FilterScript { $removed -contains [string]$_.Thumbprint })
        if ($left.Count -gt 0) {
            throw ('still in ' + $store + ' after the removal: ' + (@($left | ForEach-Object -Process { Format-RgCertificate -Certificate $_ -Now $now }) -join '; '))
        }
    }
}
