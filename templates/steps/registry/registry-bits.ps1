function Test-RgRegistryBits {
    <#
    .SYNOPSIS
        Whether a DWord has the step's Set bits on and its Clear bits off; other bits do not matter.
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Set, Clear, WhenAbsent.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $set = [int64]$Step.Set
    $clear = [int64]$Step.Clear
    $wanted = [System.Collections.Generic.List[string]]::new()
    if ($set -ne 0) { $wanted.Add('bits 0x' + $set.ToString('X') + ' set') }
    if ($clear -ne 0) { $wanted.Add('bits 0x' + $clear.ToString('X') + ' clear') }
    $expected = 'DWord with ' + ($wanted -join ' and ')
    $current = Get-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -View $Step.View
    if (-not $current.Exists) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'missing' -Expected $expected
    }
    if ($current.Kind -ne 'DWord') {
        return New-RgStepResult -Step $Step -Compliant $false -Actual ('a ' + $current.Kind + ' value') -Expected $expected
    }
    $value = [int64]$current.Value
    $compliant = (($value -band $set) -eq $set) -and (($value -band $clear) -eq 0)
    New-RgStepResult -Step $Step -Compliant $compliant -Actual ('DWord 0x' + $value.ToString('X')) -Expected $expected
}
