function Get-RgScheduledTask {
    <#
    .SYNOPSIS
        Seam: a registered scheduled task's state and last run (the ScheduledTasks module's Get-ScheduledTask
        and Get-ScheduledTaskInfo, Windows 8 and later).
    .PARAMETER TaskPath
        The task's folder, with the leading and trailing backslash, e.g. '\Microsoft\Windows\Workplace Join\'.
    .PARAMETER TaskName
        The task's name.
    .OUTPUTS
        Exists ([bool]), State ([string]: Ready, Disabled, Running, Queued; empty when it does not exist),
        LastRunUtc ([datetime] UTC, or $null when it never ran), LastTaskResult ([long]). A task that is not
        registered is Exists false; any other failure (access denied) throws.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$TaskPath,

        [Parameter(Mandatory = $true)]
        [string]$TaskName
    )
    try {
        $task = Get-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -ErrorAction Stop
    }
    catch {
        if ([string]$_.CategoryInfo.Category -eq 'ObjectNotFound') {
            return [pscustomobject]@{ Exists = $false; State = ''; LastRunUtc = $null; LastTaskResult = [long]0 }
        }
        throw
    }
    $info = Get-ScheduledTaskInfo -InputObject $task -ErrorAction Stop
    $lastRun = $null
    # A task that never ran reports 1999-11-30 (or nothing) as its last run time.
    if ($null -ne $info.LastRunTime -and ([datetime]$info.LastRunTime).Year -ge 2000) {
        $lastRun = ([datetime]$info.LastRunTime).ToUniversalTime()
    }
    [pscustomobject]@{ Exists = $true; State = [string]$task.State; LastRunUtc = $lastRun; LastTaskResult = [long]$info.LastTaskResult }
}

function Get-RgScheduledTaskRun {
    <#
    .SYNOPSIS
        Whether a task ran within the last Hours (and, with SuccessResults, ended with one of them), in words:
        shared by the scheduledTaskRan probe and the scheduledTaskRun action (whose re-test is the verification).
    .PARAMETER Step
        The step: TaskPath, TaskName, WithinHours, SuccessResults (empty: any result).
    .OUTPUTS
        Compliant, Actual, Expected.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $name = [string]$Step.TaskPath + [string]$Step.TaskName
    $hours = [int]$Step.WithinHours
    $results = @($Step.SuccessResults | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { [long]$_ })
    $expected = 'ran within ' + $hours + ' hour(s)'
    if ($results.Count -gt 0) {
        $expected += ' with result ' + ($results -join ' or ')
    }
    $task = Get-RgScheduledTask -TaskPath ([string]$Step.TaskPath) -TaskName ([string]$Step.TaskName)
    if (-not $task.Exists) {
        return [pscustomobject]@{ Compliant = $false; Actual = 'task ' + $name + ' not found'; Expected = $expected }
    }
    if ($null -eq $task.LastRunUtc) {
        return [pscustomobject]@{ Compliant = $false; Actual = 'never ran (' + $task.State + ')'; Expected = $expected }
    }
    $now = Get-RgUtcNow
    $age = $now - $task.LastRunUtc
    $when = 'last ran ' + $task.LastRunUtc.ToString('yyyy-MM-dd HH:mm', [System.Globalization.CultureInfo]::InvariantCulture) + ' UTC, result ' + $task.LastTaskResult
    $recent = $age.TotalHours -le $hours
    $succeeded = $results.Count -eq 0 -or $results -contains [long]$task.LastTaskResult
    [pscustomobject]@{ Compliant = ($recent -and $succeeded); Actual = $when; Expected = $expected }
}
