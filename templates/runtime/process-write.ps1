function Stop-RgProcess {
    <#
    .SYNOPSIS
        Seam: ends a process now ([System.Diagnostics.Process].Kill, as `taskkill /f` does) and waits up to
        10 seconds for it to be gone. A process that has already ended is not an error; one that cannot be
        ended (access denied) throws.
    .PARAMETER Id
        The process id, from Get-RgProcess.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [int]$Id
    )
    try {
        $process = [System.Diagnostics.Process]::GetProcessById($Id)
    }
    catch {
        # GetProcessById throws ArgumentException for an id that is not running: it has ended already.
        return
    }
    try {
        try {
            $process.Kill()
        }
        catch {
            $process.Refresh()
            if (-not $process.HasExited) {
                throw
            }
        }
        $null = $process.WaitForExit(10000)
    }
    finally {
        $process.Dispose()
    }
}

function Start-RgProcess {
    <#
    .SYNOPSIS
        Seam: starts a program and does not wait for it ([System.Diagnostics.Process]::Start through the shell),
        in this script's session and as its account. Throws when the program cannot be started.
    .PARAMETER FilePath
        The program's full path.
    .PARAMETER ArgumentList
        Its arguments, each quoted as needed (Join-RgCommandLine).
    .OUTPUTS
        Id ([int]): the started process.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step function that calls it asks ShouldProcess.')]
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$FilePath,

        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$ArgumentList = @()
    )
    # Checked first: through the shell a missing program is not always an error (on a test host with
    # xdg-open the shell "opens" the path instead), and the message names the path either way.
    if (-not [System.IO.File]::Exists($FilePath)) {
        throw "cannot start '$FilePath': the program is not there"
    }
    $info = [System.Diagnostics.ProcessStartInfo]::new()
    $info.FileName = $FilePath
    $info.Arguments = Join-RgCommandLine -ArgumentList $ArgumentList
    # Through the shell, so the program inherits no handle of this script: with UseShellExecute false .NET
    # creates the process with handle inheritance on (dotnet/corefx#26711), and a long-lived OneDrive would
    # hold the script's stdout pipe open after the script ends, leaving the Intune agent waiting on it.
    $info.UseShellExecute = $true
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        [pscustomobject]@{ Id = [int]$process.Id }
    }
    finally {
        $process.Dispose()
    }
}
