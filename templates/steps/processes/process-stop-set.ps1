function Stop-RgProcessNow {
    <#
    .SYNOPSIS
        Ends every process of the name (Stop-RgProcess, forcefully), each through ShouldProcess; a process that
        cannot be ended is an error naming it after the others were tried.
    .PARAMETER Step
        The step: ProcessName, AnySession.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $failures = @()
    foreach ($running in @(Get-RgProcess -Name ([string]$Step.ProcessName) -AnySession:([bool]$Step.AnySession))) {
        $name = [string]$Step.ProcessName + '.exe (id ' + $running.Id + ', session ' + $running.SessionId + ')'
        if (-not $PSCmdlet.ShouldProcess($name, 'End the process')) {
            continue
        }
        try {
            Stop-RgProcess -Id ([int]$running.Id)
            Write-RgLog -Message ($Step.Id + ': ended ' + $name)
        }
        catch {
            $failures += $name + ': ' + $_.Exception.Message
        }
    }
    if ($failures.Count -gt 0) {
        throw ('could not end ' + ($failures -join '; '))
    }
}
