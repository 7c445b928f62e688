function Test-RgExpiredCertificates {
    <#
    .SYNOPSIS
        The state the removal fixes: compliant when none of the matching certificates (Find-RgCertificates) has
        expired (Get-RgUtcNow); else each expired one named.
    .PARAMETER Step
        The step: the match (StoreLocation, StoreName, Subject, Issuer, TemplateOid, TemplateName, Thumbprint).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $now = Get-RgUtcNow
    $expired = @(@((Find-RgCertificates -Step $Step).Certificates) | Where-Object -FilterScript { $_.NotAfterUtc -lt $now })
    if ($expired.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'no expired certificate' -Expected 'no expired certificate'
    }
    $words = @($expired | ForEach-Object -Process { Format-RgCertificate -Certificate $_ -Now $now })
    New-RgStepResult -Step $Step -Compliant $false -Actual ($words -join '; ') -Expected 'no expired certificate'
}
