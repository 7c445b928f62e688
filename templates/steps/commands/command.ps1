function Test-RgCommand {
    <#
    .SYNOPSIS
        Runs the step's program (Invoke-RgProgram) and passes when it exits with a success code and, with a
        StdoutPattern, its standard output (lines joined with line feeds) matches it.
    .PARAMETER Step
        The step: Program, Arguments, TimeoutSeconds, SuccessExitCodes, StdoutPattern.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = 'exit code ' + (@($Step.SuccessExitCodes) -join ' or ')
    if ($Step.StdoutPattern) {
        $expected += ', output matching /' + $Step.StdoutPattern + '/'
    }
    $run = Invoke-RgProgram -Step $Step
    if (-not $run.Succeeded) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual $run.Words -Expected $expected
    }
    if ($Step.StdoutPattern) {
        $text = @($run.Output) -join "`n"
        if (-not [regex]::IsMatch($text, [string]$Step.StdoutPattern)) {
            $shown = 'no output'
            foreach ($line in @($run.Output)) {
                if ([string]$line -and $line.Trim() -ne '') {
                    $shown = 'output ' + $line.Trim()
                    break
                }
            }
            return New-RgStepResult -Step $Step -Compliant $false -Actual ($run.Words + ', ' + $shown + ' (no match)') -Expected $expected
        }
    }
    New-RgStepResult -Step $Step -Compliant $true -Actual $run.Words -Expected $expected
}
