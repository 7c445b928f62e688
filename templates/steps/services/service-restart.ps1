function Test-RgServiceRestart {
    <#
    .SYNOPSIS
        The state a restart is for: a restart is wanted whenever the gate probes report the symptom, so this
        test never passes on its own (Test-RgSteps counts the action as not needed while its gate passes).
        After the restart the gate's probes tested again are the verification; the set half has checked
        that the service runs.
    .PARAMETER Step
        The step: ServiceName.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $service = Get-RgService -Name ([string]$Step.ServiceName)
    $actual = 'not installed'
    if ($service.Exists) {
        $actual = [string]$service.Status + ', start ' + (Get-RgServiceStartWords -Service $service)
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected 'restarted while the gate reports the symptom'
}
