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

function Get-RgRegistryValueState {
    <#
    .SYNOPSIS
        The step's value at one place (its own hive and key, or a user's hive under HKU) compared with what the
        step wants.
    .PARAMETER Step
        The step: Name, View, Type, Value; Want Absent for a value that must not exist.
    .PARAMETER Hive
        HKLM, HKCU or HKU.
    .PARAMETER SubKey
        The key below the hive.
    .OUTPUTS
        Compliant ([bool]), Actual, Expected (words).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step,

        [Parameter(Mandatory = $true)]
        [string]$Hive,

        [Parameter(Mandatory = $true)]
        [string]$SubKey
    )
    $current = Get-RgRegistryData -Hive $Hive -SubKey $SubKey -Name $Step.Name -View $Step.View
    if ($Step['Want'] -eq 'Absent') {
        if ($current.Exists) {
            return [pscustomobject]@{ Compliant = $false; Actual = (Format-RgRegistryValueData -Kind $current.Kind -Value $current.Value); Expected = 'absent' }
        }
        $actual = 'absent'
        if (-not $current.KeyExists) {
            $actual = 'absent (no key)'
        }
        return [pscustomobject]@{ Compliant = $true; Actual = $actual; Expected = 'absent' }
    }
    $expected = Format-RgRegistryValueData -Kind $Step.Type -Value $Step.Value
    if (-not $current.Exists) {
        $actual = 'missing'
        if (-not $current.KeyExists) {
            $actual = 'missing (no key)'
        }
        return [pscustomobject]@{ Compliant = $false; Actual = $actual; Expected = $expected }
    }
    $actual = Format-RgRegistryValueData -Kind $current.Kind -Value $current.Value
    [pscustomobject]@{ Compliant = ($actual -ceq $expected); Actual = $actual; Expected = $expected }
}

function Test-RgRegistryValue {
    <#
    .SYNOPSIS
        Whether one registry value has the step's kind and data; with Profiles, in every user's hive
        (ProfilesTest: Test-RgRegistryValueProfiles), counted by profile.
    .PARAMETER Step
        The step: Hive, SubKey, Name, View, Type, Value; Want Absent for a value that must not exist; Profiles and
        IncludeDefault for every user's profile.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    if ($Step['Profiles']) {
        # Every user's hive: runtime/registry-profiles.ps1, named in the step's data (only such a step carries it).
        return & ([string]$Step.ProfilesTest) -Step $Step
    }
    $state = Get-RgRegistryValueState -Step $Step -Hive $Step.Hive -SubKey $Step.SubKey
    New-RgStepResult -Step $Step -Compliant $state.Compliant -Actual $state.Actual -Expected $state.Expected
}
