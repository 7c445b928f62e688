function Reset-RgOneDrive {
    <#
    .SYNOPSIS
        Resets OneDrive for the signed-in user (reference 3.4): ends the user's OneDrive processes, runs
        `OneDrive.exe /reset` from where it is installed, waits up to RestartWaitSeconds for OneDrive to come
        back on its own, and starts it (the same path without /reset) when it has not. Verified by reading the
        running processes again: when OneDrive still does not run, this throws, and the action is not counted
        as run. Each change asks ShouldProcess (-WhatIf lists them and changes nothing).
    .DESCRIPTION
        A reset keeps the local files but makes OneDrive sync every library again; the cooldown (at least a day)
        keeps it rare. Only this session's processes are ended (Get-RgProcess), never another user's.
    .PARAMETER Step
        The step: Id, Locations, RestartWaitSeconds.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $path = Find-RgOneDrive -Location @($Step.Locations)
    if (-not $path) {
        Write-RgLog -Message ($Step.Id + ': OneDrive is not installed: nothing to reset')
        return
    }
    $wait = [int]$Step.RestartWaitSeconds
    foreach ($process in @(Get-RgProcess -Name 'OneDrive')) {
        $target = 'OneDrive process ' + $process.Id
        if ($process.Path) {
            $target += ' (' + $process.Path + ')'
        }
        if ($PSCmdlet.ShouldProcess($target, 'Stop')) {
            Stop-RgProcess -Id ([int]$process.Id)
            Write-RgLog -Message ($Step.Id + ': stopped OneDrive process ' + $process.Id + ' before the reset')
        }
    }
    if ($PSCmdlet.ShouldProcess($path, 'Reset OneDrive (/reset: keeps local files, syncs every library again)')) {
        $reset = Start-RgProcess -FilePath $path -ArgumentList @('/reset')
        Write-RgLog -Message ($Step.Id + ': started ' + $path + ' /reset (process ' + $reset.Id + '); waiting up to ' + $wait + ' s for OneDrive to restart on its own')
        $back = Wait-RgProcess -Name 'OneDrive' -Seconds $wait -Ignore @([int]$reset.Id)
        if (@($back.Processes).Count -gt 0) {
            Write-RgLog -Message ($Step.Id + ': OneDrive restarted on its own after ' + $back.WaitedSeconds + ' s (process ' + (@($back.Processes | ForEach-Object -Process { [string]$_.Id }) -join ', ') + ')')
            # The test half, asked again after the repair, reports the reset as done (the row is this run's).
            $Step['ResetDone'] = $true
            return
        }
        Write-RgLog -Message ($Step.Id + ': OneDrive did not restart within ' + $wait + ' s of the reset; starting it') -Severity Warning
    }
    if ($PSCmdlet.ShouldProcess($path, 'Start OneDrive (when it has not restarted on its own within ' + $wait + ' s of the reset)')) {
        $started = Start-RgProcess -FilePath $path -ArgumentList @()
        $back = Wait-RgProcess -Name 'OneDrive' -Seconds 30
        if (@($back.Processes).Count -eq 0) {
            throw ('OneDrive was reset but does not run again: started ' + $path + ' (process ' + $started.Id + '), and no OneDrive process runs 30 s later')
        }
        Write-RgLog -Message ($Step.Id + ': started ' + $path + ' (process ' + $started.Id + '); OneDrive runs again')
        $Step['ResetDone'] = $true
    }
}
