function Test-RgRegistryKey {
    <#
    .SYNOPSIS
        Whether a registry key exists (Want Present) or not (Want Absent), read through Get-RgRegistrySubKeyNames.
    .PARAMETER Step
        The step: Hive, SubKey, View, Want.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $key = Get-RgRegistrySubKeyNames -Hive $Step.Hive -SubKey $Step.SubKey -View $Step.View
    $actual = 'absent'
    if ($key.KeyExists) {
        $actual = 'present (' + @($key.Names).Count + ' subkey(s))'
    }
    $expected = 'present'
    if ($Step.Want -eq 'Absent') {
        $expected = 'absent'
    }
    New-RgStepResult -Step $Step -Compliant ($key.KeyExists -eq ($Step.Want -eq 'Present')) -Actual $actual -Expected $expected
}
