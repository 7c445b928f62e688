function Invoke-RgCommandRun {
    <#
    .SYNOPSIS
        Runs the step's program (Invoke-RgProgram: no shell), through ShouldProcess; a timeout or an exit code
        outside SuccessExitCodes is an error naming it.
    .PARAMETER Step
        The step: Program, Arguments, TimeoutSeconds, SuccessExitCodes.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $line = ([string]$Step.Program + ' ' + (@($Step.Arguments) -join ' ')).Trim()
    if ($PSCmdlet.ShouldProcess($line, 'Run')) {
        $run = Invoke-RgProgram -Step $Step
        if (-not $run.Succeeded) {
            throw ($line + ': ' + $run.Words)
        }
        Write-RgLog -Message ($Step.Id + ': ran ' + $line + ' (' + $run.Words + ')')
    }
}
