function Test-RgDnsResolution {
    <#
    .SYNOPSIS
        Whether every name of the step resolves (the state a DNS cache flush fixes); all names are looked up
        at once, each within 5 s.
    .PARAMETER Step
        The step: Names.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $names = [string[]]@($Step.Names)
    $answers = @()
    if ($names.Count -gt 0) {
        $answers = @(Resolve-RgHostNameList -HostName $names -TimeoutMilliseconds 5000)
    }
    $failing = foreach ($answer in $answers) {
        if (-not $answer.Resolved) {
            $answer.HostName + ' (' + $answer.Error + ')'
        }
    }
    $failing = @($failing)
    $expected = 'every name resolves'
    if ($failing.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('all ' + @($Step.Names).Count + ' resolve') -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ('not resolving: ' + ($failing -join ', ')) -Expected $expected
}
