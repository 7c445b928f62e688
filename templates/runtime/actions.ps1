function Get-RgActionStore {
    <#
    .SYNOPSIS
        Where the package remembers its actions' runs: HKLM (system) or HKCU (user) Software\remgen\<package>.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $hive = 'HKCU'
    if ($script:RgPackage.Context -eq 'system') {
        $hive = 'HKLM'
    }
    [pscustomobject]@{ Hive = $hive; SubKey = 'SOFTWARE\remgen\' + $script:RgPackage.Id }
}

function Get-RgActionCooldownEnd {
    <#
    .SYNOPSIS
        When the action's cooldown ends, if it ran within its cooldown; else nothing (it may run).
    .PARAMETER Step
        The action step: Id, CooldownSeconds.
    #>
    [CmdletBinding()]
    [OutputType([datetime])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $store = Get-RgActionStore
    $last = Get-RgRegistryData -Hive $store.Hive -SubKey $store.SubKey -Name ($Step.Id + '.LastRunUtc') -View 64
    if (-not $last.Exists) {
        return $null
    }
    $ran = [datetime]::MinValue
    $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal
    if (-not [datetime]::TryParse([string]$last.Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref]$ran)) {
        Write-RgLog -Message ($Step.Id + ': the last run time ' + [string]$last.Value + ' is unreadable; treating the cooldown as over') -Severity Warning
        return $null
    }
    $now = Get-RgUtcNow
    if ($ran -gt $now.AddSeconds([double]$Step.CooldownSeconds)) {
        # A last run more than a cooldown ahead of now: the clock was set back since (a device that ran far
        # ahead). Counting from a time that has not come would hold the action off for that long, so the
        # stored time is not trusted. A smaller step back (minutes, a resync) keeps the cooldown.
        Write-RgLog -Message ($Step.Id + ': the last run time ' + [string]$last.Value + ' is more than a cooldown later than now; the clock was set back since, so the cooldown is treated as over') -Severity Warning
        return $null
    }
    $until = $ran.AddSeconds([double]$Step.CooldownSeconds)
    if ($now -lt $until) {
        return $until
    }
    $null
}
