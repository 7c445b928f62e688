function Test-RgWindowsFeature {
    <#
    .SYNOPSIS
        Whether a Windows optional feature or capability is in the wanted state (Get-RgWindowsFeature). A name
        this Windows does not know is not compliant, or compliant as not applicable when the step says so; a
        change that waits for a restart counts as done and says so.
    .PARAMETER Step
        The step: FeatureKind (OptionalFeature, Capability), Name, Want (Enabled, Disabled, Absent), IfMissing.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = [string]$Step.Want
    $found = @(Get-RgWindowsFeature -Kind ([string]$Step.FeatureKind) -Name ([string]$Step.Name))
    if ($found.Count -eq 0) {
        if ($Step.IfMissing -eq 'NotApplicable') {
            return New-RgStepResult -Step $Step -Compliant $true -Actual 'unknown to this Windows (not applicable)' -Expected $expected
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'unknown to this Windows' -Expected $expected
    }
    $compliant = $true
    $words = @()
    foreach ($item in $found) {
        $state = Test-RgWindowsFeatureState -Kind ([string]$Step.FeatureKind) -State ([string]$item.State) -Want $expected
        $compliant = $compliant -and $state.Compliant
        $text = [string]$item.State
        if ($state.Pending) { $text += ' (restart pending)' }
        if ($found.Count -gt 1) { $text = [string]$item.Name + ' ' + $text }
        $words += $text
    }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual ($words -join ', ') -Expected $expected
}
