function Remove-RgCertificate {
    <#
    .SYNOPSIS
        Seam: removes one certificate, by thumbprint, from a store (X509Store opened ReadWrite and only when it
        exists); one already gone is not an error. Throws when it cannot (access denied).
    .PARAMETER Location
        LocalMachine or CurrentUser.
    .PARAMETER StoreName
        The store's name.
    .PARAMETER Thumbprint
        The certificate's SHA-1 thumbprint.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step asked ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('LocalMachine', 'CurrentUser')]
        [string]$Location,

        [Parameter(Mandatory = $true)]
        [string]$StoreName,

        [Parameter(Mandatory = $true)]
        [string]$Thumbprint
    )
    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new($StoreName, [System.Security.Cryptography.X509Certificates.StoreLocation]$Location)
    try {
        $store.Open([System.Security.Cryptography.X509Certificates.OpenFlags]::ReadWrite -bor [System.Security.Cryptography.X509Certificates.OpenFlags]::OpenExistingOnly)
        foreach ($cert in @($store.Certificates.Find([System.Security.Cryptography.X509Certificates.X509FindType]::FindByThumbprint, $Thumbprint, $false))) {
            $store.Remove($cert)
        }
    }
    finally {
        $store.Close()
    }
}
