function Test-RgDefenderStatus {
    <#
    .SYNOPSIS
        Whether Microsoft Defender Antivirus runs real-time protection and its signatures are at most N days old
        (Get-RgMpComputerStatus); the running mode and tamper protection in the words.
    .PARAMETER Step
        The step: RealTimeProtection ([bool]), MaxSignatureAgeDays (-1: not looked at).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $status = Get-RgMpComputerStatus
    $expected = @()
    $compliant = $true
    if ($Step.RealTimeProtection) {
        $expected += 'real-time on'
        $compliant = $compliant -and $status.RealTimeProtectionEnabled
    }
    if ([int]$Step.MaxSignatureAgeDays -ge 0) {
        $expected += 'signatures at most ' + $Step.MaxSignatureAgeDays + ' day(s) old'
        $compliant = $compliant -and $status.AntivirusSignatureAge -le [int]$Step.MaxSignatureAgeDays
    }
    New-RgStepResult -Step $Step -Compliant $compliant -Actual (Get-RgDefenderStatusWords -Status $status) -Expected ($expected -join ', ')
}
