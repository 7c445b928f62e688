function Set-RgRegistryValue {
    <#
    .SYNOPSIS
        Writes the step's kind and data, creating the key when missing.
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Type, Value.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $target = $Step.Hive + ':\' + $Step.SubKey + '\' + $Step.Name + ' (' + $Step.View + '-bit view)'
    $data = Format-RgRegistryValueData -Kind $Step.Type -Value $Step.Value
    if ($PSCmdlet.ShouldProcess($target, 'Set to ' + $data)) {
        Write-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -Kind $Step.Type -Value $Step.Value -View $Step.View
        Write-RgLog -Message ($Step.Id + ': set ' + $target + ' to ' + $data)
    }
}
