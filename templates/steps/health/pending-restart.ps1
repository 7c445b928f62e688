function Test-RgPendingRestart {
    <#
    .SYNOPSIS
        Whether Windows waits for a restart, as it records it (docs/reference/device-health.md 1.2): the
        Component Based Servicing RebootPending key, Windows Update's Auto Update\RebootRequired key, a
        non-empty PendingFileRenameOperations (or PendingFileRenameOperations2) under Session Manager. Read
        through Get-RgRegistryData (a key by KeyExists, asked for its default value); compliant when none of the Sources records one.
    .PARAMETER Step
        The step: Sources (ComponentServicing, WindowsUpdate, FileRenames).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $pending = @()
    $sources = @($Step.Sources)
    if ($sources -contains 'ComponentServicing') {
        $cbs = Get-RgRegistryData -Hive HKLM -SubKey 'SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending' -Name ''
        if ($cbs.KeyExists) {
            $pending += 'component servicing (RebootPending)'
        }
    }
    if ($sources -contains 'WindowsUpdate') {
        $wu = Get-RgRegistryData -Hive HKLM -SubKey 'SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired' -Name ''
        if ($wu.KeyExists) {
            $pending += 'Windows Update (RebootRequired)'
        }
    }
    if ($sources -contains 'FileRenames') {
        $count = 0
        foreach ($name in @('PendingFileRenameOperations', 'PendingFileRenameOperations2')) {
            $value = Get-RgRegistryData -Hive HKLM -SubKey 'SYSTEM\CurrentControlSet\Control\Session Manager' -Name $name
            if ($value.Exists) {
                # Pairs of source and target; an empty target is a delete, so count the non-empty sources.
                $entries = @($value.Value)
                for ($index = 0; $index -lt $entries.Count; $index += 2) {
                    if ([string]$entries[$index]) {
                        $count++
                    }
                }
            }
        }
        if ($count -gt 0) {
            $pending += 'file renames (' + $count + ')'
        }
    }
    if ($pending.Count -eq 0) {
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'no restart pending' -Expected 'no restart pending'
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual ('restart pending: ' + ($pending -join ', ')) -Expected 'no restart pending'
}
