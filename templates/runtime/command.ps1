function Invoke-RgProgram {
    <#
    .SYNOPSIS
        Runs the step's program with its arguments (Invoke-RgNativeCommand: no shell): a System32 name from
        %SystemRoot%\System32, an absolute path with its %VARIABLE%s expanded (Resolve-RgFilePath).
    .PARAMETER Step
        The step: Program, Arguments, TimeoutSeconds, SuccessExitCodes.
    .OUTPUTS
        FilePath, ExitCode, Output, TimedOut, Succeeded ([bool]: finished with a success exit code), Words
        (the outcome in words).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $program = [string]$Step.Program
    if ($program.IndexOf('\') -lt 0) {
        $program = (Get-RgPlatform).SystemRoot + '\System32\' + $program
    }
    else {
        $program = Resolve-RgFilePath -Path $program
    }
    $result = Invoke-RgNativeCommand -FilePath $program -ArgumentList ([string[]]@($Step.Arguments)) -TimeoutSeconds ([int]$Step.TimeoutSeconds)
    $success = @($Step.SuccessExitCodes | ForEach-Object -Process { [long]$_ })
    $words = 'exit code ' + $result.ExitCode
    if ($result.TimedOut) {
        $words = 'still running after ' + $Step.TimeoutSeconds + ' s (ended)'
    }
    [pscustomobject]@{
        FilePath = $program; ExitCode = $result.ExitCode; Output = @($result.Output); TimedOut = $result.TimedOut
        Succeeded = (-not $result.TimedOut -and $success -contains [long]$result.ExitCode); Words = $words
    }
}
