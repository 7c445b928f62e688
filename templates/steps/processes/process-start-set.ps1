function Start-RgProcessNow {
    <#
    .SYNOPSIS
        Starts the step's program (Start-RgProcess: as this script's account, in its session) through
        ShouldProcess, unless a process of its name already runs; then waits up to WaitSeconds for the process
        (Wait-RgProcess) and fails naming the program when none is seen.
    .PARAMETER Step
        The step: Program (with %VARIABLE%s), Arguments, ProcessName, WaitSeconds.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $name = [string]$Step.ProcessName
    if (@(Get-RgProcess -Name $name).Count -gt 0) {
        Write-RgLog -Message ($Step.Id + ': ' + $name + '.exe runs already; not started again')
        return
    }
    $program = Resolve-RgFilePath -Path ([string]$Step.Program)
    $arguments = [string[]]@($Step.Arguments)
    $line = ($program + ' ' + ($arguments -join ' ')).Trim()
    if (-not $PSCmdlet.ShouldProcess($line, 'Start')) {
        return
    }
    $started = Start-RgProcess -FilePath $program -ArgumentList $arguments
    Write-RgLog -Message ($Step.Id + ': started ' + $line + ' (id ' + $started.Id + ')')
    $seen = Wait-RgProcess -Name $name -Seconds ([int]$Step.WaitSeconds)
    if (@($seen.Processes).Count -eq 0) {
        throw ('started ' + $line + ' (id ' + $started.Id + '), but no ' + $name + '.exe runs ' + $seen.WaitedSeconds + ' s later')
    }
}
