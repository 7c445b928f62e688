function Test-RgDefenderPreference {
    <#
    .SYNOPSIS
        Whether Microsoft Defender Antivirus holds the step's preferences (Get-RgMpPreference), each compared as
        its number.
    .PARAMETER Step
        The step: Preferences (each Name, Value, Label, Words), IfNotActive (NonCompliant, NotApplicable: Defender
        passive or not running because another antivirus is active).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $wanted = @($Step.Preferences)
    $expected = @($wanted | ForEach-Object -Process { [string]$_.Label + ' ' + [string]$_.Words }) -join ', '
    if ($Step.IfNotActive -eq 'NotApplicable') {
        $status = Get-RgMpComputerStatus
        if (-not (Test-RgDefenderActive -Status $status)) {
            return New-RgStepResult -Step $Step -Compliant $true -Actual ((Get-RgDefenderStatusWords -Status $status) + ' (not the active antivirus: not applicable)') -Expected $expected
        }
    }
    $read = Get-RgMpPreference -Name ([string[]]@($wanted | ForEach-Object -Process { [string]$_.Name }))
    if (-not $read.Running) {
        return New-RgStepResult -Step $Step -Compliant $false -Actual 'Defender not running (another antivirus?)' -Expected $expected
    }
    $compliant = $true
    $actual = @()
    foreach ($preference in $wanted) {
        $value = $read.Values[[string]$preference.Name]
        $ok = $null -ne $value -and [int]$value -eq [int]$preference.Value
        $compliant = $compliant -and $ok
        if (-not $ok) { $actual += [string]$preference.Label + ' ' + (Get-RgDefenderWords -Name ([string]$preference.Name) -Value $value) }
    }
    if ($compliant) { $actual = @($expected) }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual ($actual -join ', ') -Expected $expected
}
