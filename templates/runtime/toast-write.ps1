function Show-RgToast {
    <#
    .SYNOPSIS
        Seam: shows a toast to the signed-in user (Windows Runtime ToastNotificationManager, loaded by its
        ContentType = WindowsRuntime type literal, which only Windows PowerShell 5.1 has; docs/reference/device-health.md 3).
        A toast with the same tag replaces the earlier one. Windows drops a toast silently when the app id is not
        registered or its notifications are off: the caller reads the history afterwards.
    .PARAMETER AppId
        The registered AppUserModelID.
    .PARAMETER Xml
        The toast XML.
    .PARAMETER Tag
        The toast's tag.
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'A seam: the step asked ShouldProcess.')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$AppId,

        [Parameter(Mandatory = $true)]
        [string]$Xml,

        [Parameter(Mandatory = $true)]
        [string]$Tag
    )
    $null = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]
    $null = [Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, ContentType = WindowsRuntime]
    $document = [Windows.Data.Xml.Dom.XmlDocument]::new()
    $document.LoadXml($Xml)
    $toast = [Windows.UI.Notifications.ToastNotification]::new($document)
    $toast.Tag = $Tag
    [Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($AppId).Show($toast)
}

function New-RgRestartToastXml {
    <#
    .SYNOPSIS
        The restart notice as toast XML (the Toast XML schema, docs/reference/device-health.md 3): a reminder that
        stays until the user acts; the title and text; a protocol button that opens remgen-restart: and a snooze
        that Windows handles, as the step asks. Every text is escaped for XML.
    .PARAMETER Step
        The step: NoticeTitle, Text, RestartNow, RestartNowText, Snooze.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $actions = ''
    if ($Step.RestartNow) {
        $actions += '<action content="' + [System.Security.SecurityElement]::Escape([string]$Step.RestartNowText) + '" activationType="protocol" arguments="remgen-restart:"/>'
    }
    if ($Step.Snooze) {
        $actions += '<action content="" activationType="system" arguments="snooze"/>'
    }
    $actions += '<action content="" activationType="system" arguments="dismiss"/>'
    '<toast scenario="reminder"><visual><binding template="ToastGeneric"><text>' + [System.Security.SecurityElement]::Escape([string]$Step.NoticeTitle) +
    '</text><text>' + [System.Security.SecurityElement]::Escape([string]$Step.Text) + '</text></binding></visual><actions>' + $actions + '</actions></toast>'
}
