function Get-RgService {
    <#
    .SYNOPSIS
        Seam: a Windows service's state ([System.ServiceProcess.ServiceController]) and whether its automatic
        start is delayed (the DelayedAutostart value under HKLM\SYSTEM\CurrentControlSet\Services\<name>,
        which ServiceController does not show).
    .PARAMETER Name
        The service name, e.g. W32Time.
    .OUTPUTS
        Exists ([bool]), Status ([string]: Running, Stopped, StartPending, ...; empty when absent),
        StartType ([string]: Automatic, Manual, Disabled, ...; empty when absent), DelayedAutoStart ([bool]).
        A service that is not installed is Exists false; any other failure (access denied) throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name
    )
    Add-Type -AssemblyName System.ServiceProcess
    $service = [System.ServiceProcess.ServiceController]::new($Name)
    try {
        try {
            $status = [string]$service.Status
        }
        catch {
            # A service that is not installed: InvalidOperationException around Win32 error 1060
            # (ERROR_SERVICE_DOES_NOT_EXIST); any other error (5, access denied) is not "missing".
            $inner = $_.Exception
            while ($null -ne $inner -and -not ($inner -is [System.ComponentModel.Win32Exception])) { $inner = $inner.InnerException }
            if ($null -eq $inner -or $inner.NativeErrorCode -ne 1060) {
                throw
            }
            return [pscustomobject]@{ Exists = $false; Status = ''; StartType = ''; DelayedAutoStart = $false }
        }
        $startType = [string]$service.StartType
        $delayed = $false
        $key = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SYSTEM\CurrentControlSet\Services\' + $service.ServiceName, $false)
        if ($null -ne $key) {
            try {
                $delayed = [int]$key.GetValue('DelayedAutostart', 0) -eq 1
            }
            finally {
                $key.Dispose()
            }
        }
        [pscustomobject]@{ Exists = $true; Status = $status; StartType = $startType; DelayedAutoStart = ($delayed -and $startType -eq 'Automatic') }
    }
    finally {
        $service.Dispose()
    }
}

function Get-RgServiceStartWords {
    <#
    .SYNOPSIS
        A service's start type as the step table names it: Automatic, AutomaticDelayed, Manual, Disabled
        (Boot and System as they are).
    .PARAMETER Service
        What Get-RgService returned.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Service
    )
    if ($Service.StartType -eq 'Automatic' -and $Service.DelayedAutoStart) {
        return 'AutomaticDelayed'
    }
    [string]$Service.StartType
}
