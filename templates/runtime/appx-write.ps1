function Remove-RgAppxPackage {
    <#
    .SYNOPSIS
        Seam: removes an installed AppX package (the Appx module's Remove-AppxPackage), for the user or, with
        AllUsers, for every user; throws when it cannot. -AllUsers is taken as Windows 10 1809 (build 17763) and
        later: no Microsoft page gives its first build, and reports differ below 1809 (docs/reference/windows-files.md
        1), so the seam asks the cmdlet itself whether it has -AllUsers and refuses plainly when it has not.
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
    if ($AllUsers) {
        $command = Get-Command -Name 'Remove-AppxPackage' -CommandType Cmdlet -ErrorAction SilentlyContinue
        if ($null -eq $command -or -not $command.Parameters.ContainsKey('AllUsers')) {
            throw ('Remove-AppxPackage on this Windows has no -AllUsers (it needs Windows 10 1809, build 17763, or later): ' + $PackageFullName + ' was not removed for every user')
        }
    }
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
