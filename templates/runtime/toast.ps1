function Get-RgToastHistory {
    <#
    .SYNOPSIS
        Seam: the tags of the toasts of one app id still in the signed-in user's notifications
        (ToastNotificationManager.History.GetHistory, a Windows Runtime call; docs/reference/device-health.md 3).
    .PARAMETER AppId
        The AppUserModelID.
    .OUTPUTS
        [string[]]: the tags. Throws when the history cannot be read (no interactive session).
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$AppId
    )
    $null = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]
    $tags = foreach ($toast in [Windows.UI.Notifications.ToastNotificationManager]::History.GetHistory($AppId)) {
        [string]$toast.Tag
    }
    [string[]]@($tags)
}
