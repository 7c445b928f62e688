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
