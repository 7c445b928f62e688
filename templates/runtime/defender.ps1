function Get-RgMpPreference {
    <#
    .SYNOPSIS
        Seam: Microsoft Defender Antivirus preferences (the Defender module's Get-MpPreference), the named ones as
        numbers: a Disable* switch 1 when the protection is off, a level as its number (docs/reference/
        windows-admin.md 1.1).
    .PARAMETER Name
        Preference names as Set-MpPreference takes them (DisableRealtimeMonitoring, PUAProtection, ...).
    .OUTPUTS
        Running ([bool]: false when the Defender service does not answer, HRESULT 0x800106BA, as with another
        antivirus), Values (name -> [int], or $null when this Defender has no such preference). Throws on any other
        failure (not an administrator).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string[]]$Name
    )
    try {
        $preference = Get-MpPreference -ErrorAction Stop
    }
    catch {
        if (Test-RgDefenderNotRunning -ErrorRecord $_) { return [pscustomobject]@{ Running = $false; Values = @{} } }
        throw
    }
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
    [pscustomobject]@{ Running = $true; Values = $values }
}

function Get-RgMpComputerStatus {
    <#
    .SYNOPSIS
        Seam: Microsoft Defender Antivirus status (the Defender module's Get-MpComputerStatus; docs/reference/
        windows-admin.md 1.3).
    .OUTPUTS
        Running ([bool]: false when the Defender service does not answer, HRESULT 0x800106BA; the rest is then
        empty), RealTimeProtectionEnabled, AntivirusEnabled ([bool]), AntivirusSignatureAge ([int] days),
        AntivirusSignatureLastUpdated ([datetime] UTC or $null), AMRunningMode ([string]: Normal, Passive Mode, SxS
        Passive Mode, EDR Block Mode, Not running; empty on old platforms), IsTamperProtected ([string]: True,
        False, or empty where the platform does not say). Throws on any other failure.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    try {
        $status = Get-MpComputerStatus -ErrorAction Stop
    }
    catch {
        if (Test-RgDefenderNotRunning -ErrorRecord $_) {
            return [pscustomobject]@{ Running = $false; RealTimeProtectionEnabled = $false; AntivirusEnabled = $false; AntivirusSignatureAge = 0; AntivirusSignatureLastUpdated = $null; AMRunningMode = 'Not running'; IsTamperProtected = '' }
        }
        throw
    }
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
        Running                       = $true
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
    if (-not $Status.Running) { return 'Defender not running (another antivirus?)' }
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

function Test-RgDefenderNotRunning {
    <#
    .SYNOPSIS
        Whether an Mp cmdlet's error is Defender not answering at all (another antivirus has it off): the token
        0x800106BA in the error id or message, which is not translated (docs/reference/windows-admin.md 1.3).
    .PARAMETER ErrorRecord
        The error caught.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.ErrorRecord]$ErrorRecord
    )
    $text = [string]$ErrorRecord.FullyQualifiedErrorId + ' ' + $ErrorRecord.Exception.Message
    $inner = $ErrorRecord.Exception
    while ($null -ne $inner) {
        $text += ' ' + ('0x{0:x8}' -f $inner.HResult)
        $inner = $inner.InnerException
    }
    $text -match '0x800106ba'
}

function Test-RgDefenderActive {
    <#
    .SYNOPSIS
        Whether Defender is the active antivirus: it answers and its running mode is not passive or not running
        (a passive Defender still reports its protections on: docs/reference/windows-admin.md 1.3).
    .PARAMETER Status
        What Get-RgMpComputerStatus returned.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Status
    )
    $Status.Running -and @('Passive Mode', 'SxS Passive Mode', 'Not running') -notcontains [string]$Status.AMRunningMode
}
