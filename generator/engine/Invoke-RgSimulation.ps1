<#
.SYNOPSIS
    Runs a generated script, byte for byte as shipped, against a simulated device.
.DESCRIPTION
    The device profile (a data file that returns a hashtable, written by remgen from the typed profile)
    gives the registry, the native commands' results, the reachable endpoints, the clock, the process
    bitness, the files, the running processes, what starting a program does, and the faults to inject. This harness defines one fake per seam and points an
    alias of the seam's name at it: PowerShell resolves an alias before a function of the same name, so
    the script's own seam functions are bypassed while every other line of it runs as it would on the
    device. Nothing else is replaced; the script's log is written for real, under LogRoot.

    The harness needs only the language and Microsoft.PowerShell.Core, so it runs in the engine host, in
    pwsh and in Windows PowerShell alike, and Pester could drive it unchanged.
.PARAMETER ScriptPath
    The generated script (detect.ps1, remediate.ps1, ...).
.PARAMETER ProfilePath
    The device profile data file (a script that returns the hashtable).
.PARAMETER Device
    The device profile as a hashtable instead of a file (a package's Pester suite reads its .psd1 with
    Import-PowerShellDataFile, and continues a device with the State an earlier run returned).
.PARAMETER LogRoot
    An empty folder: stands for %ProgramData%, %LOCALAPPDATA% and %APPDATA%, so the script's log lands there.
    %ProgramFiles% and %ProgramFiles(x86)% are set to the Windows folders during the run, %SystemRoot% to
    the profile's SystemRoot.
.PARAMETER ScriptParameters
    Parameters for the script, such as @{ WhatIf = $true }.
