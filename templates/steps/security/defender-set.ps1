function Set-RgDefenderPreference {
    <#
    .SYNOPSIS
        Sets each of the step's Defender preferences that differs (Set-RgMpPreference), through ShouldProcess, then
        reads them again: Set-MpPreference can return and change nothing, so one still different is an error that
        says tamper protection (or a policy) may hold it (docs/reference/windows-admin.md 1.2).
    .PARAMETER Step
        The step: Preferences (each Name, Value, Label, Words).
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $wanted = @($Step.Preferences)
    $names = [string[]]@($wanted | ForEach-Object -Process { [string]$_.Name })
    $read = Get-RgMpPreference -Name $names
    if (-not $read.Running) {
        throw 'Microsoft Defender Antivirus is not running (HRESULT 0x800106BA: another antivirus may have it off); nothing was set'
    }
    $set = @()
    foreach ($preference in $wanted) {
        $value = $read.Values[[string]$preference.Name]
        if ($null -eq $value) {
            throw ('this Defender has no ' + $preference.Label + ' preference (' + $preference.Name + '); update the Defender platform')
        }
        if ([int]$value -eq [int]$preference.Value) { continue }
        $is = Get-RgDefenderWords -Name ([string]$preference.Name) -Value $value
        if ($PSCmdlet.ShouldProcess('Defender ' + $preference.Label, 'Set ' + $preference.Words + ' (is ' + $is + ')')) {
            Set-RgMpPreference -Name ([string]$preference.Name) -Value ([int]$preference.Value)
            Write-RgLog -Message ($Step.Id + ': set Defender ' + $preference.Label + ' ' + $preference.Words + ' (' + $preference.Name + ' ' + $preference.Value + '; was ' + $is + ')')
            $set += $preference
        }
    }
    if ($set.Count -eq 0) { return }
    $again = Get-RgMpPreference -Name $names
    $held = @()
    foreach ($preference in $set) {
        $value = $again.Values[[string]$preference.Name]
        if ($null -eq $value -or [int]$value -ne [int]$preference.Value) {
            $held += [string]$preference.Label + ' still ' + (Get-RgDefenderWords -Name ([string]$preference.Name) -Value $value)
        }
    }
    if ($held.Count -gt 0) {
        $tamper = ''
        try { $tamper = (Get-RgMpComputerStatus).IsTamperProtected }
        catch { $tamper = '' }
        $why = 'tamper protection may be on, or a policy sets it'
        if ($tamper -eq 'True') { $why = 'tamper protection may be on (Get-MpComputerStatus says IsTamperProtected True): change it in Intune or the Defender portal' }
        elseif ($tamper -eq 'False') { $why = 'tamper protection is off, so a policy sets it (Group Policy or Intune): change it there' }
        throw ('Set-MpPreference did not take: ' + ($held -join ', ') + '; ' + $why)
    }
}
