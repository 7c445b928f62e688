function Get-RgAppxPackage {
    <#
    .SYNOPSIS
        Seam: the installed AppX packages of a name (the Appx module's Get-AppxPackage, Windows 8 and later),
        the user's or, with AllUsers, every user's (needs an administrator).
    .PARAMETER Name
        The package name, with * and ? wildcards as Get-AppxPackage takes them.
    .PARAMETER AllUsers
        Every user's packages.
    .OUTPUTS
        One object per package: Name, PackageFamilyName, PackageFullName, Version ([string]). Throws when the
        packages cannot be read (access denied).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [switch]$AllUsers
    )
    $found = @(Get-AppxPackage -Name $Name -AllUsers:$AllUsers -ErrorAction Stop)
    foreach ($package in $found) {
        [pscustomobject]@{ Name = [string]$package.Name; PackageFamilyName = [string]$package.PackageFamilyName; PackageFullName = [string]$package.PackageFullName; Version = [string]$package.Version }
    }
}

function Get-RgAppxProvisionedPackage {
    <#
    .SYNOPSIS
        Seam: the packages provisioned for new profiles (the Dism module's Get-AppxProvisionedPackage -Online;
        needs an administrator).
    .OUTPUTS
        One object per package: DisplayName, PackageName (the full name Remove-AppxProvisionedPackage takes),
        Version ([string]).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    foreach ($package in @(Get-AppxProvisionedPackage -Online -ErrorAction Stop)) {
        [pscustomobject]@{ DisplayName = [string]$package.DisplayName; PackageName = [string]$package.PackageName; Version = [string]$package.Version }
    }
}

function Get-RgAppxState {
    <#
    .SYNOPSIS
        The step's packages as they are: installed (the user's or every user's) matching Name (and FamilyName
        when given), and with Provisioned the provisioned ones whose DisplayName matches Name.
    .PARAMETER Step
        The step: Name, FamilyName, AllUsers, Provisioned.
    .OUTPUTS
        Installed (packages), Provisioned (packages).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $installed = @(Get-RgAppxPackage -Name ([string]$Step.Name) -AllUsers:([bool]$Step.AllUsers))
    if ($Step.FamilyName) {
        $installed = @($installed | Where-Object -FilterScript { $_.PackageFamilyName -like [string]$Step.FamilyName })
    }
    $provisioned = @()
    if ($Step.Provisioned) {
        $provisioned = @(Get-RgAppxProvisionedPackage | Where-Object -FilterScript { $_.DisplayName -like [string]$Step.Name })
    }
    [pscustomobject]@{ Installed = $installed; Provisioned = $provisioned }
}