.OUTPUTS
    One hashtable: ExitCode, Output (stdout lines), Errors (stderr records), Warnings, Information,
    Calls (every seam call with its arguments), State (the device afterwards), Log (the log's lines).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string]$ScriptPath,

    [string]$ProfilePath = '',

    [System.Collections.IDictionary]$Device = $null,

    [Parameter(Mandatory = $true)]
    [string]$LogRoot,

    [System.Collections.IDictionary]$ScriptParameters = @{}
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

# PowerShell names are case-insensitive: $device below is the Device parameter.
if ($null -eq $Device) {
    if (-not $ProfilePath) { throw 'Give -ProfilePath or -Device.' }
    $Device = & $ProfilePath
}

# The parts of the device besides the registry that scripts can change and a later run sees as they were left.
$RgSimCarried = @('Commands', 'Endpoints', 'HttpDates', 'Services', 'ScheduledTasks')
$RgSimCarried += @('FileSystem')
$RgSimCarried += @('AppxPackages')
$RgSimCarried += @('WindowsFeatures')
$RgSimCarried += @('LocalUsers', 'LocalGroups')
$RgSimCarried += @('Defender')
$RgSimCarried += @('UserHives')

# --- the simulated device -------------------------------------------------------------------------------

$global:RgSim = @{
    Calls    = [System.Collections.Generic.List[object]]::new()
    Registry = [ordered]@{}
    Platform = @{ Is64BitOperatingSystem = $true; Is64BitProcess = $true; SystemRoot = 'C:\WINDOWS' }
    Clock    = [System.DateTime]::new(2026, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
    Files    = @{}
    Commands = @()
    Endpoints = @()
    HttpDates = @()
    Services = @()
    ScheduledTasks = @()
    FileSystem = @()
    AppxPackages = @()
    WindowsFeatures = @()
    LocalUsers = @()
    LocalGroups = @()
    Accounts = @()
    Defender = @()
    UserHives = @()
    Downloads = @()
    CipherSuites = @{ Available = $true; Order = [System.Collections.Generic.List[string]]::new(); ReadError = ''; EnableError = '' }
    Processes = [System.Collections.Generic.List[object]]::new()
    Programs = @()
    NextProcessId = 7000
    Denied   = @()
    Throws   = @{}
    SpecialFolders = @{}
    Script   = ''
}

function ConvertFrom-RgSimUtc {
    # An ISO 8601 time of the profile as a UTC DateTime.
    param([string]$Text)
    [System.DateTime]::Parse($Text, [System.Globalization.CultureInfo]::InvariantCulture,
        [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal)
}

function ConvertTo-RgSimKey {
    # The registry path as regedit on the device shows it: a 32-bit view of HKLM\SOFTWARE is WOW6432Node.
    param([string]$Hive, [string]$SubKey, [int]$View)
    $sub = $SubKey.Trim('\')
    if ($Hive -eq 'HKLM' -and $View -eq 32 -and $global:RgSim.Platform.Is64BitOperatingSystem -and
        $sub -match '^SOFTWARE(\\|$)' -and $sub -notmatch '^SOFTWARE\\WOW6432Node(\\|$)') {
        $sub = 'SOFTWARE\WOW6432Node' + $sub.Substring(8)
    }
    ($Hive + '\' + $sub).TrimEnd('\')
}

function Add-RgSimKey {
    param([string]$Path)
    # A key there already has every key above it (keys go only with all their subkeys), so nothing to add.
    if ($global:RgSim.Registry.Contains($Path)) { return $global:RgSim.Registry[$Path] }
    $parts = $Path.Split('\')
    for ($count = 1; $count -le $parts.Count; $count++) {
        $prefix = $parts[0..($count - 1)] -join '\'
        if (-not $global:RgSim.Registry.Contains($prefix)) {
            $global:RgSim.Registry[$prefix] = [ordered]@{}
        }
    }
    $global:RgSim.Registry[$Path]
}

function ConvertTo-RgSimData {
    param([string]$Kind, [object]$Value)
    if ($Kind -eq 'DWord') { return [uint32]$Value }
    if ($Kind -eq 'QWord') { return [uint64]$Value }
    if ($Kind -eq 'MultiString') { return [string[]]@($Value) }
    if ($Kind -eq 'String' -or $Kind -eq 'ExpandString') { return [string]$Value }
    $Value
}

function Assert-RgSimAccess {
    param([string]$Path, [string]$Access)
    foreach ($rule in $global:RgSim.Denied) {
        $key = $rule.Key.TrimEnd('\')
        $covers = $Path -eq $key -or $Path.StartsWith($key + '\', [System.StringComparison]::OrdinalIgnoreCase)
        if ($covers -and ($rule.Access -eq 'ReadWrite' -or $rule.Access -eq $Access)) {
            $native = $Path -replace '^HKLM', 'HKEY_LOCAL_MACHINE' -replace '^HKCU', 'HKEY_CURRENT_USER' -replace '^HKU', 'HKEY_USERS'
            if ($Access -eq 'Read') {
                throw [System.Security.SecurityException]::new('Requested registry access is not allowed.')
            }
            throw [System.UnauthorizedAccessException]::new("Access to the registry key '" + $native + "' is denied.")
        }
    }
}

function Add-RgSimCall {
    param([string]$Seam, [System.Collections.IDictionary]$Arguments)
    $global:RgSim.Calls.Add([ordered]@{ Seam = $Seam; Script = $global:RgSim.Script; Arguments = $Arguments })
    if ($global:RgSim.Throws.Contains($Seam)) {
        throw $global:RgSim.Throws[$Seam]
    }
}

foreach ($key in @($device['Keys'])) {
    if ($key) { $null = Add-RgSimKey -Path $key }
}
foreach ($entry in @($device['Registry'])) {
    if ($entry) {
        $values = Add-RgSimKey -Path $entry.Path
        $values[$entry.Name] = @{ Kind = $entry.Kind; Value = ConvertTo-RgSimData -Kind $entry.Kind -Value $entry.Value }
    }
}
if ($device.Contains('Platform')) {
    foreach ($name in @($device.Platform.Keys)) { $global:RgSim.Platform[$name] = $device.Platform[$name] }
}
if ($device.Contains('Clock')) {
    $global:RgSim.Clock = ConvertFrom-RgSimUtc -Text ([string]$device.Clock)
}
foreach ($file in @($device['Files'])) {
    if ($file) { $global:RgSim.Files[$file] = $true }
}
# Each list of the profile without its $null entries. A foreach, not a Where-Object pipeline: the same items
# at a fraction of the cost; the comma keeps an item that is itself an array one item, as the pipeline did.
$global:RgSim.Commands = @(foreach ($RgSimItem in $device['Commands']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.Endpoints = @(foreach ($RgSimItem in $device['Endpoints']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.HttpDates = @(foreach ($RgSimItem in $device['HttpDates']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.Services = @(foreach ($RgSimItem in $device['Services']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.ScheduledTasks = @(foreach ($RgSimItem in $device['ScheduledTasks']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.FileSystem = @(foreach ($RgSimItem in $device['FileSystem']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.Downloads = @(foreach ($RgSimItem in $device['Downloads']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.AppxPackages = @(foreach ($RgSimItem in $device['AppxPackages']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.WindowsFeatures = @(foreach ($RgSimItem in $device['WindowsFeatures']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.LocalUsers = @(foreach ($RgSimItem in $device['LocalUsers']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.LocalGroups = @(foreach ($RgSimItem in $device['LocalGroups']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.Accounts = @(foreach ($RgSimItem in $device['Accounts']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.Defender = @(foreach ($RgSimItem in $device['Defender']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.UserHives = @(foreach ($RgSimItem in $device['UserHives']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
if ($device.Contains('Carried')) {
    # The device as an earlier run left it: what commands answer now (and how far along their later
    # answers they are), the endpoints, the servers' dates, the services, the tasks and the clock.
    foreach ($piece in $RgSimCarried) {
        $global:RgSim[$piece] = @(foreach ($RgSimItem in $device.Carried[$piece]) { if ($null -ne $RgSimItem) { , $RgSimItem } })
    }
    $global:RgSim.Clock = ConvertFrom-RgSimUtc -Text ([string]$device.Carried.Clock)
}
if ($device.Contains('CipherSuites')) {
    $global:RgSim.CipherSuites.Available = [bool]$device.CipherSuites.Available
    foreach ($name in @($device.CipherSuites['Order'])) {
        if ($name) { $global:RgSim.CipherSuites.Order.Add([string]$name) }
    }
    $global:RgSim.CipherSuites.ReadError = [string]$device.CipherSuites['ReadError']
    $global:RgSim.CipherSuites.EnableError = [string]$device.CipherSuites['EnableError']
}
$global:RgSim.Programs = @(foreach ($RgSimItem in $device['Programs']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
if ($device.Contains('SpecialFolders')) {
    foreach ($name in @($device.SpecialFolders.Keys)) { $global:RgSim.SpecialFolders[$name] = [string]$device.SpecialFolders[$name] }
}

function New-RgSimProcess {
    # A running process of the simulated session, from At (the simulated clock) on; ids as Windows gives them, multiples of 4.
    param([string]$Name, [string]$Path, [int]$Id = 0, [datetime]$At = $global:RgSim.Clock, [datetime]$Until = [datetime]::MaxValue, [int]$Session = 1, [string]$StopError = '')
    if ($Id -le 0) {
        $global:RgSim.NextProcessId += 4
        $Id = $global:RgSim.NextProcessId
    }
    $global:RgSim.Processes.Add(@{ Name = $Name; Id = $Id; Path = $Path; At = $At; Until = $Until; Session = $Session; StopError = $StopError })
    $Id
}
foreach ($process in @($device['Processes'])) {
    if ($process) {
        $session = 1
        if ($process.Contains('Session')) { $session = [int]$process.Session }
        $null = New-RgSimProcess -Name $process.Name -Path ([string]$process.Path) -Id ([int]$process.Id) -Session $session -StopError ([string]$process['StopError'])
    }
}
if ($device.Contains('Faults')) {
    $global:RgSim.Denied = @(foreach ($RgSimItem in $device.Faults['AccessDenied']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
    if ($device.Faults['Throws']) {
        # Keys are identifiers in the data file: Get_RgUtcNow stands for Get-RgUtcNow.
        foreach ($name in @($device.Faults.Throws.Keys)) { $global:RgSim.Throws[$name.Replace('_', '-')] = $device.Faults.Throws[$name] }
    }
}

# --- the fakes: one per seam, same parameters, same return shape ------------------------------------------

function RgSim.Get-RgRegistryData {
    param([string]$Hive, [string]$SubKey, [string]$Name, [int]$View = 64)
    Add-RgSimCall -Seam 'Get-RgRegistryData' -Arguments ([ordered]@{ Hive = $Hive; SubKey = $SubKey; Name = $Name; View = $View })
    $path = ConvertTo-RgSimKey -Hive $Hive -SubKey $SubKey -View $View
    Assert-RgSimAccess -Path $path -Access 'Read'
    if (-not $global:RgSim.Registry.Contains($path)) {
        return [pscustomobject]@{ KeyExists = $false; Exists = $false; Kind = ''; Value = $null }
    }
    $values = $global:RgSim.Registry[$path]
    if (-not $values.Contains($Name)) {
        return [pscustomobject]@{ KeyExists = $true; Exists = $false; Kind = ''; Value = $null }
    }
    [pscustomobject]@{ KeyExists = $true; Exists = $true; Kind = $values[$Name].Kind; Value = $values[$Name].Value }
}

function RgSim.Get-RgRegistrySubKeyNames {
    # The direct subkeys of a key the profile has (its registry entries' and keys' paths), in their order.
    param([string]$Hive, [string]$SubKey, [int]$View = 64)
    Add-RgSimCall -Seam 'Get-RgRegistrySubKeyNames' -Arguments ([ordered]@{ Hive = $Hive; SubKey = $SubKey; View = $View })
    $path = ConvertTo-RgSimKey -Hive $Hive -SubKey $SubKey -View $View
    Assert-RgSimAccess -Path $path -Access 'Read'
    if (-not $global:RgSim.Registry.Contains($path)) {
        return [pscustomobject]@{ KeyExists = $false; Names = [string[]]@() }
    }
    $prefix = $path + '\'
    $names = foreach ($key in @($global:RgSim.Registry.Keys)) {
        if ($key.StartsWith($prefix, [System.StringComparison]::OrdinalIgnoreCase) -and $key.IndexOf('\', $prefix.Length) -lt 0) {
            $key.Substring($prefix.Length)
        }
    }
    [pscustomobject]@{ KeyExists = $true; Names = [string[]]@($names) }
}

function RgSim.Write-RgRegistryData {
    param([string]$Hive, [string]$SubKey, [string]$Name, [string]$Kind, [object]$Value, [int]$View = 64)
    Add-RgSimCall -Seam 'Write-RgRegistryData' -Arguments ([ordered]@{ Hive = $Hive; SubKey = $SubKey; Name = $Name; Kind = $Kind; Value = $Value; View = $View })
    $path = ConvertTo-RgSimKey -Hive $Hive -SubKey $SubKey -View $View
    Assert-RgSimAccess -Path $path -Access 'Write'
    $values = Add-RgSimKey -Path $path
    $values[$Name] = @{ Kind = $Kind; Value = ConvertTo-RgSimData -Kind $Kind -Value $Value }
}

function RgSim.Remove-RgRegistryData {
    # Deletes one value; a missing key or value is fine. The key stays.
    param([string]$Hive, [string]$SubKey, [string]$Name, [int]$View = 64)
    Add-RgSimCall -Seam 'Remove-RgRegistryData' -Arguments ([ordered]@{ Hive = $Hive; SubKey = $SubKey; Name = $Name; View = $View })
    $path = ConvertTo-RgSimKey -Hive $Hive -SubKey $SubKey -View $View
    if (-not $global:RgSim.Registry.Contains($path)) { return }
    Assert-RgSimAccess -Path $path -Access 'Write'
    $global:RgSim.Registry[$path].Remove($Name)
}

function RgSim.New-RgRegistryKey {
    param([string]$Hive, [string]$SubKey, [int]$View = 64)
    Add-RgSimCall -Seam 'New-RgRegistryKey' -Arguments ([ordered]@{ Hive = $Hive; SubKey = $SubKey; View = $View })
    $path = ConvertTo-RgSimKey -Hive $Hive -SubKey $SubKey -View $View
    Assert-RgSimAccess -Path $path -Access 'Write'
    $null = Add-RgSimKey -Path $path
}

function RgSim.Remove-RgRegistryKey {
    # Deletes the key and every key below it; a missing key is fine.
    param([string]$Hive, [string]$SubKey, [int]$View = 64)
    Add-RgSimCall -Seam 'Remove-RgRegistryKey' -Arguments ([ordered]@{ Hive = $Hive; SubKey = $SubKey; View = $View })
    $path = ConvertTo-RgSimKey -Hive $Hive -SubKey $SubKey -View $View
    $gone = @($global:RgSim.Registry.Keys | Where-Object -FilterScript { [string]::Equals($_, $path, [System.StringComparison]::OrdinalIgnoreCase) -or $_.StartsWith($path + '\', [System.StringComparison]::OrdinalIgnoreCase) })
    foreach ($key in $gone) { Assert-RgSimAccess -Path $key -Access 'Write' }
    foreach ($key in $gone) { $global:RgSim.Registry.Remove($key) }
}

function RgSim.Get-RgUtcNow {
    param()
    Add-RgSimCall -Seam 'Get-RgUtcNow' -Arguments ([ordered]@{})
    $global:RgSim.Clock
}

function RgSim.Get-RgPlatform {
    param()
    Add-RgSimCall -Seam 'Get-RgPlatform' -Arguments ([ordered]@{})
    [pscustomobject]@{
        Is64BitOperatingSystem = [bool]$global:RgSim.Platform.Is64BitOperatingSystem
        Is64BitProcess         = [bool]$global:RgSim.Platform.Is64BitProcess
        SystemRoot             = [string]$global:RgSim.Platform.SystemRoot
    }
}

function RgSim.Test-RgFile {
    # A profile's file may start with %LOCALAPPDATA% and the like: expanded as the script sees them in this run.
    param([string]$Path)
    Add-RgSimCall -Seam 'Test-RgFile' -Arguments ([ordered]@{ Path = $Path })
    foreach ($file in @($global:RgSim.Files.Keys)) {
        if ([string]::Equals([System.Environment]::ExpandEnvironmentVariables([string]$file), $Path, [System.StringComparison]::OrdinalIgnoreCase)) {
            return $true
        }
    }
    $false
}

function Get-RgSimRunning {
    # The processes running now: those whose At has come on the simulated clock and whose Until has not.
    @($global:RgSim.Processes | Where-Object -FilterScript { $_.At -le $global:RgSim.Clock -and $global:RgSim.Clock -lt $_.Until })
}

function RgSim.Get-RgProcess {
    # The profile's processes of that name (case-insensitive) running now in the script's session (1), or
    # in any session with -AnySession.
    param([string]$Name, [switch]$AnySession)
    $arguments = [ordered]@{ Name = $Name }
    if ($AnySession) { $arguments.AnySession = $true }
    Add-RgSimCall -Seam 'Get-RgProcess' -Arguments $arguments
    foreach ($process in @(Get-RgSimRunning)) {
        if ([string]::Equals([string]$process.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase) -and ($AnySession -or [int]$process.Session -eq 1)) {
            [pscustomobject]@{ Id = [int]$process.Id; Path = [string]$process.Path; SessionId = [int]$process.Session }
        }
    }
}

function RgSim.Stop-RgProcess {
    # Ends the process with that id; one already gone is not an error (as the real seam).
    param([int]$Id)
    Add-RgSimCall -Seam 'Stop-RgProcess' -Arguments ([ordered]@{ Id = $Id })
    foreach ($process in @($global:RgSim.Processes | Where-Object -FilterScript { [int]$_.Id -eq $Id })) {
        if ($process['StopError']) {
            throw [System.ComponentModel.Win32Exception]::new(5, [string]$process.StopError)
        }
        $null = $global:RgSim.Processes.Remove($process)
    }
}

function RgSim.Start-RgProcess {
    # What the profile's program does when started: ends processes, brings others up (perhaps later), writes values.
    param([string]$FilePath, [string[]]$ArgumentList = @())
    Add-RgSimCall -Seam 'Start-RgProcess' -Arguments ([ordered]@{ FilePath = $FilePath; ArgumentList = @($ArgumentList) })
    $leaf = [System.IO.Path]::GetFileName($FilePath.Replace('\', '/'))
    $wanted = (@($leaf) + @($ArgumentList)) -join ' '
    foreach ($program in $global:RgSim.Programs) {
        $known = (@([System.IO.Path]::GetFileName(([string]$program.FilePath).Replace('\', '/'))) + @(foreach ($RgSimItem in $program['ArgumentList']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) -join ' '
        if (-not [string]::Equals($known, $wanted, [System.StringComparison]::OrdinalIgnoreCase)) {
            continue
        }
        if ($program['StartError']) {
            throw [System.ComponentModel.Win32Exception]::new(5, [string]$program.StartError)
        }
        foreach ($name in @(foreach ($RgSimItem in $program['Stops']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
            foreach ($process in @($global:RgSim.Processes | Where-Object -FilterScript { [string]::Equals([string]$_.Name, [string]$name, [System.StringComparison]::OrdinalIgnoreCase) })) {
                $null = $global:RgSim.Processes.Remove($process)
            }
        }
        $global:RgSim.NextProcessId += 4
        $id = $global:RgSim.NextProcessId
        $own = [System.IO.Path]::GetFileNameWithoutExtension($leaf)
        if ($program['Runs']) {
            $null = New-RgSimProcess -Name $own -Path $FilePath -Id $id
        }
        elseif ([int]$program['RunsForSeconds'] -gt 0) {
            $null = New-RgSimProcess -Name $own -Path $FilePath -Id $id -Until $global:RgSim.Clock.AddSeconds([double]$program.RunsForSeconds)
        }
        foreach ($start in @(foreach ($RgSimItem in $program['Starts']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
            $path = [string]$start.Path
            if (-not $path) { $path = $FilePath }
            $null = New-RgSimProcess -Name ([string]$start.Name) -Path $path -At $global:RgSim.Clock.AddSeconds([double]$start.AfterSeconds)
        }
        foreach ($entry in @(foreach ($RgSimItem in $program['Writes']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
            $values = Add-RgSimKey -Path $entry.Path
            $values[$entry.Name] = @{ Kind = $entry.Kind; Value = ConvertTo-RgSimData -Kind $entry.Kind -Value $entry.Value }
        }
        return [pscustomobject]@{ Id = $id }
    }
    # What Process.Start says on the device for a program that is not there.
    throw [System.ComponentModel.Win32Exception]::new(2, 'The system cannot find the file specified (' + $wanted + ')')
}

function RgSim.Wait-RgSeconds {
    # Returns at once and moves the simulated clock instead (Get-RgUtcNow reads it).
    param([int]$Seconds)
    Add-RgSimCall -Seam 'Wait-RgSeconds' -Arguments ([ordered]@{ Seconds = $Seconds })
    $global:RgSim.Clock = $global:RgSim.Clock.AddSeconds($Seconds)
}

function Find-RgSimEndpoint {
    # The profile's endpoints for a host (case-insensitive), optionally on one port.
    param([string]$HostName, [int]$Port = -1)
    @($global:RgSim.Endpoints | Where-Object -FilterScript {
            [string]::Equals([string]$_.HostName, $HostName, [System.StringComparison]::OrdinalIgnoreCase) -and ($Port -lt 0 -or [int]$_.Port -eq $Port)
        })
}

function Resolve-RgSimHostName {
    # A host the profile lists resolves (to its Addresses, 192.0.2.10 by default); any other does not.
    param([string]$HostName)
    $known = @(Find-RgSimEndpoint -HostName $HostName)
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Resolved = $false; Addresses = [string[]]@(); Error = 'No such host is known' }
    }
    $addresses = [string[]]@(foreach ($RgSimItem in $known[0]['Addresses']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
    if ($addresses.Count -eq 0) { $addresses = [string[]]@('192.0.2.10') }
    [pscustomobject]@{ Resolved = $true; Addresses = $addresses; Error = '' }
}

function RgSim.Resolve-RgHostNameList {
    # Each name resolves as the profile's endpoints say; results in order with their HostName.
    param([string[]]$HostName, [int]$TimeoutMilliseconds = 5000)
    Add-RgSimCall -Seam 'Resolve-RgHostNameList' -Arguments ([ordered]@{ HostName = [string[]]@($HostName); TimeoutMilliseconds = $TimeoutMilliseconds })
    foreach ($name in @($HostName)) {
        $result = Resolve-RgSimHostName -HostName ([string]$name)
        [pscustomobject]@{ HostName = [string]$name; Resolved = $result.Resolved; Addresses = $result.Addresses; Error = $result.Error }
    }
}

function RgSim.Test-RgTcpEndpoint {
    # Reachable as the profile says; an unlisted host does not resolve, an unlisted port refuses.
    param([string]$HostName, [int]$Port, [int]$TimeoutMilliseconds = 3000)
    Add-RgSimCall -Seam 'Test-RgTcpEndpoint' -Arguments ([ordered]@{ HostName = $HostName; Port = $Port; TimeoutMilliseconds = $TimeoutMilliseconds })
    if (@(Find-RgSimEndpoint -HostName $HostName).Count -eq 0) {
        return [pscustomobject]@{ Reachable = $false; Error = 'No such host is known' }
    }
    $known = @(Find-RgSimEndpoint -HostName $HostName -Port $Port)
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Reachable = $false; Error = 'No connection could be made because the target machine actively refused it' }
    }
    if ($known[0].Reachable) {
        return [pscustomobject]@{ Reachable = $true; Error = '' }
    }
    $reason = [string]$known[0]['Error']
    if (-not $reason) { $reason = 'timed out after ' + $TimeoutMilliseconds + ' ms' }
    [pscustomobject]@{ Reachable = $false; Error = $reason }
}

function RgSim.Test-RgTcpEndpointList {
    # The list seam: one Test-RgTcpEndpoint per endpoint (each recorded), results in order.
    param([object[]]$Endpoint)
    Add-RgSimCall -Seam 'Test-RgTcpEndpointList' -Arguments ([ordered]@{ Endpoint = @($Endpoint | ForEach-Object -Process { [string]$_.HostName + ':' + $_.Port }) })
    foreach ($target in $Endpoint) {
        $result = RgSim.Test-RgTcpEndpoint -HostName ([string]$target.HostName) -Port ([int]$target.Port) -TimeoutMilliseconds ([int]$target.TimeoutMilliseconds)
        [pscustomobject]@{ HostName = [string]$target.HostName; Port = [int]$target.Port; Reachable = $result.Reachable; Error = $result.Error }
    }
}

function RgSim.Start-RgScheduledTask {
    # A task the profile lists starts (the call is recorded), unless it has a StartError; any other does not exist.
    param([string]$TaskPath, [string]$TaskName)
    Add-RgSimCall -Seam 'Start-RgScheduledTask' -Arguments ([ordered]@{ TaskPath = $TaskPath; TaskName = $TaskName })
    $known = @($global:RgSim.ScheduledTasks | Where-Object -FilterScript {
            [string]::Equals([string]$_.Path, $TaskPath, [System.StringComparison]::OrdinalIgnoreCase) -and
            [string]::Equals([string]$_.Name, $TaskName, [System.StringComparison]::OrdinalIgnoreCase)
        })
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Started = $false; Error = 'The system cannot find the file specified.' }
    }
    if ($known[0]['StartError']) {
        return [pscustomobject]@{ Started = $false; Error = [string]$known[0].StartError }
    }
    if ([string]$known[0]['State'] -eq 'Disabled') {
        return [pscustomobject]@{ Started = $false; Error = 'The task is disabled. (Exception from HRESULT: 0x80041326)' }
    }
    # A run started now: Task Scheduler's last run time is the start, its result the profile's RunResult.
    $known[0]['LastRunTime'] = $global:RgSim.Clock.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
    $known[0]['LastTaskResult'] = [long]$known[0]['RunResult']
    Invoke-RgSimEffect -Effects $known[0]['Effects']
    [pscustomobject]@{ Started = $true; Error = '' }
}

function Find-RgSimTask {
    # The profile's task at that folder and name (case-insensitive); its ReadError (access denied) throws.
    param([string]$TaskPath, [string]$TaskName)
    $known = @($global:RgSim.ScheduledTasks | Where-Object -FilterScript {
            [string]::Equals([string]$_.Path, $TaskPath, [System.StringComparison]::OrdinalIgnoreCase) -and
            [string]::Equals([string]$_.Name, $TaskName, [System.StringComparison]::OrdinalIgnoreCase)
        })
    if ($known.Count -gt 0 -and $known[0]['ReadError']) {
        throw [System.UnauthorizedAccessException]::new([string]$known[0].ReadError)
    }
    $known
}

function RgSim.Get-RgScheduledTask {
    # A listed task with its state and last run; any other is not registered.
    param([string]$TaskPath, [string]$TaskName)
    Add-RgSimCall -Seam 'Get-RgScheduledTask' -Arguments ([ordered]@{ TaskPath = $TaskPath; TaskName = $TaskName })
    $known = @(Find-RgSimTask -TaskPath $TaskPath -TaskName $TaskName)
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Exists = $false; State = ''; LastRunUtc = $null; LastTaskResult = [long]0 }
    }
    $state = [string]$known[0]['State']
    if (-not $state) { $state = 'Ready' }
    $lastRun = $null
    if ($known[0]['LastRunTime']) { $lastRun = ConvertFrom-RgSimUtc -Text ([string]$known[0].LastRunTime) }
    [pscustomobject]@{ Exists = $true; State = $state; LastRunUtc = $lastRun; LastTaskResult = [long]$known[0]['LastTaskResult'] }
}

function RgSim.Set-RgScheduledTaskEnabled {
    # Enables (Ready) or disables a listed task; one not listed throws as Enable-ScheduledTask does.
    param([string]$TaskPath, [string]$TaskName, [bool]$Enabled)
    Add-RgSimCall -Seam 'Set-RgScheduledTaskEnabled' -Arguments ([ordered]@{ TaskPath = $TaskPath; TaskName = $TaskName; Enabled = $Enabled })
    $known = @(Find-RgSimTask -TaskPath $TaskPath -TaskName $TaskName)
    if ($known.Count -eq 0) {
        throw [System.IO.FileNotFoundException]::new('The system cannot find the file specified.')
    }
    if ($Enabled) { $known[0]['State'] = 'Ready' } else { $known[0]['State'] = 'Disabled' }
}

function RgSim.Get-RgHttpDate {
    # The profile's Date for the URI (case-insensitive, trailing / ignored); later calls answer with Then.
    param([string]$Uri, [int]$TimeoutMilliseconds = 10000)
    Add-RgSimCall -Seam 'Get-RgHttpDate' -Arguments ([ordered]@{ Uri = $Uri; TimeoutMilliseconds = $TimeoutMilliseconds })
    $known = @($global:RgSim.HttpDates | Where-Object -FilterScript {
            [string]::Equals(([string]$_.Uri).TrimEnd('/'), $Uri.TrimEnd('/'), [System.StringComparison]::OrdinalIgnoreCase)
        })
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Date = $null; Error = "The remote name could not be resolved: '" + ([uri]$Uri).Host + "'" }
    }
    $answer = $known[0]
    $later = @(foreach ($RgSimItem in $answer['Then']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
    $calls = [int]$answer['Calls']
    $answer['Calls'] = $calls + 1
    if ($calls -gt 0 -and $later.Count -gt 0) {
        $answer = $later[[System.Math]::Min($calls, $later.Count) - 1]
    }
    if ([string]::IsNullOrEmpty([string]$answer.Date)) {
        $reason = [string]$answer.Error
        if (-not $reason) { $reason = 'The operation has timed out' }
        return [pscustomobject]@{ Date = $null; Error = $reason }
    }
    $date = ConvertFrom-RgSimUtc -Text ([string]$answer.Date)
    [pscustomobject]@{ Date = $date; Error = '' }
}

function Find-RgSimService {
    param([string]$Name)
    @($global:RgSim.Services | Where-Object -FilterScript { [string]::Equals([string]$_.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase) })
}

function RgSim.Get-RgService {
    # A service the profile lists, with its status, start type and delayed start; any other is not installed.
    # Its ReadError (access denied) throws.
    param([string]$Name)
    Add-RgSimCall -Seam 'Get-RgService' -Arguments ([ordered]@{ Name = $Name })
    $known = @(Find-RgSimService -Name $Name)
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Exists = $false; Status = ''; StartType = ''; DelayedAutoStart = $false }
    }
    if ($known[0]['ReadError']) {
        throw [System.InvalidOperationException]::new("Cannot open " + $Name + " service on computer '.'. " + [string]$known[0].ReadError)
    }
    $startType = [string]$known[0].StartType
    [pscustomobject]@{ Exists = $true; Status = [string]$known[0].Status; StartType = $startType; DelayedAutoStart = ([bool]$known[0]['DelayedAutoStart'] -and $startType -eq 'Automatic') }
}

function RgSim.Stop-RgService {
    # Stops a listed service (its status becomes Stopped), unless the profile says it fails.
    param([string]$Name, [int]$TimeoutSeconds = 30)
    Add-RgSimCall -Seam 'Stop-RgService' -Arguments ([ordered]@{ Name = $Name; TimeoutSeconds = $TimeoutSeconds })
    $known = @(Find-RgSimService -Name $Name)
    if ($known.Count -eq 0) {
        throw [System.InvalidOperationException]::new("Service '" + $Name + "' was not found on computer '.'.")
    }
    if ($known[0]['StopError']) {
        throw [System.InvalidOperationException]::new([string]$known[0].StopError)
    }
    $known[0].Status = 'Stopped'
}

function RgSim.Start-RgService {
    # Starts a listed service (its status becomes Running, its Effects happen), unless it is disabled or the
    # profile says it fails.
    param([string]$Name, [int]$TimeoutSeconds = 30)
    Add-RgSimCall -Seam 'Start-RgService' -Arguments ([ordered]@{ Name = $Name; TimeoutSeconds = $TimeoutSeconds })
    $known = @(Find-RgSimService -Name $Name)
    if ($known.Count -eq 0) {
        throw [System.InvalidOperationException]::new("Service '" + $Name + "' was not found on computer '.'.")
    }
    if ([string]$known[0].StartType -eq 'Disabled') {
        throw [System.InvalidOperationException]::new("Cannot start service " + $Name + " on computer '.'. The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.")
    }
    if ($known[0]['StartError']) {
        throw [System.InvalidOperationException]::new([string]$known[0].StartError)
    }
    if ([string]$known[0].Status -ne 'Running') {
        Invoke-RgSimEffect -Effects $known[0]['Effects']
    }
    $known[0].Status = 'Running'
}

function Get-RgSimCommandLine {
    # A native command's identity: its file name (no folder) and its arguments.
    param([object]$Command)
    (@([System.IO.Path]::GetFileName(([string]$Command.FilePath).Replace('\', '/'))) + @(foreach ($RgSimItem in $Command['ArgumentList']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) -join ' '
}

function Invoke-RgSimEffect {
    # What running a command or starting a task changes on the device: endpoints replaced by host, native
    # commands by command line (they answer differently from now on), servers' dates by URI, the clock set,
    # registry keys removed.
    param([System.Collections.IDictionary]$Effects)
    if (-not $Effects) { return }
    foreach ($effect in @(foreach ($RgSimItem in $Effects['Endpoints']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
        $global:RgSim.Endpoints = @($global:RgSim.Endpoints | Where-Object -FilterScript {
                -not [string]::Equals([string]$_.HostName, [string]$effect.HostName, [System.StringComparison]::OrdinalIgnoreCase)
            }) + @($effect)
    }
    foreach ($effect in @(foreach ($RgSimItem in $Effects['Commands']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
        $line = Get-RgSimCommandLine -Command $effect
        $global:RgSim.Commands = @($global:RgSim.Commands | Where-Object -FilterScript { (Get-RgSimCommandLine -Command $_) -ne $line }) + @($effect)
    }
    foreach ($effect in @(foreach ($RgSimItem in $Effects['HttpDates']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
        $global:RgSim.HttpDates = @($global:RgSim.HttpDates | Where-Object -FilterScript {
                -not [string]::Equals(([string]$_.Uri).TrimEnd('/'), ([string]$effect.Uri).TrimEnd('/'), [System.StringComparison]::OrdinalIgnoreCase)
            }) + @($effect)
    }
    if ($Effects['Clock']) {
        $global:RgSim.Clock = ConvertFrom-RgSimUtc -Text ([string]$Effects['Clock'])
    }
    foreach ($gone in @(foreach ($RgSimItem in $Effects['RemovesKeys']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
        # A key deleted with its subkeys (an uninstaller removing its uninstall entry).
        foreach ($key in @($global:RgSim.Registry.Keys)) {
            if ([string]::Equals($key, $gone, [System.StringComparison]::OrdinalIgnoreCase) -or $key.StartsWith($gone + '\', [System.StringComparison]::OrdinalIgnoreCase)) {
                $global:RgSim.Registry.Remove($key)
            }
        }
    }
}

function RgSim.Get-RgTlsCipherSuite {
    # The profile's cipher suite order; no TLS module (before Windows 10) when it says Available false.
    param()
    Add-RgSimCall -Seam 'Get-RgTlsCipherSuite' -Arguments ([ordered]@{})
    $suites = $global:RgSim.CipherSuites
    if (-not $suites.Available) {
        return [pscustomobject]@{ Available = $false; Names = [string[]]@(); Error = 'Get-TlsCipherSuite is not available on this Windows (needs Windows 10)' }
    }
    if ($suites.ReadError) {
        return [pscustomobject]@{ Available = $true; Names = [string[]]@(); Error = $suites.ReadError }
    }
    [pscustomobject]@{ Available = $true; Names = [string[]]$suites.Order.ToArray(); Error = '' }
}

function RgSim.Enable-RgTlsCipherSuite {
    # Enables a suite at a position: an enabled one moves there, a new one is inserted (at the end when the
    # position is past it), as the order then reads.
    param([string]$Name, [int]$Position)
    Add-RgSimCall -Seam 'Enable-RgTlsCipherSuite' -Arguments ([ordered]@{ Name = $Name; Position = $Position })
    $suites = $global:RgSim.CipherSuites
    if (-not $suites.Available) {
        throw [System.Management.Automation.CommandNotFoundException]::new("The term 'Enable-TlsCipherSuite' is not recognized as the name of a cmdlet, function, script file, or operable program.")
    }
    if ($suites.EnableError) {
        throw [System.InvalidOperationException]::new($suites.EnableError)
    }
    $at = -1
    for ($index = 0; $index -lt $suites.Order.Count; $index++) {
        if ([string]::Equals($suites.Order[$index], $Name, [System.StringComparison]::OrdinalIgnoreCase)) { $at = $index }
    }
    if ($at -ge 0) { $suites.Order.RemoveAt($at) }
    $suites.Order.Insert([System.Math]::Min($Position, $suites.Order.Count), $Name)
}

function RgSim.Set-RgServiceStartType {
    # Sets a listed service's start type; one not listed is not installed.
    param([string]$Name, [string]$StartType)
    Add-RgSimCall -Seam 'Set-RgServiceStartType' -Arguments ([ordered]@{ Name = $Name; StartType = $StartType })
    $known = @(Find-RgSimService -Name $Name)
    if ($known.Count -eq 0) {
        throw [System.InvalidOperationException]::new("Service '" + $Name + "' was not found on computer '.'.")
    }
    if ($StartType -eq 'AutomaticDelayed') {
        $known[0].StartType = 'Automatic'
        $known[0]['DelayedAutoStart'] = $true
        return
    }
    $known[0].StartType = $StartType
    $known[0]['DelayedAutoStart'] = $false
}

# --- files and folders (the file seams), from the profile's FileSystem ---------------------------------------

function Find-RgSimFile {
    # The profile's item at that path (its %VARIABLE%s expanded as in this run), compared case-insensitively.
    param([string]$Path)
    @($global:RgSim.FileSystem | Where-Object -FilterScript {
            [string]::Equals([System.Environment]::ExpandEnvironmentVariables([string]$_.Path), $Path, [System.StringComparison]::OrdinalIgnoreCase)
        })
}

function Assert-RgSimFileAccess {
    param([object[]]$Known, [string]$Access)
    if ($Known.Count -gt 0 -and $Access -eq 'Read' -and $Known[0]['ReadError']) {
        throw [System.UnauthorizedAccessException]::new([string]$Known[0].ReadError)
    }
    if ($Known.Count -gt 0 -and $Access -eq 'Write' -and $Known[0]['WriteError']) {
        throw [System.IO.IOException]::new([string]$Known[0].WriteError)
    }
}

function Get-RgSimFileBytes {
    param([System.Collections.IDictionary]$Item)
    , [System.Text.Encoding]::UTF8.GetBytes([string]$Item['Content'])
}

function ConvertTo-RgSimStoredPath {
    # A path kept as the profile writes it: the per-run folders (%ProgramData%, %LOCALAPPDATA%, %APPDATA%) as
    # variables, so a later run (with other folders) finds it.
    param([string]$Path)
    foreach ($name in @('LOCALAPPDATA', 'APPDATA', 'ProgramData')) {
        $root = [System.Environment]::GetEnvironmentVariable($name)
        if ($root -and $Path.StartsWith($root + '\', [System.StringComparison]::OrdinalIgnoreCase)) { return '%' + $name + '%' + $Path.Substring($root.Length) }
    }
    $Path
}

function Set-RgSimFile {
    # Creates or replaces the item at Path (a new file written now).
    param([string]$Path, [string]$Content, [System.Collections.IDictionary]$Json = $null)
    $stored = ConvertTo-RgSimStoredPath -Path $Path
    foreach ($old in @(Find-RgSimFile -Path $Path)) {
        $global:RgSim.FileSystem = @($global:RgSim.FileSystem | Where-Object -FilterScript { -not [object]::ReferenceEquals($_, $old) })
    }
    $item = [ordered]@{ Path = $stored; Folder = $false; Content = $Content; HasJson = $null -ne $Json; Json = $Json; Length = -1; ReadError = ''; WriteError = ''
        LastWriteTime = $global:RgSim.Clock.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
    $global:RgSim.FileSystem = @($global:RgSim.FileSystem) + @($item)
    $item
}

function RgSim.Get-RgFileItem {
    param([string]$Path)
    Add-RgSimCall -Seam 'Get-RgFileItem' -Arguments ([ordered]@{ Path = $Path })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Read'
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Exists = $false; IsFolder = $false; Length = [long]0; LastWriteTimeUtc = $null }
    }
    $item = $known[0]
    $length = [long]$item['Length']
    if ($length -lt 0) { $length = [System.Text.Encoding]::UTF8.GetByteCount([string]$item['Content']) }
    $written = $global:RgSim.Clock
    if ($item['LastWriteTime']) { $written = ConvertFrom-RgSimUtc -Text ([string]$item.LastWriteTime) }
    [pscustomobject]@{ Exists = $true; IsFolder = [bool]$item['Folder']; Length = $length; LastWriteTimeUtc = $written }
}

function RgSim.Get-RgFileHash {
    # The SHA-256 of the item's content as UTF-8, computed for real.
    param([string]$Path)
    Add-RgSimCall -Seam 'Get-RgFileHash' -Arguments ([ordered]@{ Path = $Path })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Read'
    if ($known.Count -eq 0) { throw [System.IO.FileNotFoundException]::new("Could not find file '" + $Path + "'.") }
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { [System.BitConverter]::ToString($sha.ComputeHash([byte[]](Get-RgSimFileBytes -Item $known[0]))).Replace('-', '') }
    finally { $sha.Dispose() }
}

function ConvertTo-RgSimJson {
    # A scalar as compact JSON text, as ConvertTo-Json -Compress writes it.
    param([object]$Value)
    if ($Value -is [bool]) { if ($Value) { return 'true' } else { return 'false' } }
    if ($Value -is [string]) { return '"' + $Value.Replace('\', '\\').Replace('"', '\"') + '"' }
    if ($Value -is [System.Collections.IDictionary]) { return '{...}' }
    [string]::Format([System.Globalization.CultureInfo]::InvariantCulture, '{0}', $Value)
}

function RgSim.Get-RgJsonProperty {
    param([string]$Path, [string]$Property)
    Add-RgSimCall -Seam 'Get-RgJsonProperty' -Arguments ([ordered]@{ Path = $Path; Property = $Property })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Read'
    if ($known.Count -eq 0) { return [pscustomobject]@{ FileExists = $false; Exists = $false; Json = '' } }
    if (-not $known[0]['HasJson']) { throw [System.ArgumentException]::new('Invalid JSON primitive: ' + [string]$known[0]['Content']) }
    $node = $known[0].Json
    foreach ($name in $Property.Split('.')) {
        if ($node -isnot [System.Collections.IDictionary] -or -not $node.Contains($name)) {
            return [pscustomobject]@{ FileExists = $true; Exists = $false; Json = '' }
        }
        $node = $node[$name]
    }
    [pscustomobject]@{ FileExists = $true; Exists = $true; Json = (ConvertTo-RgSimJson -Value $node) }
}

function RgSim.Set-RgJsonProperty {
    param([string]$Path, [string]$Property, [string]$Json)
    Add-RgSimCall -Seam 'Set-RgJsonProperty' -Arguments ([ordered]@{ Path = $Path; Property = $Property; Json = $Json })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Write'
    $root = [ordered]@{}
    if ($known.Count -gt 0 -and $known[0]['HasJson']) { $root = $known[0].Json }
    $names = $Property.Split('.')
    $node = $root
    for ($index = 0; $index -lt $names.Count - 1; $index++) {
        if (-not $node.Contains($names[$index]) -or $node[$names[$index]] -isnot [System.Collections.IDictionary]) { $node[$names[$index]] = [ordered]@{} }
        $node = $node[$names[$index]]
    }
    $value = $null
    if ($Json.StartsWith('"')) { $value = $Json.Substring(1, $Json.Length - 2).Replace('\"', '"').Replace('\\', '\') }
    elseif ($Json -eq 'true' -or $Json -eq 'false') { $value = $Json -eq 'true' }
    else { $value = [double]::Parse($Json, [System.Globalization.CultureInfo]::InvariantCulture) }
    $node[$names[-1]] = $value
    $null = Set-RgSimFile -Path $Path -Content '' -Json $root
}

function RgSim.Write-RgFileText {
    param([string]$Path, [string]$Text)
    Add-RgSimCall -Seam 'Write-RgFileText' -Arguments ([ordered]@{ Path = $Path; Text = $Text })
    Assert-RgSimFileAccess -Known @(Find-RgSimFile -Path $Path) -Access 'Write'
    $null = Set-RgSimFile -Path $Path -Content $Text
}

function RgSim.Remove-RgFileItem {
    param([string]$Path)
    Add-RgSimCall -Seam 'Remove-RgFileItem' -Arguments ([ordered]@{ Path = $Path })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Write'
    foreach ($old in $known) {
        $global:RgSim.FileSystem = @($global:RgSim.FileSystem | Where-Object -FilterScript { -not [object]::ReferenceEquals($_, $old) })
    }
}

function RgSim.Save-RgDownload {
    # An https:// source answers as the profile's Downloads say (an unlisted one does not resolve); a path is copied.
    param([string]$Source, [string]$Path)
    Add-RgSimCall -Seam 'Save-RgDownload' -Arguments ([ordered]@{ Source = $Source; Path = $Path })
    $known = @($global:RgSim.Downloads | Where-Object -FilterScript { [string]::Equals([string]$_.Source, $Source, [System.StringComparison]::OrdinalIgnoreCase) })
    if ($known.Count -gt 0) {
        if ($known[0]['Error']) { throw [System.Net.WebException]::new([string]$known[0].Error) }
        $null = Set-RgSimFile -Path $Path -Content ([string]$known[0]['Content'])
        return
    }
    if ($Source.StartsWith('https://', [System.StringComparison]::OrdinalIgnoreCase)) {
        throw [System.Net.WebException]::new("The remote name could not be resolved: '" + ([uri]$Source).Host + "'")
    }
    $from = @(Find-RgSimFile -Path $Source)
    Assert-RgSimFileAccess -Known $from -Access 'Read'
    if ($from.Count -eq 0) { throw [System.IO.FileNotFoundException]::new("Could not find file '" + $Source + "'.") }
    $null = Set-RgSimFile -Path $Path -Content ([string]$from[0]['Content'])
}

function RgSim.Move-RgFile {
    param([string]$Path, [string]$Destination)
    Add-RgSimCall -Seam 'Move-RgFile' -Arguments ([ordered]@{ Path = $Path; Destination = $Destination })
    $from = @(Find-RgSimFile -Path $Path)
    if ($from.Count -eq 0) { throw [System.IO.FileNotFoundException]::new("Could not find file '" + $Path + "'.") }
    Assert-RgSimFileAccess -Known @(Find-RgSimFile -Path $Destination) -Access 'Write'
    $null = Set-RgSimFile -Path $Destination -Content ([string]$from[0]['Content'])
    RgSim.Remove-RgFileItem -Path $Path
    $null = $global:RgSim.Calls.RemoveAt($global:RgSim.Calls.Count - 1)
}

function RgSim.Get-RgTextFile {
    # The item's Content split into lines as the real seam splits them; its Encoding as the profile gives it,
    # else as the bytes would tell: utf8 with a non-ASCII character, ansi without one.
    param([string]$Path)
    Add-RgSimCall -Seam 'Get-RgTextFile' -Arguments ([ordered]@{ Path = $Path })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Read'
    if ($known.Count -eq 0 -or $known[0]['Folder']) {
        return [pscustomobject]@{ Exists = $false; Lines = [string[]]@(); Encoding = ''; NewLine = "`r`n"; FinalNewLine = $true }
    }
    $text = [string]$known[0]['Content']
    $encoding = [string]$known[0]['Encoding']
    if (-not $encoding) {
        $encoding = 'ansi'
        if ($text -match '[^\x00-\x7F]') { $encoding = 'utf8' }
    }
    $newLine = "`r`n"
    $first = $text.IndexOf("`n")
    if ($first -ge 0 -and ($first -eq 0 -or $text[$first - 1] -ne "`r")) { $newLine = "`n" }
    $final = $text.EndsWith("`n") -or $text.Length -eq 0
    $lines = [string[]]@()
    if ($text.Length -gt 0) {
        $lines = [string[]]([regex]::Split($text, '\r?\n'))
        if ($final) { $lines = [string[]]($lines[0..($lines.Count - 2)]) }
    }
    [pscustomobject]@{ Exists = $true; Lines = $lines; Encoding = $encoding; NewLine = $newLine; FinalNewLine = $final }
}

function RgSim.Write-RgTextFile {
    # The lines joined as the real seam joins them become the item's Content; the encoding is kept on the item.
    param([string]$Path, [string[]]$Lines, [string]$Encoding, [string]$NewLine, [switch]$FinalNewLine)
    Add-RgSimCall -Seam 'Write-RgTextFile' -Arguments ([ordered]@{ Path = $Path; Lines = @($Lines); Encoding = $Encoding; NewLine = $NewLine; FinalNewLine = [bool]$FinalNewLine })
    Assert-RgSimFileAccess -Known @(Find-RgSimFile -Path $Path) -Access 'Write'
    $text = @($Lines) -join $NewLine
    if ($FinalNewLine -and @($Lines).Count -gt 0) { $text += $NewLine }
    $item = Set-RgSimFile -Path $Path -Content $text
    $item['Encoding'] = $Encoding
}

function RgSim.Get-RgSpecialFolder {
    # The profile's specialFolders, else where Windows puts them for the user ada.
    param([string]$Name)
    Add-RgSimCall -Seam 'Get-RgSpecialFolder' -Arguments ([ordered]@{ Name = $Name })
    $folders = @{ CommonDesktopDirectory = 'C:\Users\Public\Desktop'; DesktopDirectory = 'C:\Users\ada\Desktop' }
    if ($global:RgSim.SpecialFolders.Contains($Name)) { return [string]$global:RgSim.SpecialFolders[$Name] }
    $folders[$Name]
}

function RgSim.Get-RgShortcut {
    # The fileSystem item's shortcut as WScript.Shell reads it back: the target expanded, the icon as 'path,index'.
    param([string]$Path)
    Add-RgSimCall -Seam 'Get-RgShortcut' -Arguments ([ordered]@{ Path = $Path })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Read'
    if ($known.Count -eq 0) {
        return [pscustomobject]@{ Exists = $false; TargetPath = ''; Arguments = ''; WorkingDirectory = ''; IconLocation = ''; Description = '' }
    }
    $link = $known[0]['Shortcut']
    if ($null -eq $link -or -not $known[0]['HasShortcut']) { $link = @{} }
    $icon = [System.Environment]::ExpandEnvironmentVariables([string]$link['IconLocation'])
    if ($icon -notmatch ',-?\d+$') { $icon += ',0' }
    [pscustomobject]@{
        Exists = $true; TargetPath = [System.Environment]::ExpandEnvironmentVariables([string]$link['TargetPath']); Arguments = [string]$link['Arguments']
        WorkingDirectory = [System.Environment]::ExpandEnvironmentVariables([string]$link['WorkingDirectory']); IconLocation = $icon; Description = [string]$link['Description']
    }
}

function RgSim.Set-RgShortcut {
    # Saves the shortcut into the item (created when missing); properties given empty keep the old ones, as CreateShortcut on an existing file does.
    param([string]$Path, [string]$TargetPath, [string]$Arguments = '', [string]$WorkingDirectory = '', [string]$IconLocation = '', [string]$Description = '')
    Add-RgSimCall -Seam 'Set-RgShortcut' -Arguments ([ordered]@{ Path = $Path; TargetPath = $TargetPath; Arguments = $Arguments; WorkingDirectory = $WorkingDirectory; IconLocation = $IconLocation; Description = $Description })
    $known = @(Find-RgSimFile -Path $Path)
    Assert-RgSimFileAccess -Known $known -Access 'Write'
    $link = [ordered]@{ TargetPath = ''; Arguments = ''; WorkingDirectory = ''; IconLocation = ''; Description = '' }
    if ($known.Count -gt 0 -and $known[0]['HasShortcut']) {
        foreach ($name in @($link.Keys)) { $link[$name] = [string]$known[0].Shortcut[$name] }
    }
    # Paths under the per-run folders are kept as variables, as the item's own path is, so a later run finds them.
    $link.TargetPath = ConvertTo-RgSimStoredPath -Path $TargetPath
    $link.Arguments = $Arguments
    if ($WorkingDirectory) { $link.WorkingDirectory = ConvertTo-RgSimStoredPath -Path $WorkingDirectory }
    if ($IconLocation) { $link.IconLocation = ConvertTo-RgSimStoredPath -Path $IconLocation }
    if ($Description) { $link.Description = $Description }
    $item = Set-RgSimFile -Path $Path -Content ''
    $item['HasShortcut'] = $true
    $item['Shortcut'] = $link
}

function Get-RgSimExpanded {
    param([object]$Item)
    [System.Environment]::ExpandEnvironmentVariables([string]$Item.Path)
}

function RgSim.Get-RgFolderFiles {
    # The profile's files below the folder (not folders), none below a folder marked as a reparse point; a
    # folder exists when the profile lists it or a file below it. A ReadError on the folder throws.
    param([string]$Path)
    Add-RgSimCall -Seam 'Get-RgFolderFiles' -Arguments ([ordered]@{ Path = $Path })
    $folder = $Path.TrimEnd('\')
    Assert-RgSimFileAccess -Known @(Find-RgSimFile -Path $folder) -Access 'Read'
    $prefix = $folder + '\'
    $below = @($global:RgSim.FileSystem | Where-Object -FilterScript { (Get-RgSimExpanded -Item $_).StartsWith($prefix, [System.StringComparison]::OrdinalIgnoreCase) })
    if ($below.Count -eq 0 -and @(Find-RgSimFile -Path $folder).Count -eq 0) {
        return [pscustomobject]@{ Exists = $false; Files = @() }
    }
    $links = @($below | Where-Object -FilterScript { $_['Folder'] -and $_['ReparsePoint'] } | ForEach-Object -Process { (Get-RgSimExpanded -Item $_) + '\' })
    $files = foreach ($item in $below) {
        $full = Get-RgSimExpanded -Item $item
        if ($item['Folder'] -or @($links | Where-Object -FilterScript { $full.StartsWith($_, [System.StringComparison]::OrdinalIgnoreCase) }).Count -gt 0) { continue }
        $length = [long]$item['Length']
        if ($length -lt 0) { $length = [System.Text.Encoding]::UTF8.GetByteCount([string]$item['Content']) }
        $written = $global:RgSim.Clock
        if ($item['LastWriteTime']) { $written = ConvertFrom-RgSimUtc -Text ([string]$item.LastWriteTime) }
        [pscustomobject]@{ Path = $full; Name = [System.IO.Path]::GetFileName($full); Length = $length; LastWriteTimeUtc = $written }
    }
    [pscustomobject]@{ Exists = $true; Files = @($files) }
}

function RgSim.Remove-RgFolder {
    # Deletes the folder's items and everything below it; a WriteError on any of them throws first.
    param([string]$Path)
    Add-RgSimCall -Seam 'Remove-RgFolder' -Arguments ([ordered]@{ Path = $Path })
    $folder = $Path.TrimEnd('\')
    $gone = @($global:RgSim.FileSystem | Where-Object -FilterScript { $full = Get-RgSimExpanded -Item $_; [string]::Equals($full, $folder, [System.StringComparison]::OrdinalIgnoreCase) -or $full.StartsWith($folder + '\', [System.StringComparison]::OrdinalIgnoreCase) })
    foreach ($item in $gone) { Assert-RgSimFileAccess -Known @($item) -Access 'Write' }
    $global:RgSim.FileSystem = @($global:RgSim.FileSystem | Where-Object -FilterScript { $gone -notcontains $_ })
}

function RgSim.Move-RgFolder {
    # Renames the folder: its items and everything below move to the destination; a WriteError (in use) throws.
    param([string]$Path, [string]$Destination)
    Add-RgSimCall -Seam 'Move-RgFolder' -Arguments ([ordered]@{ Path = $Path; Destination = $Destination })
    $folder = $Path.TrimEnd('\')
    $moving = @($global:RgSim.FileSystem | Where-Object -FilterScript { $full = Get-RgSimExpanded -Item $_; [string]::Equals($full, $folder, [System.StringComparison]::OrdinalIgnoreCase) -or $full.StartsWith($folder + '\', [System.StringComparison]::OrdinalIgnoreCase) })
    if ($moving.Count -eq 0) { throw [System.IO.DirectoryNotFoundException]::new("Could not find a part of the path '" + $Path + "'.") }
    foreach ($item in $moving) { Assert-RgSimFileAccess -Known @($item) -Access 'Write' }
    foreach ($item in $moving) { $item['Path'] = ConvertTo-RgSimStoredPath -Path ($Destination + (Get-RgSimExpanded -Item $item).Substring($folder.Length)) }
}

# --- AppX packages (the appx seams), from the profile's AppxPackages ---------------------------------------

function Get-RgSimAppxFullName {
    param([object]$Package)
    [string]$Package.Name + '_' + [string]$Package.Version + '_x64__' + [string]$Package.PublisherId
}

function RgSim.Get-RgAppxPackage {
    # The profile's packages matching the name (Get-AppxPackage's wildcards) installed for the user, or for any user with -AllUsers.
    param([string]$Name, [switch]$AllUsers)
    $arguments = [ordered]@{ Name = $Name }
    if ($AllUsers) { $arguments.AllUsers = $true }
    Add-RgSimCall -Seam 'Get-RgAppxPackage' -Arguments $arguments
    foreach ($package in @($global:RgSim.AppxPackages)) {
        $here = [bool]$package.CurrentUser -or ($AllUsers -and [bool]$package.OtherUsers)
        if ($here -and [string]$package.Name -like $Name) {
            [pscustomobject]@{ Name = [string]$package.Name; PackageFamilyName = [string]$package.Name + '_' + [string]$package.PublisherId; PackageFullName = Get-RgSimAppxFullName -Package $package; Version = [string]$package.Version }
        }
    }
}

function RgSim.Get-RgAppxProvisionedPackage {
    param()
    Add-RgSimCall -Seam 'Get-RgAppxProvisionedPackage' -Arguments ([ordered]@{})
    foreach ($package in @($global:RgSim.AppxPackages | Where-Object -FilterScript { $_.Provisioned })) {
        [pscustomobject]@{ DisplayName = [string]$package.Name; PackageName = [string]$package.Name + '_' + [string]$package.Version + '_neutral_~_' + [string]$package.PublisherId; Version = [string]$package.Version }
    }
}

function RgSim.Remove-RgAppxPackage {
    # Removes the package for the user, or for every user with -AllUsers; its RemoveError throws.
    param([string]$PackageFullName, [switch]$AllUsers)
    $arguments = [ordered]@{ PackageFullName = $PackageFullName }
    if ($AllUsers) { $arguments.AllUsers = $true }
    Add-RgSimCall -Seam 'Remove-RgAppxPackage' -Arguments $arguments
    foreach ($package in @($global:RgSim.AppxPackages | Where-Object -FilterScript { (Get-RgSimAppxFullName -Package $_) -eq $PackageFullName })) {
        if ($package.RemoveError) { throw [System.UnauthorizedAccessException]::new([string]$package.RemoveError) }
        $package.CurrentUser = $false
        if ($AllUsers) { $package.OtherUsers = $false }
    }
}

function RgSim.Remove-RgAppxProvisionedPackage {
    param([string]$PackageName)
    Add-RgSimCall -Seam 'Remove-RgAppxProvisionedPackage' -Arguments ([ordered]@{ PackageName = $PackageName })
    foreach ($package in @($global:RgSim.AppxPackages | Where-Object -FilterScript { $PackageName.StartsWith([string]$_.Name + '_') })) {
        if ($package.RemoveError) { throw [System.UnauthorizedAccessException]::new([string]$package.RemoveError) }
        $package.Provisioned = $false
    }
}

# --- Windows optional features and capabilities (the features seams), from the profile's WindowsFeatures ----

function RgSim.Get-RgWindowsFeature {
    # The profile's features (or capabilities) whose name matches, with their state.
    param([string]$Kind, [string]$Name)
    Add-RgSimCall -Seam 'Get-RgWindowsFeature' -Arguments ([ordered]@{ Kind = $Kind; Name = $Name })
    foreach ($feature in @($global:RgSim.WindowsFeatures | Where-Object -FilterScript { [string]$_.Kind -eq $Kind -and [string]$_.Name -like $Name })) {
        [pscustomobject]@{ Name = [string]$feature.Name; State = [string]$feature.State }
    }
}

function RgSim.Set-RgWindowsFeature {
    # Changes a listed feature's state (to its pending form when the profile says a restart finishes it); its
    # SetError throws (e.g. the source files could not be found).
    param([string]$Kind, [string]$Name, [string]$State, [string]$Source = '', [switch]$LimitAccess)
    Add-RgSimCall -Seam 'Set-RgWindowsFeature' -Arguments ([ordered]@{ Kind = $Kind; Name = $Name; State = $State; Source = $Source; LimitAccess = [bool]$LimitAccess })
    $known = @($global:RgSim.WindowsFeatures | Where-Object -FilterScript { [string]$_.Kind -eq $Kind -and [string]::Equals([string]$_.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase) })
    if ($known.Count -eq 0) {
        throw [System.Runtime.InteropServices.COMException]::new('Feature name ' + $Name + ' is unknown.', -2146498548)
    }
    $feature = $known[0]
    if ($feature['SetError']) {
        throw [System.Runtime.InteropServices.COMException]::new([string]$feature.SetError)
    }
    $restart = [bool]$feature['RestartNeeded']
    $new = @{
        'OptionalFeature/Enabled' = @('Enabled', 'EnablePending'); 'OptionalFeature/Disabled' = @('Disabled', 'DisablePending')
        'OptionalFeature/Absent' = @('DisabledWithPayloadRemoved', 'DisabledWithPayloadRemoved'); 'Capability/Enabled' = @('Installed', 'InstallPending')
        'Capability/Absent' = @('NotPresent', 'UninstallPending')
    }[$Kind + '/' + $State]
    $feature.State = $new[[int]$restart]
    [pscustomobject]@{ RestartNeeded = $restart }
}

# --- local users and groups (the accounts seams), from the profile's LocalUsers, LocalGroups, Accounts -------

function Find-RgSimLocalUser {
    param([string]$Sid)
    @($global:RgSim.LocalUsers | Where-Object -FilterScript { [string]::Equals([string]$_.Sid, $Sid, [System.StringComparison]::OrdinalIgnoreCase) })
}

function RgSim.Get-RgLocalUser {
    # Every local user of the profile.
    param()
    Add-RgSimCall -Seam 'Get-RgLocalUser' -Arguments ([ordered]@{})
    foreach ($user in @($global:RgSim.LocalUsers)) {
        [pscustomobject]@{ Name = [string]$user.Name; Sid = [string]$user.Sid; Enabled = [bool]$user.Enabled }
    }
}

function RgSim.Set-RgLocalUserEnabled {
    param([string]$Sid, [bool]$Enabled)
    Add-RgSimCall -Seam 'Set-RgLocalUserEnabled' -Arguments ([ordered]@{ Sid = $Sid; Enabled = $Enabled })
    $known = @(Find-RgSimLocalUser -Sid $Sid)
    if ($known.Count -eq 0) { throw [System.InvalidOperationException]::new('User ' + $Sid + ' was not found.') }
    if ($known[0]['WriteError']) { throw [System.UnauthorizedAccessException]::new([string]$known[0].WriteError) }
    $known[0].Enabled = $Enabled
}

function RgSim.Remove-RgLocalUser {
    param([string]$Sid)
    Add-RgSimCall -Seam 'Remove-RgLocalUser' -Arguments ([ordered]@{ Sid = $Sid })
    $known = @(Find-RgSimLocalUser -Sid $Sid)
    if ($known.Count -eq 0) { throw [System.InvalidOperationException]::new('User ' + $Sid + ' was not found.') }
    if ($known[0]['WriteError']) { throw [System.UnauthorizedAccessException]::new([string]$known[0].WriteError) }
    $global:RgSim.LocalUsers = @($global:RgSim.LocalUsers | Where-Object -FilterScript { $_.Sid -ne $Sid })
}

function Find-RgSimLocalGroup {
    # A group of the profile by SID or by its name in this device's language.
    param([string]$Group)
    @($global:RgSim.LocalGroups | Where-Object -FilterScript {
            [string]::Equals([string]$_.Sid, $Group, [System.StringComparison]::OrdinalIgnoreCase) -or [string]::Equals([string]$_.Name, $Group, [System.StringComparison]::OrdinalIgnoreCase)
        })
}

function Resolve-RgSimAccount {
    # What NTAccount.Translate would answer on this device: the profile's Accounts (domain and Entra names), its
    # local users (name or <computer>\name) and groups; '' when the name does not resolve.
    param([string]$Name)
    $leaf = $Name.Substring($Name.IndexOf('\') + 1)
    foreach ($account in @($global:RgSim.Accounts)) {
        if ([string]::Equals([string]$account.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$account.Sid }
    }
    $local = $Name.IndexOf('\') -lt 0 -or $Name.StartsWith('.\') -or $Name.StartsWith($env:COMPUTERNAME + '\', [System.StringComparison]::OrdinalIgnoreCase)
    foreach ($user in @($global:RgSim.LocalUsers)) {
        if ($local -and [string]::Equals([string]$user.Name, $leaf, [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$user.Sid }
    }
    foreach ($group in @($global:RgSim.LocalGroups)) {
        if ([string]::Equals([string]$group.Name, $leaf, [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$group.Sid }
    }
    ''
}

function Get-RgSimAccountName {
    # The name Windows shows for a SID, '' when it no longer resolves (an orphaned account).
    param([string]$Sid)
    foreach ($account in @($global:RgSim.Accounts)) { if ([string]::Equals([string]$account.Sid, $Sid, [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$account.Name } }
    foreach ($user in @($global:RgSim.LocalUsers)) { if ([string]::Equals([string]$user.Sid, $Sid, [System.StringComparison]::OrdinalIgnoreCase)) { return [string]$user.Name } }
    ''
}

function RgSim.Resolve-RgAccountSid {
    param([string]$Name)
    Add-RgSimCall -Seam 'Resolve-RgAccountSid' -Arguments ([ordered]@{ Name = $Name })
    $sid = Resolve-RgSimAccount -Name $Name
    if ($sid) { return [pscustomobject]@{ Resolved = $true; Sid = $sid; Error = '' } }
    [pscustomobject]@{ Resolved = $false; Sid = ''; Error = 'Some or all identity references could not be translated.' }
}

function RgSim.Get-RgLocalGroup {
    # A profile group with its members as ADSI lists them: a member whose SID no longer resolves has the SID as its name.
    param([string]$Group)
    Add-RgSimCall -Seam 'Get-RgLocalGroup' -Arguments ([ordered]@{ Group = $Group })
    $known = @(Find-RgSimLocalGroup -Group $Group)
    if ($known.Count -eq 0) { return [pscustomobject]@{ Exists = $false; Name = ''; Sid = ''; Members = @() } }
    $entry = $known[0]
    if ($entry['ReadError']) { throw [System.UnauthorizedAccessException]::new([string]$entry.ReadError) }
    $members = foreach ($member in @(foreach ($RgSimItem in $entry['Members']) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
        $name = [string]$member['Name']
        if (-not $name) { $name = Get-RgSimAccountName -Sid ([string]$member.Sid) }
        if (-not $name) { $name = [string]$member.Sid }
        [pscustomobject]@{ Sid = [string]$member.Sid; Name = $name; Path = 'WinNT://' + [string]$member.Sid }
    }
    [pscustomobject]@{ Exists = $true; Name = [string]$entry.Name; Sid = [string]$entry.Sid; Members = @($members) }
}

function RgSim.Add-RgLocalGroupMember {
    # A SID is added as it is; a name as net.exe would: resolved on the device, else net.exe's exit 2.
    param([string]$Group, [string]$Member)
    Add-RgSimCall -Seam 'Add-RgLocalGroupMember' -Arguments ([ordered]@{ Group = $Group; Member = $Member })
    $known = @(Find-RgSimLocalGroup -Group $Group)
    if ($known.Count -eq 0) { throw [System.Runtime.InteropServices.COMException]::new('The specified local group does not exist.') }
    if ($known[0]['WriteError']) { throw [System.UnauthorizedAccessException]::new([string]$known[0].WriteError) }
    $sid = $Member
    if ($Member -notmatch '^S-1-') {
        $sid = Resolve-RgSimAccount -Name $Member
        if (-not $sid) { throw ('net.exe localgroup ' + $Group + ' ' + $Member + ' /add exited with 2: There is no such global user or group: ' + $Member + '.') }
    }
    $known[0].Members = @(@(foreach ($RgSimItem in $known[0]['Members']) { if ($null -ne $RgSimItem) { , $RgSimItem } }) + @(@{ Sid = $sid; Name = '' }))
}

function RgSim.Remove-RgLocalGroupMember {
    param([string]$Group, [string]$Sid)
    Add-RgSimCall -Seam 'Remove-RgLocalGroupMember' -Arguments ([ordered]@{ Group = $Group; Sid = $Sid })
    $known = @(Find-RgSimLocalGroup -Group $Group)
    if ($known.Count -eq 0) { throw [System.Runtime.InteropServices.COMException]::new('The specified local group does not exist.') }
    if ($known[0]['WriteError']) { throw [System.UnauthorizedAccessException]::new([string]$known[0].WriteError) }
    $known[0].Members = @($known[0]['Members'] | Where-Object -FilterScript { $null -ne $_ -and -not [string]::Equals([string]$_.Sid, $Sid, [System.StringComparison]::OrdinalIgnoreCase) })
}

# --- Microsoft Defender (the defender seams), from the profile's Defender ------------------------------------

function Get-RgSimDefender {
    # The one Defender of the device (kept as a one-item list so it is carried like the other pieces); $null when it
    # does not answer (another antivirus has it off), which the seams report as Running false.
    if ($global:RgSim.Defender.Count -eq 0 -or -not $global:RgSim.Defender[0].Available) { return $null }
    $global:RgSim.Defender[0]
}

function RgSim.Get-RgMpPreference {
    param([string[]]$Name)
    Add-RgSimCall -Seam 'Get-RgMpPreference' -Arguments ([ordered]@{ Name = [string[]]@($Name) })
    $defender = Get-RgSimDefender
    if ($null -eq $defender) { return [pscustomobject]@{ Running = $false; Values = @{} } }
    if ($defender['ReadError']) { throw [System.UnauthorizedAccessException]::new([string]$defender.ReadError) }
    $values = @{}
    foreach ($item in $Name) {
        $values[$item] = $null
        if ($defender.Preferences.Contains($item)) { $values[$item] = [int]$defender.Preferences[$item] }
    }
    [pscustomobject]@{ Running = $true; Values = $values }
}

function RgSim.Set-RgMpPreference {
    # Sets a preference, unless tamper protection protects it or a policy holds it: then nothing changes and no
    # error is raised, as on a device.
    param([string]$Name, [int]$Value)
    Add-RgSimCall -Seam 'Set-RgMpPreference' -Arguments ([ordered]@{ Name = $Name; Value = $Value })
    $defender = Get-RgSimDefender
    if ($null -eq $defender) { throw [System.Runtime.InteropServices.COMException]::new('A general error occurred that is not covered by a more specific error code. (HRESULT 0x800106ba)') }
    if ($defender['SetError']) { throw [System.UnauthorizedAccessException]::new([string]$defender.SetError) }
    $protected = @('DisableRealtimeMonitoring', 'DisableBehaviorMonitoring', 'DisableIOAVProtection', 'DisableScriptScanning', 'DisableBlockAtFirstSeen', 'MAPSReporting')
    if (($defender.TamperProtected -and $protected -contains $Name) -or @($defender['HeldByPolicy']) -contains $Name) { return }
    $defender.Preferences[$Name] = $Value
}

function RgSim.Get-RgMpComputerStatus {
    param()
    Add-RgSimCall -Seam 'Get-RgMpComputerStatus' -Arguments ([ordered]@{})
    $defender = Get-RgSimDefender
    if ($null -eq $defender) {
        return [pscustomobject]@{ Running = $false; RealTimeProtectionEnabled = $false; AntivirusEnabled = $false; AntivirusSignatureAge = 0; AntivirusSignatureLastUpdated = $null; AMRunningMode = 'Not running'; IsTamperProtected = '' }
    }
    $age = [int]$defender.SignatureAgeDays
    $tamper = ''
    if ($defender.ReportsTamperProtection) { $tamper = [string][bool]$defender.TamperProtected }
    # A passive Defender still reports its protections on (docs/reference/windows-admin.md 1.3).
    [pscustomobject]@{
        Running                       = $true
        RealTimeProtectionEnabled     = ([int]$defender.Preferences['DisableRealtimeMonitoring'] -eq 0 -and [string]$defender.RunningMode -ne 'Not running')
        AntivirusEnabled              = ([string]$defender.RunningMode -ne 'Not running')
        AntivirusSignatureAge         = $age
        AntivirusSignatureLastUpdated = $global:RgSim.Clock.AddDays(-$age)
        AMRunningMode                 = [string]$defender.RunningMode
        IsTamperProtected             = $tamper
    }
}

function RgSim.Update-RgMpSignature {
    # Fresh signatures (age 0), unless the profile says the update fails or returns without updating.
    param([string]$UpdateSource = '')
    Add-RgSimCall -Seam 'Update-RgMpSignature' -Arguments ([ordered]@{ UpdateSource = $UpdateSource })
    $defender = Get-RgSimDefender
    if ($null -eq $defender) { throw [System.Runtime.InteropServices.COMException]::new('A general error occurred that is not covered by a more specific error code. (HRESULT 0x800106ba)') }
    if ($defender['UpdateError']) { throw [System.Runtime.InteropServices.COMException]::new([string]$defender.UpdateError) }
    if ($defender.UpdateTakes) { $defender.SignatureAgeDays = 0 }
}

# --- users' hives (the profile seams), from the profile's UserHives: NTUSER.DAT files not loaded -------------

function Find-RgSimHive {
    param([string]$File)
    @($global:RgSim.UserHives | Where-Object -FilterScript { [string]::Equals([string]$_.File, $File, [System.StringComparison]::OrdinalIgnoreCase) })
}

function RgSim.Mount-RgUserHive {
    # reg load HKU\<Name> <Path>: the hive file's values appear under HKU\<Name>; a LoadError or a missing file throws.
    param([string]$Name, [string]$Path)
    Add-RgSimCall -Seam 'Mount-RgUserHive' -Arguments ([ordered]@{ Name = $Name; Path = $Path })
    $hive = @(Find-RgSimHive -File $Path)
    if ($hive.Count -eq 0) { throw ('reg load of ' + $Path + ' failed (exit 1): ERROR: The system cannot find the file specified.') }
    if ($hive[0].LoadError) { throw ('reg load of ' + $Path + ' failed (exit 1): ' + [string]$hive[0].LoadError) }
    if ($global:RgSim.Registry.Contains('HKU\' + $Name)) { throw ('reg load of ' + $Path + ' failed (exit 1): ERROR: HKU\' + $Name + ' is already loaded.') }
    $null = Add-RgSimKey -Path ('HKU\' + $Name)
    foreach ($entry in @(foreach ($RgSimItem in $hive[0].Registry) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
        $values = Add-RgSimKey -Path ('HKU\' + $Name + '\' + $entry.Path)
        $values[$entry.Name] = @{ Kind = $entry.Kind; Value = ConvertTo-RgSimData -Kind $entry.Kind -Value $entry.Value }
    }
    $hive[0].Mounted = $Name
}

function RgSim.Dismount-RgUserHive {
    # reg unload HKU\<Name>: the values under it go back into the hive file, as written; an UnloadError throws and leaves it loaded.
    param([string]$Name)
    Add-RgSimCall -Seam 'Dismount-RgUserHive' -Arguments ([ordered]@{ Name = $Name })
    $hive = @($global:RgSim.UserHives | Where-Object -FilterScript { $_.Mounted -eq $Name })
    if ($hive.Count -eq 0) { throw ('reg unload of HKU\' + $Name + ' failed (exit 1): ERROR: The parameter is incorrect.') }
    if ($hive[0].UnloadError) { throw ('reg unload of HKU\' + $Name + ' failed (exit 1): ' + [string]$hive[0].UnloadError) }
    $root = 'HKU\' + $Name
    $entries = foreach ($key in @($global:RgSim.Registry.Keys)) {
        if ($key -eq $root -or $key.StartsWith($root + '\', [System.StringComparison]::OrdinalIgnoreCase)) {
            foreach ($valueName in @($global:RgSim.Registry[$key].Keys)) {
                $value = $global:RgSim.Registry[$key][$valueName]
                [ordered]@{ Path = $key.Substring([System.Math]::Min($key.Length, $root.Length + 1)); Name = $valueName; Kind = $value.Kind; Value = $value.Value }
            }
        }
    }
    foreach ($key in @($global:RgSim.Registry.Keys | Where-Object -FilterScript { $_ -eq $root -or $_.StartsWith($root + '\', [System.StringComparison]::OrdinalIgnoreCase) })) {
        $global:RgSim.Registry.Remove($key)
    }
    $hive[0].Registry = @($entries)
    $hive[0].Mounted = ''
}

function RgSim.Unsimulated {
    # The stand-in for a command a script step declared unsimulated: recorded, then failed.
    $name = $MyInvocation.InvocationName
    Add-RgSimCall -Seam 'Unsimulated' -Arguments ([ordered]@{ Name = $name; Arguments = [string[]]@($args | ForEach-Object -Process { [string]$_ }) })
    throw [System.Management.Automation.CommandNotFoundException]::new($name + ' is not simulated: the step declared it outside remgen''s seams, so this result is not the device''s')
}

function Invoke-RgSimScript {
    # Runs a script the way powershell.exe -File would, inside this harness: stdout lines, stderr records.
    param([string]$Path, [System.Collections.IDictionary]$Parameters)
    $outer = $global:RgSim.Script
    $global:RgSim.Script = [System.IO.Path]::GetFileName($Path)
    $records = [System.Collections.Generic.List[object]]::new()
    $global:LASTEXITCODE = 0
    $exitCode = 0
    try {
        & $Path @Parameters *>&1 | ForEach-Object -Process { $records.Add($_) }
        $exitCode = $global:LASTEXITCODE
    }
    catch {
        # What powershell.exe -File does with an error that ends the script: stderr, exit code 1.
        $records.Add($_)
        $exitCode = 1
    }
    finally {
        $global:RgSim.Script = $outer
    }
    $result = [ordered]@{ ExitCode = $exitCode; Output = @(); Errors = @(); Warnings = @(); Information = @(); Verbose = @() }
    foreach ($record in $records) {
        if ($record -is [System.Management.Automation.ErrorRecord]) {
            $result.Errors += [ordered]@{ Message = $record.Exception.Message; ErrorId = [string]$record.FullyQualifiedErrorId; Position = $record.InvocationInfo.PositionMessage }
        }
        elseif ($record -is [System.Management.Automation.WarningRecord]) { $result.Warnings += $record.Message }
        elseif ($record -is [System.Management.Automation.VerboseRecord]) { $result.Verbose += $record.Message }
        elseif ($record -is [System.Management.Automation.DebugRecord]) { $result.Verbose += ('DEBUG: ' + $record.Message) }
        elseif ($record -is [System.Management.Automation.InformationRecord]) { $result.Information += [string]$record.MessageData }
        else { $result.Output += [string]$record }
    }
    $result
}

function RgSim.Invoke-RgNativeCommand {
    param([string]$FilePath, [string[]]$ArgumentList = @(), [int]$TimeoutSeconds = 600)
    Add-RgSimCall -Seam 'Invoke-RgNativeCommand' -Arguments ([ordered]@{ FilePath = $FilePath; ArgumentList = $ArgumentList; TimeoutSeconds = $TimeoutSeconds })
    $leaf = [System.IO.Path]::GetFileName($FilePath.Replace('\', '/'))
    if ($FilePath -match '\\Sysnative\\WindowsPowerShell\\v1\.0\\powershell\.exe$') {
        # The 64-bit relaunch: run the same script again, now as a 64-bit process on the same device.
        $index = [array]::IndexOf($ArgumentList, '-File')
        $parameters = @{}
        for ($next = $index + 2; $next -lt $ArgumentList.Count; $next++) {
            $switch = $ArgumentList[$next]
            if ($switch -match '^-([A-Za-z]+)(:\$false)?$') { $parameters[$Matches[1]] = -not $Matches[2] }
        }
        $global:RgSim.Platform.Is64BitProcess = $true
        try {
            $child = Invoke-RgSimScript -Path $ArgumentList[$index + 1] -Parameters $parameters
        }
        finally {
            $global:RgSim.Platform.Is64BitProcess = $false
        }
        foreach ($record in $child.Errors) {
            Write-RgLog -Message ($FilePath + ' wrote to stderr: ' + $record.Message) -Severity Warning
        }
        return [pscustomobject]@{ ExitCode = [int]$child.ExitCode; Output = [string[]]$child.Output; TimedOut = $false }
    }
    $wanted = (@($leaf) + $ArgumentList) -join ' '
    foreach ($command in $global:RgSim.Commands) {
        if ((Get-RgSimCommandLine -Command $command) -eq $wanted) {
            if ($command['Stderr']) {
                Write-RgLog -Message ($FilePath + ' wrote to stderr: ' + (@($command.Stderr) -join ' ')) -Severity Warning
            }
            if ($command['TimedOut']) {
                return [pscustomobject]@{ ExitCode = -1; Output = [string[]]@(); TimedOut = $true }
            }
            Invoke-RgSimEffect -Effects $command['Effects']
            # A command that answers differently on later calls (the device changed in between).
            $answer = $command
            $later = @(foreach ($RgSimItem in $command['Then']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
            $calls = [int]$command['Calls']
            $command['Calls'] = $calls + 1
            if ($calls -gt 0 -and $later.Count -gt 0) {
                $answer = $later[[System.Math]::Min($calls, $later.Count) - 1]
            }
            return [pscustomobject]@{ ExitCode = [int]$answer.ExitCode; Output = [string[]]@(foreach ($RgSimItem in $answer['Output']) { if ($null -ne $RgSimItem) { , $RgSimItem } }); TimedOut = $false }
        }
    }
    # What Process.Start says on the device for a program that is not there.
    throw [System.ComponentModel.Win32Exception]::new(2, 'The system cannot find the file specified (' + $wanted + ')')
}

# --- TLS chains and proxies (tlsInspection; Get-RgProxyRoute) ---------------------------------------------

$global:RgSim.TlsChains = @(foreach ($RgSimItem in $device['TlsChains']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.Proxies = @(foreach ($RgSimItem in $device['Proxies']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
$global:RgSim.WebProxy = $device['WebProxy']

function RgSim.Get-RgTlsChain {
    # Through a proxy: the profile's Proxies answer CONNECT first (an unlisted one refuses); then the endpoint's
    # chain as the profile lists it for this proxy (an entry naming it wins over one for any route).
    param([string]$HostName, [int]$Port = 443, [string]$Proxy = '', [int]$TimeoutMilliseconds = 10000)
    Add-RgSimCall -Seam 'Get-RgTlsChain' -Arguments ([ordered]@{ HostName = $HostName; Port = $Port; Proxy = $Proxy; TimeoutMilliseconds = $TimeoutMilliseconds })
    $result = [ordered]@{ HostName = $HostName; Port = $Port; Proxy = $Proxy; ProxyStatus = 0; Chain = @(); PolicyErrors = ''; Error = ''; TimedOut = $false }
    if ($Proxy) {
        $server = @($global:RgSim.Proxies | Where-Object -FilterScript { [string]::Equals([string]$_.Address, $Proxy, [System.StringComparison]::OrdinalIgnoreCase) })
        if ($server.Count -eq 0) {
            $result.Error = 'No connection could be made because the target machine actively refused it'
            return [pscustomobject]$result
        }
        if ($server[0].TimesOut) {
            $result.TimedOut = $true
            $result.Error = 'the proxy ' + $Proxy + ' did not answer CONNECT within ' + $TimeoutMilliseconds + ' ms'
            return [pscustomobject]$result
        }
        $result.ProxyStatus = [int]$server[0].Status
        if ($result.ProxyStatus -lt 200 -or $result.ProxyStatus -gt 299) {
            $result.Error = 'the proxy ' + $Proxy + ' answered CONNECT with ' + $result.ProxyStatus + ' ' + [string]$server[0].Reason
            return [pscustomobject]$result
        }
    }
    $known = @($global:RgSim.TlsChains | Where-Object -FilterScript {
            [string]::Equals([string]$_.HostName, $HostName, [System.StringComparison]::OrdinalIgnoreCase) -and [int]$_.Port -eq $Port -and
            (-not $_.Proxy -or [string]::Equals([string]$_.Proxy, $Proxy, [System.StringComparison]::OrdinalIgnoreCase))
        } | Sort-RgSimByProxy)
    if ($known.Count -eq 0) {
        $result.Error = 'No such host is known'
        return [pscustomobject]$result
    }
    $entry = $known[0]
    if ($entry.TimesOut) {
        $result.TimedOut = $true
        $result.Error = 'no TLS answer within ' + $TimeoutMilliseconds + ' ms'
        return [pscustomobject]$result
    }
    if ($entry.Error -and @($entry.Chain).Count -eq 0) {
        $result.Error = [string]$entry.Error
        return [pscustomobject]$result
    }
    $result.PolicyErrors = [string]$entry.PolicyErrors
    $result.Chain = @(foreach ($item in @(foreach ($RgSimItem in $entry.Chain) { if ($null -ne $RgSimItem) { , $RgSimItem } })) {
            [pscustomobject]@{ Subject = [string]$item.Subject; Issuer = [string]$item.Issuer; Thumbprint = [string]$item.Thumbprint }
        })
    [pscustomobject]$result
}

function Sort-RgSimByProxy {
    # Entries that name a proxy first (they are more specific than one for any route).
    param([Parameter(ValueFromPipeline = $true)][object]$InputObject)
    begin { $named = @(); $any = @() }
    process { if ($InputObject.Proxy) { $named += $InputObject } else { $any += $InputObject } }
    end { $named + $any }
}

function RgSim.Get-RgSystemWebProxy {
    # The signed-in user's Internet Options as GetSystemWebProxy applies them: the profile's WebProxy, its bypass list with '*' wildcards.
    param([string[]]$Uri)
    Add-RgSimCall -Seam 'Get-RgSystemWebProxy' -Arguments ([ordered]@{ Uri = [string[]]@($Uri) })
    foreach ($text in @($Uri)) {
        $hostName = ([System.Uri]$text).Host
        $proxy = ''
        $bypassed = $true
        if ($null -ne $global:RgSim.WebProxy -and $global:RgSim.WebProxy['Proxy']) {
            $bypassed = @($global:RgSim.WebProxy['Bypass'] | Where-Object -FilterScript { $_ -and $hostName -like [string]$_ }).Count -gt 0
            if (-not $bypassed) { $proxy = [string]$global:RgSim.WebProxy.Proxy }
        }
        [pscustomobject]@{ Uri = $text; Proxy = $proxy; Bypassed = $bypassed; Error = '' }
    }
}

# --- device health (deviceUptime, driveFreeSpace) --------------------------------------------------------

$global:RgSim.LastBootTime = $global:RgSim.Clock.AddDays(-1)
if ($device['LastBootTime']) { $global:RgSim.LastBootTime = ConvertFrom-RgSimUtc -Text ([string]$device.LastBootTime) }
$global:RgSim.Drives = @(foreach ($RgSimItem in $device['Drives']) { if ($null -ne $RgSimItem) { , $RgSimItem } })

function RgSim.Get-RgLastBootTime {
    # The profile's last boot (a day before its clock by default), UTC.
    param()
    Add-RgSimCall -Seam 'Get-RgLastBootTime' -Arguments ([ordered]@{})
    $global:RgSim.LastBootTime
}

function RgSim.Get-RgDriveSpace {
    # The profile's drive of that letter; one not listed does not exist.
    param([string]$Drive)
    Add-RgSimCall -Seam 'Get-RgDriveSpace' -Arguments ([ordered]@{ Drive = $Drive })
    foreach ($entry in $global:RgSim.Drives) {
        if ([string]::Equals(([string]$entry.Name).TrimEnd('\'), $Drive.TrimEnd('\'), [System.StringComparison]::OrdinalIgnoreCase)) {
            if ($entry['ReadError']) { throw [System.UnauthorizedAccessException]::new([string]$entry.ReadError) }
            return [pscustomobject]@{ Exists = $true; Ready = [bool]$entry.Ready; TotalBytes = [long]$entry.TotalBytes; FreeBytes = [long]$entry.FreeBytes }
        }
    }
    [pscustomobject]@{ Exists = $false; Ready = $false; TotalBytes = [long]0; FreeBytes = [long]0 }
}

# --- certificate stores (certificate, certificateRemove), from the profile's Certificates ------------------

$global:RgSim.Certificates = @(foreach ($RgSimItem in $device['Certificates']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
if ($device.Contains('Carried') -and $device.Carried.Contains('Certificates')) {
    $global:RgSim.Certificates = @(foreach ($RgSimItem in $device.Carried['Certificates']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
}
$RgSimCarried += @('Certificates')

function RgSim.Get-RgCertificate {
    # The profile's certificates of that location and store; a store none of them is in and no StoreExists names does not exist.
    param([string]$Location, [string]$StoreName)
    Add-RgSimCall -Seam 'Get-RgCertificate' -Arguments ([ordered]@{ Location = $Location; StoreName = $StoreName })
    $inStore = @($global:RgSim.Certificates | Where-Object -FilterScript {
            [string]::Equals([string]$_.Location, $Location, [System.StringComparison]::OrdinalIgnoreCase) -and [string]::Equals([string]$_.Store, $StoreName, [System.StringComparison]::OrdinalIgnoreCase)
        })
    foreach ($cert in $inStore) {
        if ($cert['ReadError']) { throw [System.Security.Cryptography.CryptographicException]::new([string]$cert.ReadError) }
    }
    $known = @('My', 'Root', 'CA', 'TrustedPeople', 'TrustedPublisher', 'AuthRoot', 'Disallowed') -contains $StoreName
    $list = foreach ($cert in @($inStore | Where-Object -FilterScript { $_.Thumbprint })) {
        [pscustomobject]@{
            Thumbprint = [string]$cert.Thumbprint; Subject = [string]$cert.Subject; Issuer = [string]$cert.Issuer
            NotBeforeUtc = ConvertFrom-RgSimUtc -Text ([string]$cert.NotBefore); NotAfterUtc = ConvertFrom-RgSimUtc -Text ([string]$cert.NotAfter)
            TemplateName = [string]$cert.TemplateName; TemplateOid = [string]$cert.TemplateOid; HasPrivateKey = [bool]$cert.HasPrivateKey
        }
    }
    [pscustomobject]@{ Exists = ($known -or $inStore.Count -gt 0); Certificates = @($list) }
}

function RgSim.Remove-RgCertificate {
    # Removes the profile's certificate of that thumbprint from the store, or throws its RemoveError; one not there is not an error.
    param([string]$Location, [string]$StoreName, [string]$Thumbprint)
    Add-RgSimCall -Seam 'Remove-RgCertificate' -Arguments ([ordered]@{ Location = $Location; StoreName = $StoreName; Thumbprint = $Thumbprint })
    $kept = foreach ($cert in $global:RgSim.Certificates) {
        $same = [string]::Equals([string]$cert.Location, $Location, [System.StringComparison]::OrdinalIgnoreCase) -and
            [string]::Equals([string]$cert.Store, $StoreName, [System.StringComparison]::OrdinalIgnoreCase) -and
            [string]::Equals([string]$cert.Thumbprint, $Thumbprint, [System.StringComparison]::OrdinalIgnoreCase)
        if ($same -and $cert['RemoveError']) { throw [System.Security.Cryptography.CryptographicException]::new([string]$cert.RemoveError) }
        if ($same -and $cert['Stays']) { $cert; continue }
        if (-not $same) { $cert }
    }
    $global:RgSim.Certificates = @($kept)
}

# --- toasts (restartNotice), from the profile's Notifications; the toasts shown are carried --------------

$global:RgSim.Notifications = @{ Shown = $true; ShowError = ''; HistoryError = '' }
if ($device['Notifications']) {
    foreach ($name in @($device.Notifications.Keys)) { $global:RgSim.Notifications[$name] = $device.Notifications[$name] }
}
$global:RgSim.Toasts = @()
if ($device.Contains('Carried') -and $device.Carried.Contains('Toasts')) {
    $global:RgSim.Toasts = @(foreach ($RgSimItem in $device.Carried['Toasts']) { if ($null -ne $RgSimItem) { , $RgSimItem } })
}
$RgSimCarried += @('Toasts')

function RgSim.Show-RgToast {
    # The toast reaches the user's notifications unless the profile says notices do not show (dropped silently, as Windows does) or fail.
    param([string]$AppId, [string]$Xml, [string]$Tag)
    Add-RgSimCall -Seam 'Show-RgToast' -Arguments ([ordered]@{ AppId = $AppId; Xml = $Xml; Tag = $Tag })
    if ($global:RgSim.Notifications.ShowError) { throw [System.Runtime.InteropServices.COMException]::new([string]$global:RgSim.Notifications.ShowError) }
    $null = [xml]$Xml
    if (-not $global:RgSim.Notifications.Shown) { return }
    $global:RgSim.Toasts = @(@($global:RgSim.Toasts | Where-Object -FilterScript { -not ($_.AppId -eq $AppId -and $_.Tag -eq $Tag) }) + @([ordered]@{ AppId = $AppId; Tag = $Tag; Xml = $Xml; At = $global:RgSim.Clock.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }))
}

function RgSim.Get-RgToastHistory {
    # The tags of the toasts shown for the app id (carried from earlier runs too).
    param([string]$AppId)
    Add-RgSimCall -Seam 'Get-RgToastHistory' -Arguments ([ordered]@{ AppId = $AppId })
    if ($global:RgSim.Notifications.HistoryError) { throw [System.Runtime.InteropServices.COMException]::new([string]$global:RgSim.Notifications.HistoryError) }
    [string[]]@($global:RgSim.Toasts | Where-Object -FilterScript { $_.AppId -eq $AppId } | ForEach-Object -Process { [string]$_.Tag })
}

# The seams: every function a generated script may call that touches Windows (ARCHITECTURE.md, "Seams").
$RgSimSeams = @('Get-RgRegistryData', 'Write-RgRegistryData', 'Get-RgUtcNow', 'Get-RgPlatform', 'Test-RgFile', 'Invoke-RgNativeCommand', 'Resolve-RgHostNameList', 'Test-RgTcpEndpoint', 'Test-RgTcpEndpointList', 'Start-RgScheduledTask', 'Get-RgHttpDate', 'Get-RgService', 'Start-RgService', 'Set-RgServiceStartType', 'Get-RgTlsCipherSuite', 'Enable-RgTlsCipherSuite', 'Get-RgProcess', 'Stop-RgProcess', 'Start-RgProcess', 'Wait-RgSeconds')
$RgSimSeams += @('Get-RgScheduledTask', 'Set-RgScheduledTaskEnabled')
$RgSimSeams += @('Stop-RgService')
$RgSimSeams += @('Get-RgRegistrySubKeyNames')
$RgSimSeams += @('Get-RgFolderFiles', 'Remove-RgFolder', 'Move-RgFolder')
$RgSimSeams += @('Get-RgAppxPackage', 'Get-RgAppxProvisionedPackage', 'Remove-RgAppxPackage', 'Remove-RgAppxProvisionedPackage')
$RgSimSeams += @('Get-RgFileItem', 'Get-RgFileHash', 'Get-RgJsonProperty', 'Set-RgJsonProperty', 'Write-RgFileText', 'Remove-RgFileItem', 'Save-RgDownload', 'Move-RgFile')
$RgSimSeams += @('Get-RgTlsChain', 'Get-RgSystemWebProxy')
$RgSimSeams += @('Get-RgWindowsFeature', 'Set-RgWindowsFeature')
$RgSimSeams += @('Get-RgMpPreference', 'Set-RgMpPreference', 'Get-RgMpComputerStatus', 'Update-RgMpSignature')
$RgSimSeams += @('Get-RgLocalUser', 'Set-RgLocalUserEnabled', 'Remove-RgLocalUser', 'Get-RgLocalGroup', 'Resolve-RgAccountSid', 'Add-RgLocalGroupMember', 'Remove-RgLocalGroupMember')
$RgSimSeams += @('Get-RgLastBootTime', 'Get-RgDriveSpace')
$RgSimSeams += @('Get-RgCertificate', 'Remove-RgCertificate')
$RgSimSeams += @('Show-RgToast', 'Get-RgToastHistory')
$RgSimSeams += @('Get-RgTextFile', 'Write-RgTextFile')
$RgSimSeams += @('Get-RgSpecialFolder', 'Get-RgShortcut', 'Set-RgShortcut')
$RgSimSeams += @('Remove-RgRegistryData', 'New-RgRegistryKey', 'Remove-RgRegistryKey')
$RgSimSeams += @('Mount-RgUserHive', 'Dismount-RgUserHive')
foreach ($seam in $RgSimSeams) {
    $null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Alias:\', $seam, 'Alias', 'RgSim.' + $seam)
}

# --- the run ----------------------------------------------------------------------------------------------

# The script's environment: the log folders under LogRoot, Program Files where Windows has them.
$environment = [ordered]@{
    ProgramData         = [System.IO.Path]::Combine($LogRoot, 'ProgramData')
    LOCALAPPDATA        = [System.IO.Path]::Combine($LogRoot, 'LocalAppData')
    APPDATA             = [System.IO.Path]::Combine($LogRoot, 'AppData')
    ProgramFiles        = 'C:\Program Files'
    'ProgramFiles(x86)' = $null
    SystemRoot          = [string]$global:RgSim.Platform.SystemRoot
    SystemDrive         = 'C:'
}
if ($global:RgSim.Platform.Is64BitOperatingSystem) {
    $environment['ProgramFiles(x86)'] = 'C:\Program Files (x86)'
}
$saved = @{}
foreach ($name in @($environment.Keys)) {
    $saved[$name] = [System.Environment]::GetEnvironmentVariable($name)
    [System.Environment]::SetEnvironmentVariable($name, $environment[$name])
}
# Commands a script step declared outside the seams (the render stage's marker lines above its functions):
# each is pointed at a stand-in that records the call and fails it, so the step's result says it was not
# simulated and nothing outside the seams runs, even where the real command exists.
$RgSimUnsimulated = @()
foreach ($marker in [regex]::Matches([System.IO.File]::ReadAllText($ScriptPath), '(?m)^# remgen script step function \S+ \(.*\) of steps [a-z0-9, -]+, checked at build time; unsimulated:(.*?)\r?$')) {
    foreach ($name in $marker.Groups[1].Value.Split(',')) {
        $name = $name.Trim()
        if ($name -and $RgSimUnsimulated -notcontains $name) {
            $RgSimUnsimulated += $name
            $null = $ExecutionContext.SessionState.InvokeProvider.Item.New('Alias:\', $name, 'Alias', 'RgSim.Unsimulated')
        }
    }
}
try {
    $run = Invoke-RgSimScript -Path $ScriptPath -Parameters $ScriptParameters
}
finally {
    foreach ($name in @($saved.Keys)) { [System.Environment]::SetEnvironmentVariable($name, $saved[$name]) }
}

$log = @()
if ([System.IO.Directory]::Exists($LogRoot)) {
    foreach ($file in [System.IO.Directory]::GetFiles($LogRoot, '*.log', [System.IO.SearchOption]::AllDirectories)) {
        $log += [System.IO.File]::ReadAllLines($file)
    }
}
$registry = foreach ($path in @($global:RgSim.Registry.Keys)) {
    foreach ($name in @($global:RgSim.Registry[$path].Keys)) {
        $value = $global:RgSim.Registry[$path][$name]
        [ordered]@{ Path = $path; Name = $name; Kind = $value.Kind; Value = $value.Value }
    }
}
$run.Calls = $global:RgSim.Calls.ToArray()
# What the run did to the device, read off its seam calls (never off the script's own words), the same for
# every room: each call of a seam that is not a read (Get-, Test-, Resolve-) nor a wait, named by the seam
# and its first naming argument (TaskName, Name, FilePath's leaf, Path's leaf, Group) and the account it changed
# (Member, Sid), a native command with its arguments; each once, in the order of first call. The 64-bit relaunch
# is not an action.
$actions = [System.Collections.Generic.List[string]]::new()
foreach ($call in $run.Calls) {
    # Loading a user's hive to read or write it and unloading it again is no change of the device.
    if ($call.Seam -match '^(Get|Test|Resolve|Wait|Mount|Dismount)-' -or $call.Seam -eq 'Unsimulated') { continue }
    $arguments = $call.Arguments
    $name = ''
    foreach ($key in @('TaskName', 'Name', 'FilePath', 'Path', 'Group')) {
        if ($arguments.Contains($key) -and $arguments[$key]) {
            $name = [System.IO.Path]::GetFileName(([string]$arguments[$key]).Replace('\', '/'))
            break
        }
    }
    # An account seam names whom it changed: the member added or removed, the user by SID.
    foreach ($key in @('Member', 'Sid')) {
        if ($arguments.Contains($key) -and $arguments[$key]) { $name = ($name + ' ' + [string]$arguments[$key]).Trim() }
    }
    if ($call.Seam -eq 'Invoke-RgNativeCommand') {
        if ($name -eq 'powershell.exe') { continue }
        $name = (@($name) + @($arguments['ArgumentList'])) -join ' '
    }
    $action = ($call.Seam + ' ' + $name).Trim()
    if (-not $actions.Contains($action)) { $actions.Add($action) }
}
$run.Actions = $actions.ToArray()
$notSimulated = [System.Collections.Generic.List[string]]::new()
foreach ($call in $run.Calls) {
    if ($call.Seam -eq 'Unsimulated' -and -not $notSimulated.Contains([string]$call.Arguments.Name)) { $notSimulated.Add([string]$call.Arguments.Name) }
}
$run.NotSimulated = $notSimulated.ToArray()
$processes = foreach ($process in @(Get-RgSimRunning)) {
    [ordered]@{ Name = [string]$process.Name; Id = [int]$process.Id; Path = [string]$process.Path; Session = [int]$process.Session; StopError = [string]$process['StopError'] }
}
$carried = [ordered]@{ Clock = $global:RgSim.Clock.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
foreach ($piece in $RgSimCarried) { $carried[$piece] = @($global:RgSim[$piece]) }
$run.State = [ordered]@{
    Registry     = @($registry)
    Keys         = @($global:RgSim.Registry.Keys)
    CipherSuites = [ordered]@{ Available = [bool]$global:RgSim.CipherSuites.Available; Order = [string[]]$global:RgSim.CipherSuites.Order.ToArray() }
    Processes    = @($processes)
    Carried      = $carried
}
$run.Log = $log
$run
