function Start-RgService {
    <#
    .SYNOPSIS
        Seam: starts a Windows service ([System.ServiceProcess.ServiceController].Start) and waits up to
        TimeoutSeconds for it to run; throws when it does not (a disabled service cannot start).
    .PARAMETER Name
        The service name, e.g. W32Time.
    .PARAMETER TimeoutSeconds
        How long to wait for Running.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [int]$TimeoutSeconds = 30
    )
    Add-Type -AssemblyName System.ServiceProcess
    $service = [System.ServiceProcess.ServiceController]::new($Name)
    try {
        if ($service.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Running) {
            $service.Start()
        }
        $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Running, [System.TimeSpan]::FromSeconds($TimeoutSeconds))
    }
    finally {
        $service.Dispose()
    }
}

function Set-RgServiceStartType {
    <#
    .SYNOPSIS
        Seam: sets a Windows service's start type (Set-Service -StartupType); throws when it cannot.
    .PARAMETER Name
        The service name, e.g. W32Time.
    .PARAMETER StartType
        Automatic, Manual or Disabled (the start types Windows PowerShell 5.1's Set-Service knows).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Automatic', 'Manual', 'Disabled')]
        [string]$StartType
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    Set-Service -Name $Name -StartupType $StartType -ErrorAction Stop
}
