function Test-RgDefenderStatus {
    <#
    .SYNOPSIS
        Whether Microsoft Defender Antivirus runs real-time protection and its signatures are at most N days old
        (Get-RgMpComputerStatus); the running mode and tamper protection in the words.
    .PARAMETER Step
        The step: RealTimeProtection ([bool]), MaxSignatureAgeDays (-1: not looked at), IfNotActive (NonCompliant,
        NotApplicable: Defender passive or not running because another antivirus is active).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $status = Get-RgMpComputerStatus
    $active = Test-RgDefenderActive -Status $status
    $expected = @()
    $compliant = $true
    if ($Step.RealTimeProtection) {
        $expected += 'real-time on'
        $compliant = $compliant -and $active -and $status.RealTimeProtectionEnabled
    }
    if (-not $active -and $Step.IfNotActive -eq 'NotApplicable') {
        return New-RgStepResult -Step $Step -Compliant $true -Actual ((Get-RgDefenderStatusWords -Status $status) + ' (not the active antivirus: not applicable)') -Expected ($expected -join ', ')
    }
    if ([int]$Step.MaxSignatureAgeDays -ge 0) {
        $expected += 'signatures at most ' + $Step.MaxSignatureAgeDays + ' day(s) old'
        $compliant = $compliant -and $status.AntivirusSignatureAge -le [int]$Step.MaxSignatureAgeDays
    }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual (Get-RgDefenderStatusWords -Status $status) -Expected ($expected -join ', ')
}
