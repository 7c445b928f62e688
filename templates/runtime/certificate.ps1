function Get-RgCertificate {
    <#
    .SYNOPSIS
        Seam: the certificates of one store ([System.Security.Cryptography.X509Certificates.X509Store], opened
        read-only and only when it exists, so reading never creates a store).
    .PARAMETER Location
        LocalMachine or CurrentUser.
    .PARAMETER StoreName
        The store's name as the Cert: drive shows it (My, Root, CA, ...).
    .OUTPUTS
        Exists ([bool]: the store), Certificates (objects: Thumbprint, Subject, Issuer, NotBeforeUtc, NotAfterUtc
        [datetime], TemplateName, TemplateOid, HasPrivateKey [bool]). Throws when the store cannot be read.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('LocalMachine', 'CurrentUser')]
        [string]$Location,

        [Parameter(Mandatory = $true)]
        [string]$StoreName
    )
    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new($StoreName, [System.Security.Cryptography.X509Certificates.StoreLocation]$Location)
    try {
        try {
            $store.Open([System.Security.Cryptography.X509Certificates.OpenFlags]::ReadOnly -bor [System.Security.Cryptography.X509Certificates.OpenFlags]::OpenExistingOnly)
        }
        catch [System.Security.Cryptography.CryptographicException] {
            # OpenExistingOnly on a store that is not there (ERROR_FILE_NOT_FOUND inside); access denied is not that.
            if ($_.Exception.HResult -eq -2147024894) {
                return [pscustomobject]@{ Exists = $false; Certificates = @() }
            }
            throw
        }
        $found = foreach ($cert in $store.Certificates) {
            $template = [pscustomobject]@{ Name = ''; Oid = '' }
            foreach ($extension in $cert.Extensions) {
                if ($extension.Oid.Value -eq '1.3.6.1.4.1.311.21.7' -or $extension.Oid.Value -eq '1.3.6.1.4.1.311.20.2') {
                    $template = ConvertFrom-RgTemplateExtension -Oid $extension.Oid.Value -RawData $extension.RawData -Formatted $extension.Format($false)
                }
            }
            [pscustomobject]@{
                Thumbprint    = [string]$cert.Thumbprint
                Subject       = [string]$cert.Subject
                Issuer        = [string]$cert.Issuer
                NotBeforeUtc  = $cert.NotBefore.ToUniversalTime()
                NotAfterUtc   = $cert.NotAfter.ToUniversalTime()
                TemplateName  = $template.Name
                TemplateOid   = $template.Oid
                HasPrivateKey = [bool]$cert.HasPrivateKey
            }
        }
        [pscustomobject]@{ Exists = $true; Certificates = @($found) }
    }
    finally {
        $store.Close()
    }
}

