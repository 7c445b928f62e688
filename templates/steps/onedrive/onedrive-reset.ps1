function Test-RgOneDriveReset {
    <#
    .SYNOPSIS
        Whether a OneDrive reset is possible for this user: OneDrive.exe in one of its three locations
        (reference 3.4), and whether it runs in this session now. Installed is "not compliant" (a reset can
        run; the gate decides whether it is needed); not installed is compliant, so the action is skipped and
        never fails for want of a program. After a reset in this run (the set half marks the row ResetDone)
        with OneDrive running again, it is compliant: the reset did its part. Reads only.
    .PARAMETER Step
        The step: Locations.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $expected = 'no reset needed (the gate passes), or OneDrive not installed'
    $path = Find-RgOneDrive -Location @($Step.Locations)
    if (-not $path) {
        Write-RgLog -Message ($Step.Id + ': OneDrive.exe is in none of ' + (@($Step.Locations) -join ', '))
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'OneDrive is not installed: reset skipped' -Expected $expected
    }
    $running = @(Get-RgProcess -Name 'OneDrive')
    $state = 'not running'
    if ($running.Count -gt 0) {
        $state = 'running (process ' + (@($running | ForEach-Object -Process { [string]$_.Id }) -join ', ') + ')'
    }
    if ($Step.Contains('ResetDone') -and $running.Count -gt 0) {
        # Reset in this run, and OneDrive runs again: the action did its part; signing in is the user's.
        return New-RgStepResult -Step $Step -Compliant $true -Actual ('reset done in this run; OneDrive ' + $state) -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ('OneDrive installed at ' + $path + ', ' + $state + ': a reset is possible') -Expected $expected
}
