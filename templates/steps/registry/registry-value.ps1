function Format-RgRegistryValueData {
    <#
    .SYNOPSIS
        Registry data in words, one canonical text per kind and value, so equal text means equal data.
    .PARAMETER Kind
        The value kind (DWord, QWord, String, ExpandString, MultiString, or another kind found on the device).
    .PARAMETER Value
        The data.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Kind,

        [AllowNull()]
        [AllowEmptyString()]
        [object]$Value
    )
    if ($Kind -eq 'DWord' -or $Kind -eq 'QWord') {
        $number = [uint64]$Value
        return $Kind + ' ' + $number.ToString([System.Globalization.CultureInfo]::InvariantCulture) + ' (0x' + $number.ToString('X', [System.Globalization.CultureInfo]::InvariantCulture) + ')'
    }
    if ($Kind -eq 'MultiString') {
        $items = foreach ($item in @($Value)) { "'" + [string]$item + "'" }
        return $Kind + ' [' + ($items -join ', ') + ']'
    }
    if ($Kind -eq 'String' -or $Kind -eq 'ExpandString') {
        return $Kind + " '" + [string]$Value + "'"
    }
    $Kind + ' value'
}

function Test-RgRegistryValue {
    <#
    .SYNOPSIS
        Whether one registry value has the step's kind and data.
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Type, Value; Want Absent for a value that must not exist.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $current = Get-RgRegistryData -Hive $Step.Hive -SubKey $Step.SubKey -Name $Step.Name -View $Step.View
    if ($Step['Want'] -eq 'Absent') {
        if ($current.Exists) {
            return New-RgStepResult -Step $Step -Compliant $false -Actual (Format-RgRegistryValueData -Kind $current.Kind -Value $current.Value) -Expected 'absent'
        }
        $actual = 'absent'
        if (-not $current.KeyExists) {
            $actual = 'absent (no key)'
        }
        return New-RgStepResult -Step $Step -Compliant $true -Actual $actual -Expected 'absent'
    }
    $expected = Format-RgRegistryValueData -Kind $Step.Type -Value $Step.Value
    if (-not $current.Exists) {
        $actual = 'missing'
        if (-not $current.KeyExists) {
            $actual = 'missing (no key)'
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected $expected
    }
    $actual = Format-RgRegistryValueData -Kind $current.Kind -Value $current.Value
    New-RgStepResult -Step $Step -Compliant ($actual -ceq $expected) -Actual $actual -Expected $expected
}
