function Test-RgRestartNotice {
    <#
    .SYNOPSIS
        The state the notice is for: a notice is wanted whenever the gate probes report the symptom, so this
        test never passes on its own (Test-RgSteps counts the action as not needed while its gate passes). It
        reports whether the user has turned this sender's notifications off (HKCU ...\Notifications\Settings\<AppId>
        Enabled = 0), in which case no notice can reach them.
    .PARAMETER Step
        The step: AppId, SenderName.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $setting = Get-RgRegistryData -Hive HKCU -SubKey ('Software\Microsoft\Windows\CurrentVersion\Notifications\Settings\' + $Step.AppId) -Name 'Enabled'
    $actual = 'notices from ' + $Step.SenderName + ' allowed'
    if ($setting.Exists -and [int]$setting.Value -eq 0) {
        $actual = 'notices from ' + $Step.SenderName + ' turned off by the user'
    }
    New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected 'the user asked to restart while the gate reports the symptom'
}
