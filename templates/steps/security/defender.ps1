function Test-RgDefenderPreference {
    <#
    .SYNOPSIS
        Whether Microsoft Defender Antivirus holds the step's preferences (Get-RgMpPreference), each compared as
        its number.
    .PARAMETER Step
        The step: Preferences (each Name, Value, Label, Words).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $wanted = @($Step.Preferences)
    $read = Get-RgMpPreference -Name ([string[]]@($wanted | ForEach-Object -Process { [string]$_.Name }))
    $compliant = $true
    $actual = @()
    foreach ($preference in $wanted) {
        $value = $read.Values[[string]$preference.Name]
        $ok = $null -ne $value -and [int]$value -eq [int]$preference.Value
        $compliant = $compliant -and $ok
        if (-not $ok) { $actual += [string]$preference.Label + ' ' + (Get-RgDefenderWords -Name ([string]$preference.Name) -Value $value) }
    }
    $expected = @($wanted | ForEach-Object -Process { [string]$_.Label + ' ' + [string]$_.Words }) -join ', '
    if ($compliant) { $actual = @($expected) }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual ($actual -join ', ') -Expected $expected
}
