function Restart-RgServiceNow {
    <#
    .SYNOPSIS
        Restarts the service (Stop-RgService when it is not stopped, then Start-RgService), through
        ShouldProcess, and reads it again: a service that is not running afterwards is an error.
    .PARAMETER Step
        The step: ServiceName, TimeoutSeconds.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $name = [string]$Step.ServiceName
    $timeout = [int]$Step.TimeoutSeconds
    $service = Get-RgService -Name $name
    if (-not $service.Exists) {
        throw ('the service ' + $name + ' is not installed')
    }
    if ($PSCmdlet.ShouldProcess('service ' + $name, 'Restart (is ' + $service.Status + ')')) {
        if ($service.Status -ne 'Stopped') {
            Stop-RgService -Name $name -TimeoutSeconds $timeout
        }
        Start-RgService -Name $name -TimeoutSeconds $timeout
        $after = Get-RgService -Name $name
        if ($after.Status -ne 'Running') {
            throw ('the service ' + $name + ' is ' + $after.Status + ' after the restart, not Running')
        }
        Write-RgLog -Message ($Step.Id + ': restarted the service ' + $name)
    }
}
