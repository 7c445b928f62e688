function Set-RgRegistryKey {
    <#
    .SYNOPSIS
        Creates the key (Want Present) or deletes it with everything below it (Want Absent).
    .PARAMETER Step
        The step: Hive, SubKey, View, Want.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $target = $Step.Hive + ':\' + $Step.SubKey + ' (' + $Step.View + '-bit view)'
    if ($Step.Want -eq 'Absent') {
        if ($PSCmdlet.ShouldProcess($target, 'Delete the key and everything below it')) {
            Remove-RgRegistryKey -Hive $Step.Hive -SubKey $Step.SubKey -View $Step.View
            Write-RgLog -Message ($Step.Id + ': deleted ' + $target)
        }
        return
    }
    if ($PSCmdlet.ShouldProcess($target, 'Create the key')) {
        New-RgRegistryKey -Hive $Step.Hive -SubKey $Step.SubKey -View $Step.View
        Write-RgLog -Message ($Step.Id + ': created ' + $target)
    }
}
