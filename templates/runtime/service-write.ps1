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
        Automatic, AutomaticDelayed, Manual or Disabled. Windows PowerShell 5.1's Set-Service knows no delayed
        start: AutomaticDelayed is Automatic, then `sc.exe config <name> start= delayed-auto` (through
        Invoke-RgNativeCommand); Automatic on a service whose start is delayed ends the delay with
        `start= auto`.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Automatic', 'AutomaticDelayed', 'Manual', 'Disabled')]
        [string]$StartType
    )
    # The step's set function has asked ShouldProcess for this change already: no second prompt under -Confirm.
    $ConfirmPreference = 'None'
    if ($StartType -eq 'AutomaticDelayed') {
        Set-Service -Name $Name -StartupType Automatic -ErrorAction Stop
        Invoke-RgServiceConfig -Name $Name -Start 'delayed-auto'
        return
    }
    Set-Service -Name $Name -StartupType $StartType -ErrorAction Stop
    if ($StartType -eq 'Automatic' -and (Get-RgService -Name $Name).DelayedAutoStart) {
        Invoke-RgServiceConfig -Name $Name -Start 'auto'
    }
}

function Invoke-RgServiceConfig {
    <#
    .SYNOPSIS
        `sc.exe config <name> start= <mode>` from System32 (Invoke-RgNativeCommand); throws with its output
        when it exits with anything but 0.
    .PARAMETER Name
        The service name.
    .PARAMETER Start
        auto or delayed-auto.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [ValidateSet('auto', 'delayed-auto')]
        [string]$Start
    )
    $sc = (Get-RgPlatform).SystemRoot + '\System32\sc.exe'
    $result = Invoke-RgNativeCommand -FilePath $sc -ArgumentList @('config', $Name, 'start=', $Start) -TimeoutSeconds 60
    if ($result.ExitCode -ne 0) {
        throw ('sc.exe config ' + $Name + ' start= ' + $Start + ' exited with ' + $result.ExitCode + ': ' + (@($result.Output) -join ' '))
    }
}

function Stop-RgService {
    <#
    .SYNOPSIS
        Seam: stops a Windows service ([System.ServiceProcess.ServiceController].Stop) and waits up to
        TimeoutSeconds for it to be stopped; a service already stopped is left alone; throws when it cannot
        be stopped (access denied, a service that does not accept a stop, or the wait runs out).
    .PARAMETER Name
        The service name, e.g. Spooler.
    .PARAMETER TimeoutSeconds
        How long to wait for Stopped.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [int]$TimeoutSeconds = 30
    )
    Add-Type -AssemblyName System.ServiceProcess
    $service = [System.ServiceProcess.ServiceController]::new($Name)
    try {
        if ($service.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Stopped) {
            $service.Stop()
        }
        $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Stopped, [System.TimeSpan]::FromSeconds($TimeoutSeconds))
    }
    finally {
        $service.Dispose()
    }
}
