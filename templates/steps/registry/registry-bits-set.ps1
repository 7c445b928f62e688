function Set-RgRegistryBits {
    <#
    .SYNOPSIS
        Turns the step's Set bits on and its Clear bits off, keeping every other bit of the DWord.
    .DESCRIPTION
        A missing value, or a value of another kind, starts from WhenAbsent.
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Set, Clear, WhenAbsent.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $current = Get-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -View $Step.View
    $base = [int64]$Step.WhenAbsent
    if ($current.Exists -and $current.Kind -eq 'DWord') {
        $base = [int64]$current.Value
    }
    $mask = [int64]4294967295
    $new = ($base -bor [int64]$Step.Set) -band ($mask -bxor [int64]$Step.Clear)
    $target = $Step.Hive + ':\' + $Step.SubKey + '\' + $Step.Name + ' (' + $Step.View + '-bit view)'
    if ($PSCmdlet.ShouldProcess($target, 'Set DWord 0x' + $base.ToString('X') + ' to 0x' + $new.ToString('X'))) {
        Write-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -Kind 'DWord' -Value $new -View $Step.View
        Write-RgLog -Message ($Step.Id + ': set ' + $target + ' from 0x' + $base.ToString('X') + ' to 0x' + $new.ToString('X'))
    }
}
