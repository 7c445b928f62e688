function Show-RgRestartNotice {
    <#
    .SYNOPSIS
        Registers the sender (HKCU\Software\Classes\AppUserModelId\<AppId> DisplayName) and, for the restart
        button, the per-user link remgen-restart: (HKCU\Software\Classes\remgen-restart, its command
        %SystemRoot%\System32\shutdown.exe /r /t <delay>), each only when it differs; then shows the toast
        (Show-RgToast) through ShouldProcess and reads the user's notifications again (Get-RgToastHistory): a
        notice that is not there did not reach the user, an error.
    .PARAMETER Step
        The step: NoticeTitle, Text, RestartNow, RestartNowText, RestartDelaySeconds, Snooze, SenderName, AppId.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $appId = [string]$Step.AppId
    $wanted = @(@{ SubKey = 'Software\Classes\AppUserModelId\' + $appId; Name = 'DisplayName'; Value = [string]$Step.SenderName })
    if ($Step.RestartNow) {
        $shutdown = (Get-RgPlatform).SystemRoot + '\System32\shutdown.exe'
        $wanted += @{ SubKey = 'Software\Classes\remgen-restart'; Name = ''; Value = 'URL:remgen restart' }
        $wanted += @{ SubKey = 'Software\Classes\remgen-restart'; Name = 'URL Protocol'; Value = '' }
        $wanted += @{ SubKey = 'Software\Classes\remgen-restart\shell\open\command'; Name = ''; Value = '"' + $shutdown + '" /r /t ' + [int]$Step.RestartDelaySeconds }
    }
    if (-not $PSCmdlet.ShouldProcess('the signed-in user', 'Show the restart notice "' + $Step.NoticeTitle + '" from ' + $Step.SenderName)) {
        return
    }
    foreach ($entry in $wanted) {
        $now = Get-RgRegistryData -Hive HKCU -SubKey $entry.SubKey -Name $entry.Name
        if (-not $now.Exists -or [string]$now.Value -ne $entry.Value) {
            Write-RgRegistryData -Hive HKCU -SubKey $entry.SubKey -Name $entry.Name -Kind String -Value $entry.Value
        }
    }
    Show-RgToast -AppId $appId -Xml (New-RgRestartToastXml -Step $Step) -Tag 'remgen-restart'
    if (@(Get-RgToastHistory -AppId $appId) -notcontains 'remgen-restart') {
        throw ('the restart notice did not reach the user: notices from ' + $Step.SenderName + ' may be turned off, or no one is signed in interactively')
    }
    Write-RgLog -Message ($Step.Id + ': showed the restart notice "' + $Step.NoticeTitle + '" to the signed-in user')
}
