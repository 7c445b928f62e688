function Remove-RgAppxPackage {
    <#
    .SYNOPSIS
        Seam: removes an installed AppX package (the Appx module's Remove-AppxPackage), for the user or, with
        AllUsers, for every user (-AllUsers: Windows 10 1809, build 17763, and later); throws when it cannot.
    .PARAMETER PackageFullName
        The package's full name, from Get-RgAppxPackage.
    .PARAMETER AllUsers
        For every user.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$PackageFullName,

        [switch]$AllUsers
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    Remove-AppxPackage -Package $PackageFullName -AllUsers:$AllUsers -ErrorAction Stop
}

function Remove-RgAppxProvisionedPackage {
    <#
    .SYNOPSIS
        Seam: removes a package's provisioning, so new profiles do not get it (the Dism module's
        Remove-AppxProvisionedPackage -Online); throws when it cannot.
    .PARAMETER PackageName
        The provisioned package's name, from Get-RgAppxProvisionedPackage.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$PackageName
    )
    $ConfirmPreference = 'None'
    $null = Remove-AppxProvisionedPackage -Online -PackageName $PackageName -ErrorAction Stop
}
