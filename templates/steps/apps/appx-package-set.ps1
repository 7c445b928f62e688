function Set-RgAppxPackage {
    <#
    .SYNOPSIS
        Removes the matching packages (Remove-RgAppxPackage, for every user with AllUsers) and, with
        Provisioned, their provisioning (Remove-RgAppxProvisionedPackage), each through ShouldProcess; every
        one is tried, failures named together. A package that should be present cannot be installed here.
    .PARAMETER Step
        The step: Name, FamilyName, AllUsers, Provisioned, Want.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    if ($Step.Want -eq 'Present') {
        throw ('the AppX package ' + $Step.Name + ' is not installed; remgen does not install packages (deploy it with Intune)')
    }
    $state = Get-RgAppxState -Step $Step
    $failures = @()
    foreach ($package in @($state.Provisioned)) {
        if ($PSCmdlet.ShouldProcess('provisioned package ' + $package.PackageName, 'Remove the provisioning')) {
            try {
                Remove-RgAppxProvisionedPackage -PackageName $package.PackageName
                Write-RgLog -Message ($Step.Id + ': removed the provisioning of ' + $package.PackageName)
            }
            catch {
                $failures += $package.PackageName + ' (provisioned): ' + $_.Exception.Message
            }
        }
    }
    foreach ($package in @($state.Installed)) {
        $who = 'the user'
        if ($Step.AllUsers) {
            $who = 'every user'
        }
        if ($PSCmdlet.ShouldProcess('AppX package ' + $package.PackageFullName, 'Remove for ' + $who)) {
            try {
                Remove-RgAppxPackage -PackageFullName $package.PackageFullName -AllUsers:([bool]$Step.AllUsers)
                Write-RgLog -Message ($Step.Id + ': removed ' + $package.PackageFullName + ' for ' + $who)
            }
            catch {
                $failures += $package.PackageFullName + ': ' + $_.Exception.Message
            }
        }
    }
    if ($failures.Count -gt 0) {
        throw ('could not remove ' + ($failures -join '; '))
    }
}
