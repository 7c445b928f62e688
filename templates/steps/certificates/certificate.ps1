function Test-RgCertificateExpiry {
    <#
    .SYNOPSIS
        Whether none of the matching certificates (Find-RgCertificates) expires within ExpiresWithinDays of now
        (Get-RgUtcNow); one already expired fails too. No match passes, or fails when IfNone is NonCompliant.
    .PARAMETER Step
        The step: the match (StoreLocation, StoreName, Subject, Issuer, TemplateOid, TemplateName, Thumbprint),
        ExpiresWithinDays, IfNone.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $now = Get-RgUtcNow
    $expected = 'none expiring within ' + $Step.ExpiresWithinDays + ' days'
    $found = Find-RgCertificates -Step $Step
    $certificates = @($found.Certificates)
    if ($certificates.Count -eq 0) {
        $where = $Step.StoreLocation + '\' + $Step.StoreName
        if (-not $found.Exists) {
            $where += ' (no such store)'
        }
        return New-RgStepResult -Step $Step -Compliant ($Step.IfNone -ne 'NonCompliant') -Actual ('no matching certificate in ' + $where) -Expected $expected
    }
    $limit = $now.AddDays([double]$Step.ExpiresWithinDays)
    $soon = @($certificates | Where-Object -FilterScript { $_.NotAfterUtc -le $limit })
    if ($soon.Count -eq 0) {
        $first = $certificates[0]
        foreach ($cert in $certificates) {
            if ($cert.NotAfterUtc -lt $first.NotAfterUtc) {
                $first = $cert
            }
        }
        return New-RgStepResult -Step $Step -Compliant $true -Actual ([string]$certificates.Count + ' valid, the first to expire: ' + (Format-RgCertificate -Certificate $first -Now $now)) -Expected $expected
    }
    $words = @($soon | ForEach-Object -Process { Format-RgCertificate -Certificate $_ -Now $now })
    New-RgStepResult -Step $Step -Compliant $false -Actual ($words -join '; ') -Expected $expected
}
