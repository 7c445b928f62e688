function Get-RgWindowsFeature {
    <#
    .SYNOPSIS
        Seam: the Windows optional features (the Dism module's Get-WindowsOptionalFeature -Online) or
        capabilities (Get-WindowsCapability -Online) whose name matches, with their state. The whole list is
        read and filtered here, so a name this Windows does not know is no match rather than an error whose
        words differ by language (docs/reference/windows-admin.md 3.1).
    .PARAMETER Kind
        OptionalFeature or Capability.
    .PARAMETER Name
        The name, exactly, or with * (a capability's version).
    .OUTPUTS
        One object per match: Name, State ([string]: Enabled, Disabled, DisabledWithPayloadRemoved,
        EnablePending, DisablePending for a feature; Installed, NotPresent, InstallPending, UninstallPending,
        Staged, ... for a capability). Throws when the list cannot be read (not an administrator).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('OptionalFeature', 'Capability')]
        [string]$Kind,

        [Parameter(Mandatory = $true)]
        [string]$Name
    )
    if ($Kind -eq 'OptionalFeature') {
        foreach ($feature in @(Get-WindowsOptionalFeature -Online -ErrorAction Stop)) {
            if ([string]$feature.FeatureName -like $Name) {
                [pscustomobject]@{ Name = [string]$feature.FeatureName; State = [string]$feature.State }
            }
        }
        return
    }
    foreach ($capability in @(Get-WindowsCapability -Online -ErrorAction Stop)) {
        if ([string]$capability.Name -like $Name) {
            [pscustomobject]@{ Name = [string]$capability.Name; State = [string]$capability.State }
        }
    }
}

function Test-RgWindowsFeatureState {
    <#
    .SYNOPSIS
        Whether a state (as Get-RgWindowsFeature gives it) is what the step wants, and whether Windows waits
        for a restart to finish it.
    .PARAMETER Kind
        OptionalFeature or Capability.
    .PARAMETER State
        The state read.
    .PARAMETER Want
        Enabled, Disabled or Absent.
    .OUTPUTS
        Compliant ([bool]), Pending ([bool]: a change waits for a restart).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Kind,

        [Parameter(Mandatory = $true)]
        [string]$State,

        [Parameter(Mandatory = $true)]
        [string]$Want
    )
    # docs/reference/windows-admin.md 3.1: the FeatureState and capability state names.
    $ok = @()
    if ($Kind -eq 'OptionalFeature') {
        if ($Want -eq 'Enabled') { $ok = @('Enabled', 'EnablePending') }
        elseif ($Want -eq 'Disabled') { $ok = @('Disabled', 'DisablePending', 'DisabledWithPayloadRemoved') }
        else { $ok = @('DisabledWithPayloadRemoved') }
    }
    elseif ($Want -eq 'Enabled') { $ok = @('Installed', 'InstallPending') }
    else { $ok = @('NotPresent', 'UninstallPending', 'Removed', 'Staged') }
    [pscustomobject]@{ Compliant = ($ok -contains $State); Pending = ($State -like '*Pending') }
}
