function Get-RgSysnativeHost {
    <#
    .SYNOPSIS
        The 64-bit Windows PowerShell to relaunch in when this is a 32-bit process on a 64-bit OS; else nothing.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $platform = Get-RgPlatform
    if (-not $platform.Is64BitOperatingSystem -or $platform.Is64BitProcess) {
        return $null
    }
    $candidate = $platform.SystemRoot + '\Sysnative\WindowsPowerShell\v1.0\powershell.exe'
    if (Test-RgFile -Path $candidate) {
        return $candidate
    }
    Write-RgLog -Message ('32-bit process on a 64-bit OS, but ' + $candidate + ' is missing; running as 32-bit') -Severity Warning
    $null
}

function Get-RgRelaunchArgument {
    <#
    .SYNOPSIS
        The switches to hand the 64-bit run: every common parameter the script was started with (-WhatIf,
        -Confirm, -Verbose, -Debug), each as -Name or -Name:$false.
    .PARAMETER BoundParameters
        The script's $PSBoundParameters.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Collections.IDictionary]$BoundParameters
    )
    foreach ($name in @('WhatIf', 'Confirm', 'Verbose', 'Debug')) {
        if ($BoundParameters.Keys -contains $name) {
            if ([bool]$BoundParameters[$name]) {
                '-' + $name
            }
            else {
                '-' + $name + ':$false'
            }
        }
    }
}

function Invoke-RgRelaunch {
    <#
    .SYNOPSIS
        Runs this script again in 64-bit PowerShell; returns its exit code and output lines.
    .DESCRIPTION
        The child's error stream is logged by Invoke-RgNativeCommand, never written to this process's
        stderr, so a remediation stays free of stderr (Intune counts any stderr as a script error).
    .PARAMETER HostPath
        Path of the 64-bit powershell.exe.
    .PARAMETER ScriptPath
        Path of this script.
    .PARAMETER Arguments
        Switches for the child, such as -WhatIf.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$HostPath,

        [Parameter(Mandatory = $true)]
        [string]$ScriptPath,

        [AllowEmptyCollection()]
        [string[]]$Arguments = @()
    )
    if ($Arguments -contains '-Confirm') {
        throw '-Confirm cannot prompt from the 64-bit relaunch of a 32-bit PowerShell; start this script in 64-bit PowerShell'
    }
    Write-RgLog -Message ('Started as a 32-bit process; relaunching in ' + $HostPath)
    $commandLine = @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $ScriptPath) + $Arguments
    $child = Invoke-RgNativeCommand -FilePath $HostPath -ArgumentList $commandLine -TimeoutSeconds 3300
    if ($child.TimedOut) {
        throw ('the 64-bit run did not finish within 3300 seconds')
    }
    $lines = @($child.Output | Where-Object -FilterScript { $_ -ne '' })
    for ($index = 0; $index -lt $lines.Count - 1; $index++) {
        Write-RgLog -Message ('64-bit run: ' + $lines[$index])
    }
    [pscustomobject]@{
        ExitCode = $child.ExitCode
        Lines    = $lines
    }
}

function Invoke-RgMain {
    <#
    .SYNOPSIS
        The script's main loop, shared by every target: relaunch in 64-bit PowerShell when started 32-bit,
        else run the target's entry function; returns the exit code and the summary line.
    .DESCRIPTION
        Nothing escapes: an error becomes exit code 1 and an ERROR summary, logged.
    .PARAMETER Entry
        The target's entry function, given the step table.
    .PARAMETER Steps
        The step table.
    .PARAMETER BoundParameters
        The script's $PSBoundParameters, passed on to the 64-bit run.
    .PARAMETER ScriptPath
        The script's own path, for the relaunch.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Entry,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$Steps,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Collections.IDictionary]$BoundParameters,

        [AllowEmptyString()]
        [string]$ScriptPath = ''
    )
    try {
        Initialize-RgLog
        $sysnative = Get-RgSysnativeHost
        if ($sysnative) {
            $child = Invoke-RgRelaunch -HostPath $sysnative -ScriptPath $ScriptPath -Arguments @(Get-RgRelaunchArgument -BoundParameters $BoundParameters)
            $summary = 'ERROR ' + (Get-RgSummaryName) + ': the 64-bit run printed no summary (exit code ' + $child.ExitCode + ')'
            if ($child.Lines.Count -gt 0) {
                $summary = $child.Lines[-1]
            }
            $outcome = [pscustomobject]@{ ExitCode = $child.ExitCode; Summary = $summary }
        }
        else {
            Write-RgLog -Message ($script:RgScriptName + ' started')
            $outcome = & $Entry -Steps $Steps
        }
    }
    catch {
        $outcome = [pscustomobject]@{ ExitCode = 1; Summary = 'ERROR ' + (Get-RgSummaryName) + ': ' + $_.Exception.Message }
        Write-RgLog -Message $outcome.Summary -Severity Error
    }
    Write-RgLog -Message ('Exit code ' + $outcome.ExitCode + ': ' + $outcome.Summary)
    $outcome
}
