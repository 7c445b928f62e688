function Get-RgLastBootTime {
    <#
    .SYNOPSIS
        Seam: when Windows last started (Win32_OperatingSystem LastBootUpTime through Get-CimInstance), as UTC.
        [Environment]::TickCount is not used: it is a 32-bit count of milliseconds that wraps after 24.9 days
        (docs/reference/device-health.md 1.1). With Fast Startup, a shut down and power on keeps the time; a
        restart resets it.
    .OUTPUTS
        [datetime], UTC. Throws when WMI cannot be read.
    #>
    [CmdletBinding()]
    [OutputType([datetime])]
    param()
    $os = Get-CimInstance -ClassName Win32_OperatingSystem -Property LastBootUpTime -ErrorAction Stop
    ([datetime]$os.LastBootUpTime).ToUniversalTime()
}

function Get-RgDriveSpace {
    <#
    .SYNOPSIS
        Seam: a drive's size and free space ([System.IO.DriveInfo]); the free space is AvailableFreeSpace, what
        this account may still write (a disk quota counts).
    .PARAMETER Drive
        A letter and a colon, e.g. C:.
    .OUTPUTS
        Exists ([bool]), Ready ([bool]: a card reader without a card is not), TotalBytes, FreeBytes ([long]).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Drive
    )
    $info = [System.IO.DriveInfo]::new($Drive)
    if ($info.DriveType -eq [System.IO.DriveType]::NoRootDirectory) {
        return [pscustomobject]@{ Exists = $false; Ready = $false; TotalBytes = [long]0; FreeBytes = [long]0 }
    }
    if (-not $info.IsReady) {
        return [pscustomobject]@{ Exists = $true; Ready = $false; TotalBytes = [long]0; FreeBytes = [long]0 }
    }
    [pscustomobject]@{ Exists = $true; Ready = $true; TotalBytes = [long]$info.TotalSize; FreeBytes = [long]$info.AvailableFreeSpace }
}
