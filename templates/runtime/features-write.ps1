function Set-RgWindowsFeature {
    <#
    .SYNOPSIS
        Seam: enables, disables or removes a Windows optional feature (Enable-WindowsOptionalFeature -All,
        Disable-WindowsOptionalFeature [-Remove]) or adds or removes a capability (Add-WindowsCapability,
        Remove-WindowsCapability), always -Online and never restarting (-NoRestart where the cmdlet has it);
        throws when it cannot (files not found, not an administrator).
    .PARAMETER Kind
        OptionalFeature or Capability.
    .PARAMETER Name
        The exact name.
    .PARAMETER State
        Enabled, Disabled (a feature's files kept) or Absent.
    .PARAMETER Source
        Where the files come from when enabling (-Source); empty: Windows Update.
    .PARAMETER LimitAccess
        Never ask Windows Update (-LimitAccess).
    .OUTPUTS
        RestartNeeded ([bool]: Windows finishes the change at the next restart).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('OptionalFeature', 'Capability')]
        [string]$Kind,

        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Enabled', 'Disabled', 'Absent')]
        [string]$State,

        [AllowEmptyString()]
        [string]$Source = '',

        [switch]$LimitAccess
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    $sources = [string[]]@()
    if ($Source) { $sources = [string[]]@($Source) }
    if ($Kind -eq 'OptionalFeature') {
        if ($State -eq 'Enabled') {
            if ($Source) {
                $result = Enable-WindowsOptionalFeature -Online -FeatureName $Name -All -NoRestart -Source $sources -LimitAccess:$LimitAccess -ErrorAction Stop
            }
            else {
                $result = Enable-WindowsOptionalFeature -Online -FeatureName $Name -All -NoRestart -LimitAccess:$LimitAccess -ErrorAction Stop
            }
        }
        else {
            $result = Disable-WindowsOptionalFeature -Online -FeatureName $Name -NoRestart -Remove:($State -eq 'Absent') -ErrorAction Stop
        }
    }
    elseif ($State -eq 'Enabled') {
        if ($Source) {
            $result = Add-WindowsCapability -Online -Name $Name -Source $sources -LimitAccess:$LimitAccess -ErrorAction Stop
        }
        else {
            $result = Add-WindowsCapability -Online -Name $Name -LimitAccess:$LimitAccess -ErrorAction Stop
        }
    }
    else {
        $result = Remove-WindowsCapability -Online -Name $Name -ErrorAction Stop
    }
    $restart = $false
    foreach ($item in @($result)) {
        if ($null -ne $item -and $null -ne $item.PSObject.Properties['RestartNeeded'] -and [bool]$item.RestartNeeded) { $restart = $true }
    }
    [pscustomobject]@{ RestartNeeded = $restart }
}
