function Set-RgFileLine {
    <#
    .SYNOPSIS
        Writes the file with the line set or removed (Get-RgFileLinePlan), through ShouldProcess, in the encoding,
        line ending and final line break it had (Write-RgTextFile); the other lines are kept. A file that does not
        exist is created with the line in NewEncoding. A line that has nowhere to go (After matches nothing) is
        an error and nothing is written.
    .PARAMETER Step
        The step: Path, Want, Line, Match, After, NewEncoding.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $path = Resolve-RgFilePath -Path ([string]$Step.Path)
    $file = Get-RgTextFile -Path $path
    $plan = Get-RgFileLinePlan -Step $Step -File $file
    if ($plan.Compliant) {
        return
    }
    if ($plan.Problem) {
        throw ($path + ': ' + $plan.Problem + '; nothing was written')
    }
    $encoding = [string]$file.Encoding
    if (-not $file.Exists) {
        $encoding = [string]$Step.NewEncoding
    }
    $what = 'Set the line ' + [string]$Step.Line
    if ($Step.Want -eq 'Absent') {
        $what = 'Remove the lines: ' + $plan.Actual
    }
    if ($PSCmdlet.ShouldProcess('file ' + $path, $what)) {
        Write-RgTextFile -Path $path -Lines ([string[]]$plan.Lines) -Encoding $encoding -NewLine ([string]$file.NewLine) -FinalNewLine:([bool]$file.FinalNewLine)
        Write-RgLog -Message ($Step.Id + ': ' + $what + ' in ' + $path + ' (' + $encoding + ')')
    }
}
