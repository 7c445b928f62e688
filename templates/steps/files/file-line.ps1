function Test-RgFileLine {
    <#
    .SYNOPSIS
        Whether a text file has the wanted line (every line matching Match equal to it), or has no such line
        (Get-RgTextFile, Get-RgFileLinePlan).
    .PARAMETER Step
        The step: Path (with %VARIABLE%s), Want (Present or Absent), Line, Match, After, NewEncoding.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $file = Get-RgTextFile -Path (Resolve-RgFilePath -Path ([string]$Step.Path))
    $plan = Get-RgFileLinePlan -Step $Step -File $file
    New-RgStepResult -Step $Step -Compliant $plan.Compliant -Actual $plan.Actual -Expected $plan.Expected
}
