function Set-RgServiceState {
    <#
    .SYNOPSIS
        Sets the service's start type (Set-RgServiceStartType), then starts or stops it (Start-RgService,
        Stop-RgService), each through ShouldProcess and only when it differs. A service that is not installed
        cannot be installed here: an error naming it.
    .PARAMETER Step
        The step: ServiceName, StartType, Status, TimeoutSeconds.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $name = [string]$Step.ServiceName
    $service = Get-RgService -Name $name
    if (-not $service.Exists) {
        throw ('the service ' + $name + ' is not installed; remgen does not install services')
    }
    $startType = Get-RgServiceStartWords -Service $service
    if ($Step.StartType -and $startType -ne $Step.StartType) {
        if ($PSCmdlet.ShouldProcess('service ' + $name, 'Set start type ' + $Step.StartType + ' (is ' + $startType + ')')) {
            Set-RgServiceStartType -Name $name -StartType ([string]$Step.StartType)
            Write-RgLog -Message ($Step.Id + ': set the start type of the service ' + $name + ' to ' + $Step.StartType + ' (was ' + $startType + ')')
        }
    }
    if ($Step.Status -eq 'Running' -and $service.Status -ne 'Running') {
        if ($PSCmdlet.ShouldProcess('service ' + $name, 'Start (is ' + $service.Status + ')')) {
            Start-RgService -Name $name -TimeoutSeconds 60
            Write-RgLog -Message ($Step.Id + ': started the service ' + $name)
        }
    }
    elseif ($Step.Status -eq 'Stopped' -and $service.Status -ne 'Stopped') {
        if ($PSCmdlet.ShouldProcess('service ' + $name, 'Stop (is ' + $service.Status + ')')) {
            Stop-RgService -Name $name -TimeoutSeconds 60
            Write-RgLog -Message ($Step.Id + ': stopped the service ' + $name)
        }
    }
}
