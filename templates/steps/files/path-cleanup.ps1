function Test-RgPathCleanup {
    <#
    .SYNOPSIS
        Whether the cleanup is needed by its trigger (Get-RgCleanupFiles): Always (then this never passes and
        the gate decides), NotEmpty (a matching file is there) or LargerThan (they exceed LargerThanBytes).
        After a cleanup the result also says how much it freed.
    .PARAMETER Step
        The step: Folders, Include, MinAgeDays, Trigger, LargerThanBytes, Mode; FreedBytes once the set half ran.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $found = Get-RgCleanupFiles -Step $Step
    $actual = @($found.Files).Count.ToString() + ' file(s), ' + (Format-RgBytes -Bytes $found.Bytes)
    if ($Step['Profiles']) {
        $actual += ' in ' + $found.Profiles + ' profile(s)'
        if (@($found.Skipped).Count -gt 0) {
            $actual += ', ' + @($found.Skipped).Count + ' skipped: ' + (@($found.Skipped) -join ', ')
        }
    }
    if ($null -ne $Step['FreedBytes']) {
        $actual = 'freed ' + (Format-RgBytes -Bytes ([long]$Step['FreedBytes'])) + ' (' + $Step['FreedFiles'] + ' file(s)); left ' + $actual
    }
    if ($Step.Trigger -eq 'Always') {
        return New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected 'cleaned while the gate reports the symptom'
    }
    if ($Step.Trigger -eq 'LargerThan') {
        return New-RgStepResult -Step $Step -Compliant ($found.Bytes -le [long]$Step.LargerThanBytes) -Actual $actual -Expected ('at most ' + (Format-RgBytes -Bytes ([long]$Step.LargerThanBytes)))
    }
    New-RgStepResult -Step $Step -Compliant (@($found.Files).Count -eq 0) -Actual $actual -Expected 'no matching file'
}
