function Invoke-RgPathCleanup {
    <#
    .SYNOPSIS
        Ends the step's processes and stops its services (those running), deletes the matching files
        (Remove-RgFileItem; a file in use is left and counted) or renames each folder to <folder>.old
        (Remove-RgFolder of an earlier .old, Move-RgFolder), then starts the services and processes again,
        whatever happened in between; each change through ShouldProcess. What was freed goes into the step
        (FreedBytes, FreedFiles) for the summary and into the log.
    .PARAMETER Step
        The step: Folders, Include, MinAgeDays, Mode, StopServices, StopProcesses.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $found = Get-RgCleanupFiles -Step $Step
    $stoppedServices = @()
    $stoppedPrograms = @()
    [long]$freed = 0
    $deleted = 0
    $left = @()
    try {
        foreach ($name in @($Step.StopProcesses)) {
            foreach ($running in @(Get-RgProcess -Name ([string]$name))) {
                if ($PSCmdlet.ShouldProcess($name + '.exe (id ' + $running.Id + ')', 'End the process for the cleanup')) {
                    Stop-RgProcess -Id ([int]$running.Id)
                    if ($running.Path -and $stoppedPrograms -notcontains $running.Path) {
                        $stoppedPrograms += [string]$running.Path
                    }
                }
            }
        }
        foreach ($name in @($Step.StopServices)) {
            $service = Get-RgService -Name ([string]$name)
            if ($service.Exists -and $service.Status -ne 'Stopped' -and $PSCmdlet.ShouldProcess('service ' + $name, 'Stop for the cleanup')) {
                Stop-RgService -Name ([string]$name) -TimeoutSeconds 60
                $stoppedServices += [string]$name
            }
        }
        if ($Step.Mode -eq 'Rename') {
            foreach ($folder in @($found.Folders)) {
                $old = $folder.TrimEnd('\') + '.old'
                if ($PSCmdlet.ShouldProcess($folder, 'Rename to ' + $old)) {
                    Remove-RgFolder -Path $old
                    Move-RgFolder -Path $folder -Destination $old
                    $freed = $found.Bytes
                    $deleted = @($found.Files).Count
                }
            }
        }
        else {
            foreach ($file in @($found.Files)) {
                if (-not $PSCmdlet.ShouldProcess($file.Path, 'Delete')) {
                    continue
                }
                try {
                    Remove-RgFileItem -Path $file.Path
                    $freed += [long]$file.Length
                    $deleted++
                }
                catch {
                    $left += $file.Path + ' (' + $_.Exception.Message + ')'
                }
            }
        }
    }
    finally {
        foreach ($name in $stoppedServices) {
            Start-RgService -Name $name -TimeoutSeconds 60
            Write-RgLog -Message ($Step.Id + ': started the service ' + $name + ' again')
        }
        foreach ($program in $stoppedPrograms) {
            $null = Start-RgProcess -FilePath $program
            Write-RgLog -Message ($Step.Id + ': started ' + $program + ' again')
        }
    }
    if (-not $WhatIfPreference) {
        $Step['FreedBytes'] = $freed
        $Step['FreedFiles'] = $deleted
    }
    Write-RgLog -Message ($Step.Id + ': freed ' + (Format-RgBytes -Bytes $freed) + ' (' + $deleted + ' file(s))')
    if ($left.Count -gt 0) {
        Write-RgLog -Message ($Step.Id + ': ' + $left.Count + ' file(s) could not be deleted, e.g. ' + $left[0]) -Severity Warning
    }
}
