function Test-RgDnsResolution {
    <#
    .SYNOPSIS
        Whether every name of the step resolves (the state a DNS cache flush fixes).
    .PARAMETER Step
        The step: Names.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $failing = foreach ($name in @($Step.Names)) {
        $answer = Resolve-RgHostName -HostName $name
        if (-not $answer.Resolved) {
            $name + ' (' + $answer.Error + ')'
        }
    }
    $failing = @($failing)
    $expected = 'every name resolves'
    if ($failing.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('all ' + @($Step.Names).Count + ' resolve') -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ('not resolving: ' + ($failing -join ', ')) -Expected $expected
}
