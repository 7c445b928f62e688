function Get-RgUtcNow {
    <#
    .SYNOPSIS
        Seam: the device clock, as UTC.
    #>
    [CmdletBinding()]
    [OutputType([datetime])]
    param()
    [System.DateTime]::UtcNow
}

function Get-RgPlatform {
    <#
    .SYNOPSIS
        Seam: the bitness of the OS and of this process, and the Windows folder.
    .OUTPUTS
        Is64BitOperatingSystem, Is64BitProcess, SystemRoot.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    [pscustomobject]@{
        Is64BitOperatingSystem = [System.Environment]::Is64BitOperatingSystem
        Is64BitProcess         = [System.Environment]::Is64BitProcess
        SystemRoot             = $env:SystemRoot
    }
}

function Test-RgFile {
    <#
    .SYNOPSIS
        Seam: whether a file exists.
    .PARAMETER Path
        Full path of the file.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    [System.IO.File]::Exists($Path)
}

function Join-RgCommandLine {
    <#
    .SYNOPSIS
        One Windows command line from separate arguments, quoted so that the program's C runtime
        (CommandLineToArgvW rules) splits it back into exactly those arguments.
    .PARAMETER ArgumentList
        The arguments.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$ArgumentList = @()
    )
    $parts = foreach ($argument in $ArgumentList) {
        if ($argument.Length -gt 0 -and $argument.IndexOfAny([char[]]@(' ', "`t", "`n", [char]0x000B, '"')) -lt 0) {
            $argument
            continue
        }
        $builder = [System.Text.StringBuilder]::new()
        $null = $builder.Append('"')
        $backslashes = 0
        foreach ($character in $argument.ToCharArray()) {
            if ($character -eq '\') {
                $backslashes++
                continue
            }
            if ($character -eq '"') {
                $null = $builder.Append('\', 2 * $backslashes + 1)
            }
            elseif ($backslashes -gt 0) {
                $null = $builder.Append('\', $backslashes)
            }
            $backslashes = 0
            $null = $builder.Append($character)
        }
        $null = $builder.Append('\', 2 * $backslashes)
        $null = $builder.Append('"')
        $builder.ToString()
    }
    @($parts) -join ' '
}

function Invoke-RgNativeCommand {
    <#
    .SYNOPSIS
        Seam: runs a program and waits for it, at most TimeoutSeconds; never writes to this script's streams.
    .DESCRIPTION
        Standard output comes back as lines decoded the way Windows PowerShell decodes native output (the
        console's OEM code page); standard error is written to the log. A program still running at the
        timeout is stopped and reported as TimedOut with exit code -1.
    .PARAMETER FilePath
        The program: a name found on PATH or a full path.
    .PARAMETER ArgumentList
        Its arguments, each quoted as needed.
    .PARAMETER TimeoutSeconds
        How long to wait.
    .OUTPUTS
        ExitCode, Output (stdout lines), TimedOut.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$FilePath,

        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$ArgumentList = @(),

        [ValidateRange(1, 3600)]
        [int]$TimeoutSeconds = 600
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new()
    $info.FileName = $FilePath
    $info.Arguments = Join-RgCommandLine -ArgumentList $ArgumentList
    $info.UseShellExecute = $false
    $info.CreateNoWindow = $true
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.StandardOutputEncoding = [System.Console]::OutputEncoding
    $info.StandardErrorEncoding = [System.Console]::OutputEncoding
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        # A program that waits for input sees the end of it at once instead of hanging until the timeout.
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        $timedOut = -not $process.WaitForExit($TimeoutSeconds * 1000)
        $exitCode = -1
        if ($timedOut) {
            $process.Kill()
            $null = $process.WaitForExit(5000)
        }
        else {
            $process.WaitForExit()
            $exitCode = $process.ExitCode
        }
        $output = @()
        if ($stdout.Wait(5000) -and $stdout.Result.Length -gt 0) {
            $output = [regex]::Split($stdout.Result.TrimEnd("`r", "`n"), '\r?\n')
        }
        if ($stderr.Wait(5000) -and $stderr.Result.Trim().Length -gt 0) {
            Write-RgLog -Message ($FilePath + ' wrote to stderr: ' + $stderr.Result.Trim()) -Severity Warning
        }
        [pscustomobject]@{
            ExitCode = $exitCode
            Output   = [string[]]$output
            TimedOut = $timedOut
        }
    }
    finally {
        $process.Dispose()
    }
}
