function Get-RgProcess {
    <#
    .SYNOPSIS
        Seam: the running processes of one name in this script's own logon session
        ([System.Diagnostics.Process]::GetProcessesByName, SessionId compared with this process's), so a
        user-context script sees only its user's processes, not those of other users on the same device.
        Never throws: a process that ends while it is read is left out, a path that cannot be read (access
        denied, or a 64-bit process seen from a 32-bit one) is empty.
    .PARAMETER Name
        The process name without .exe, e.g. OneDrive.
    .PARAMETER AnySession
        Every session's processes, not only this script's (the process probe and processStop with scope any).
    .OUTPUTS
        One object per process: Id ([int]), Path ([string], may be empty), SessionId ([int]).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [switch]$AnySession
    )
    $current = [System.Diagnostics.Process]::GetCurrentProcess()
    try {
        $session = $current.SessionId
    }
    finally {
        $current.Dispose()
    }
    foreach ($process in [System.Diagnostics.Process]::GetProcessesByName($Name)) {
        try {
            if (-not $AnySession -and $process.SessionId -ne $session) {
                continue
            }
            $path = ''
            try {
                $path = [string]$process.MainModule.FileName
            }
            catch {
                $path = ''
            }
            [pscustomobject]@{ Id = [int]$process.Id; Path = $path; SessionId = [int]$process.SessionId }
        }
        catch {
            # The process ended between the list and the read: it is not running, so it is not reported.
            $path = ''
        }
        finally {
            $process.Dispose()
        }
    }
}

function Wait-RgSeconds {
    <#
    .SYNOPSIS
        Seam: waits the given number of seconds ([System.Threading.Thread]::Sleep); the simulation moves its
        clock instead of waiting.
    .PARAMETER Seconds
        How long to wait.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateRange(0, 3600)]
        [int]$Seconds
    )
    [System.Threading.Thread]::Sleep($Seconds * 1000)
}

function Wait-RgProcess {
    <#
    .SYNOPSIS
        Waits, at most Seconds and looking every 5 seconds (Wait-RgSeconds), until a process of the name runs
        in this session (Get-RgProcess), leaving out the given process ids (for OneDrive, the `/reset` process
        itself, which is also OneDrive.exe). Looks once at once, so a process already running is not waited for.
    .PARAMETER Name
        The process name without .exe, e.g. OneDrive.
    .PARAMETER Seconds
        The longest wait.
    .PARAMETER Ignore
        Process ids that do not count.
    .OUTPUTS
        Processes (those found, none when it did not run in time) and WaitedSeconds.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Name,

        [Parameter(Mandatory = $true)]
        [int]$Seconds,

        [AllowEmptyCollection()]
        [int[]]$Ignore = @()
    )
    $waited = 0
    while ($true) {
        $running = @(Get-RgProcess -Name $Name | Where-Object -FilterScript { $Ignore -notcontains [int]$_.Id })
        if ($running.Count -gt 0 -or $waited -ge $Seconds) {
            return [pscustomobject]@{ Processes = $running; WaitedSeconds = $waited }
        }
        $pause = [System.Math]::Min(5, $Seconds - $waited)
        Wait-RgSeconds -Seconds $pause
        $waited += $pause
    }
}
