function Uninstall-RgApp {
    <#
    .SYNOPSIS
        Uninstalls every matching entry (Get-RgInstalledApps) with its silent command (Invoke-RgNativeCommand:
        a program and its arguments, never cmd /c), through ShouldProcess. An exit code outside
        SuccessExitCodes, or a timeout, is an error; 3010 is success that needs a restart (logged). The repair
        loop then reads the uninstall keys again: an uninstaller that exits 0 and leaves the app fails there.
    .PARAMETER Step
        The step: DisplayName, Publisher, Scope, BelowVersion, Method, SilentArguments, SuccessExitCodes,
        TimeoutSeconds.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $success = @($Step.SuccessExitCodes | ForEach-Object -Process { [long]$_ })
    $failures = @()
    foreach ($app in @(Get-RgInstalledApps -Step $Step)) {
        $name = Format-RgApp -App $app
        $command = Get-RgUninstallCommand -Step $Step -App $app
        $line = $command.FilePath + ' ' + (@($command.ArgumentList) -join ' ')
        if (-not $PSCmdlet.ShouldProcess($name, 'Uninstall (' + $line + ')')) {
            continue
        }
        $result = Invoke-RgNativeCommand -FilePath $command.FilePath -ArgumentList $command.ArgumentList -TimeoutSeconds ([int]$Step.TimeoutSeconds)
        if ($result.TimedOut) {
            $failures += $name + ': the uninstaller did not finish within ' + $Step.TimeoutSeconds + ' s'
        }
        elseif ($success -notcontains [long]$result.ExitCode) {
            $failures += $name + ': the uninstaller exited with ' + $result.ExitCode
        }
        elseif ($result.ExitCode -eq 3010) {
            Write-RgLog -Message ($Step.Id + ': uninstalled ' + $name + ' (exit code 3010: a restart completes it)') -Severity Warning
        }
        else {
            Write-RgLog -Message ($Step.Id + ': uninstalled ' + $name + ' (exit code ' + $result.ExitCode + '; the uninstall keys are read again)')
        }
    }
    if ($failures.Count -gt 0) {
        throw ($failures -join '; ')
    }
}