function ConvertFrom-RgTemplateExtension {
    <#
    .SYNOPSIS
        A certificate template extension as a name and an OID (docs/reference/device-health.md 2): V1
        (1.3.6.1.4.1.311.20.2) holds the template's name as a DER string; V2 (1.3.6.1.4.1.311.21.7) a DER
        SEQUENCE whose first element is the template's OID, decoded here from the bytes. The name Windows shows
        for a V2 template is taken from the formatted text's 'Name(OID)' token, whose words around it are
        translated but not the token.
    .PARAMETER Oid
        The extension's OID.
    .PARAMETER RawData
        The extension's DER bytes.
    .PARAMETER Formatted
        The extension's text as Windows formats it (may be empty).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Oid,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [byte[]]$RawData,

        [AllowEmptyString()]
        [string]$Formatted = ''
    )
    if ($Oid -eq '1.3.6.1.4.1.311.20.2') {
        # A string (BMPString 0x1E, UTF8String 0x0C, PrintableString 0x13, IA5String 0x16) of short length, bare
        # as Windows writes it, or inside a SEQUENCE as MS-WCCE 2.2.2.7.7.1 writes the form.
        $at = 0
        if ($RawData.Count -ge 4 -and $RawData[0] -eq 0x30 -and $RawData[1] -lt 0x80) {
            $at = 2
        }
        if ($RawData.Count -lt $at + 2 -or $RawData[$at + 1] -ge 0x80 -or $RawData.Count -lt $at + 2 + $RawData[$at + 1]) {
            return [pscustomobject]@{ Name = ''; Oid = '' }
        }
        $text = ''
        if ($RawData[$at] -eq 0x1E) {
            $text = [System.Text.Encoding]::BigEndianUnicode.GetString($RawData, $at + 2, [int]$RawData[$at + 1])
        }
        else {
            $text = [System.Text.Encoding]::UTF8.GetString($RawData, $at + 2, [int]$RawData[$at + 1])
        }
        return [pscustomobject]@{ Name = $text; Oid = '' }
    }
    # SEQUENCE (0x30, length in short or long form), then OBJECT IDENTIFIER (0x06, short length).
    $at = 2
    if ($RawData.Count -lt 4 -or $RawData[0] -ne 0x30) {
        return [pscustomobject]@{ Name = ''; Oid = '' }
    }
    if ($RawData[1] -ge 0x80) {
        $at = 2 + ($RawData[1] -band 0x7F)
    }
    if ($RawData.Count -lt $at + 2 -or $RawData[$at] -ne 0x06) {
        return [pscustomobject]@{ Name = ''; Oid = '' }
    }
    $length = [int]$RawData[$at + 1]
    $start = $at + 2
    if ($RawData.Count -lt $start + $length -or $length -lt 1) {
        return [pscustomobject]@{ Name = ''; Oid = '' }
    }
    $first = [int]$RawData[$start]
    $arcs = [System.Collections.Generic.List[string]]::new()
    $arcs.Add([string][System.Math]::Min(2, [System.Math]::Floor($first / 40)))
    $arcs.Add([string]($first - 40 * [System.Math]::Min(2, [System.Math]::Floor($first / 40))))
    [long]$value = 0
    for ($index = $start + 1; $index -lt $start + $length; $index++) {
        $value = $value * 128 + ($RawData[$index] -band 0x7F)
        if (($RawData[$index] -band 0x80) -eq 0) {
            $arcs.Add([string]$value)
            $value = 0
        }
    }
    $decoded = $arcs -join '.'
    $name = ''
    $token = [regex]::Match($Formatted, '([^\s=,:()]+(?: [^\s=,:()]+)*)\(' + [regex]::Escape($decoded) + '\)')
    if ($token.Success) {
        $name = $token.Groups[1].Value
    }
    [pscustomobject]@{ Name = $name; Oid = $decoded }
}

function Find-RgCertificates {
    <#
    .SYNOPSIS
        The certificates of the step's store that match it: subject and issuer as wildcards (case-insensitive),
        the template by OID or by name, the thumbprint exactly.
    .PARAMETER Step
        The step: StoreLocation, StoreName, Subject, Issuer, TemplateOid, TemplateName, Thumbprint.
    .OUTPUTS
        Exists ([bool]: the store), Certificates (the matching ones).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $store = Get-RgCertificate -Location ([string]$Step.StoreLocation) -StoreName ([string]$Step.StoreName)
    $options = [System.Management.Automation.WildcardOptions]::IgnoreCase
    $matching = foreach ($cert in @($store.Certificates)) {
        if ($Step.Subject -and -not [System.Management.Automation.WildcardPattern]::new([string]$Step.Subject, $options).IsMatch([string]$cert.Subject)) { continue }
        if ($Step.Issuer -and -not [System.Management.Automation.WildcardPattern]::new([string]$Step.Issuer, $options).IsMatch([string]$cert.Issuer)) { continue }
        if ($Step.TemplateOid -and [string]$cert.TemplateOid -ne $Step.TemplateOid) { continue }
        if ($Step.TemplateName -and -not [string]::Equals([string]$cert.TemplateName, [string]$Step.TemplateName, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
        if ($Step.Thumbprint -and -not [string]::Equals([string]$cert.Thumbprint, [string]$Step.Thumbprint, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
        $cert
    }
    [pscustomobject]@{ Exists = [bool]$store.Exists; Certificates = @($matching) }
}

function Format-RgCertificate {
    <#
    .SYNOPSIS
        A certificate in words: its subject's first part, the thumbprint's first 8 digits, when it expires.
    .PARAMETER Certificate
        One of Get-RgCertificate's certificates.
    .PARAMETER Now
        The time to compare with (Get-RgUtcNow).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Certificate,

        [Parameter(Mandatory = $true)]
        [datetime]$Now
    )
    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    $name = ([string]$Certificate.Subject).Split(',')[0].Trim()
    $thumb = [string]$Certificate.Thumbprint
    if ($thumb.Length -gt 8) {
        $thumb = $thumb.Substring(0, 8)
    }
    $when = 'expires'
    if ($Certificate.NotAfterUtc -lt $Now) {
        $when = 'expired'
    }
    $name + ' [' + $thumb + '] ' + $when + ' ' + $Certificate.NotAfterUtc.ToString('yyyy-MM-dd', $culture)
}
