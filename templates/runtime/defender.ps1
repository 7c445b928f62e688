function Get-RgMpPreference {
    <#
    .SYNOPSIS
        Seam: Microsoft Defender Antivirus preferences (the Defender module's Get-MpPreference), the named ones as
        numbers: a Disable* switch 1 when the protection is off, a level as its number (docs/reference/
        windows-admin.md 1.1).
    .PARAMETER Name
        Preference names as Set-MpPreference takes them (DisableRealtimeMonitoring, PUAProtection, ...).
    .OUTPUTS
        Values (name -> [int], or $null when this Defender has no such preference). Throws when Defender cannot be
        read (not running, another antivirus, not an administrator).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string[]]$Name
    )
    $preference = Get-MpPreference -ErrorAction Stop
    $values = @{}
    foreach ($item in $Name) {
        $property = $preference.PSObject.Properties[$item]
        if ($null -eq $property -or $null -eq $property.Value) {
            $values[$item] = $null
        }
        else {
            $values[$item] = [int]$property.Value
        }
    }
    [pscustomobject]@{ Values = $values }
}

function Get-RgMpComputerStatus {
    <#
    .SYNOPSIS
        Seam: Microsoft Defender Antivirus status (the Defender module's Get-MpComputerStatus; docs/reference/
        windows-admin.md 1.3).
    .OUTPUTS
        RealTimeProtectionEnabled, AntivirusEnabled ([bool]), AntivirusSignatureAge ([int] days),
        AntivirusSignatureLastUpdated ([datetime] UTC or $null), AMRunningMode ([string], empty on old platforms),
        IsTamperProtected ([string]: True, False, or empty where the platform does not say). Throws when Defender
        cannot be read.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $status = Get-MpComputerStatus -ErrorAction Stop
    $read = {
        param([string]$Property)
        $found = $status.PSObject.Properties[$Property]
        if ($null -eq $found) { return $null }
        $found.Value
    }
    $updated = & $read 'AntivirusSignatureLastUpdated'
    if ($null -ne $updated) { $updated = ([datetime]$updated).ToUniversalTime() }
    $tamper = & $read 'IsTamperProtected'
    [pscustomobject]@{
        RealTimeProtectionEnabled     = [bool](& $read 'RealTimeProtectionEnabled')
        AntivirusEnabled              = [bool](& $read 'AntivirusEnabled')
        AntivirusSignatureAge         = [int](& $read 'AntivirusSignatureAge')
        AntivirusSignatureLastUpdated = $updated
        AMRunningMode                 = [string](& $read 'AMRunningMode')
        IsTamperProtected             = $(if ($null -eq $tamper) { '' } else { [string][bool]$tamper })
    }
}

function Get-RgDefenderWords {
    <#
    .SYNOPSIS
        A preference's value in words: a Disable* switch 0 is on and 1 off; the levels by their names.
    .PARAMETER Name
        The preference name.
    .PARAMETER Value
        Its number, or $null (this Defender has no such preference).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [AllowNull()]
        [object]$Value
    )
    if ($null -eq $Value) { return 'not available' }
    $number = [int]$Value
    $words = @()
    if ($Name -like 'Disable*') { $words = @('on', 'off') }
    elseif ($Name -eq 'PUAProtection' -or $Name -eq 'EnableNetworkProtection') { $words = @('off', 'on', 'audit only') }
    elseif ($Name -eq 'MAPSReporting') { $words = @('off', 'basic', 'advanced') }
    elseif ($Name -eq 'SubmitSamplesConsent') { $words = @('always prompt', 'send safe samples', 'never send', 'send all samples') }
    elseif ($Name -eq 'CloudBlockLevel') { $words = @('default', 'moderate', 'high', '3', 'high plus', '5', 'zero tolerance') }
    if ($number -ge 0 -and $number -lt $words.Count) { return [string]$words[$number] }
    [string]$number
}

function Get-RgDefenderStatusWords {
    <#
    .SYNOPSIS
        Defender's status in words for a summary: real-time on or off, the signature age and date, the running mode
        when not Normal, tamper protection when the platform says.
    .PARAMETER Status
        What Get-RgMpComputerStatus returned.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Status
    )
    $words = @()
    if ($Status.RealTimeProtectionEnabled) { $words += 'real-time on' } else { $words += 'real-time off' }
    $age = 'signatures ' + $Status.AntivirusSignatureAge + ' day(s) old'
    if ($null -ne $Status.AntivirusSignatureLastUpdated) {
        $age += ' (' + $Status.AntivirusSignatureLastUpdated.ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture) + ')'
    }
    $words += $age
    if ($Status.AMRunningMode -and $Status.AMRunningMode -ne 'Normal') { $words += 'running mode ' + $Status.AMRunningMode }
    if ($Status.IsTamperProtected -eq 'True') { $words += 'tamper protection on' }
    $words -join ', '
}
